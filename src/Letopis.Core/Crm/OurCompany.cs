using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using static Letopis.Core.Common.PatchText;

namespace Letopis.Core.Crm;

/// <summary>
/// One of our own legal entities («наши организации»): the party that signs contracts and issues
/// invoices. Document templates take its requisites as <c>ourCompany</c>.
/// </summary>
public class OurCompany : IVersioned, IAudited
{
    public const string EntityKind = "our_company";

    public static string AuditKind => EntityKind;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    [NotAudited]
    public string NameNormalized { get; set; } = "";

    public string? FullName { get; set; }

    public string? Inn { get; set; }

    public string? Kpp { get; set; }

    public string? Ogrn { get; set; }

    public string? Address { get; set; }

    public string? Bik { get; set; }

    public string? BankName { get; set; }

    public string? CorrespondentAccount { get; set; }

    public string? Account { get; set; }

    /// <summary>Who signs: «Генеральный директор».</summary>
    public string? SignatoryPosition { get; set; }

    /// <summary>Who signs: «Соколов Андрей Викторович».</summary>
    public string? SignatoryName { get; set; }

    public bool IsArchived { get; set; }

    public int Version { get; set; }
}

internal sealed class OurCompanyConfiguration : IEntityTypeConfiguration<OurCompany>
{
    public void Configure(EntityTypeBuilder<OurCompany> e)
    {
        e.Property(c => c.Name).HasMaxLength(TextLimits.Name).IsRequired();
        e.Property(c => c.NameNormalized).HasMaxLength(TextLimits.Name).IsRequired();
        e.Property(c => c.FullName).HasMaxLength(1000);
        e.Property(c => c.Inn).HasMaxLength(12);
        e.Property(c => c.Kpp).HasMaxLength(9);
        e.Property(c => c.Ogrn).HasMaxLength(15);
        e.Property(c => c.Address).HasMaxLength(TextLimits.Address);
        e.Property(c => c.Bik).HasMaxLength(9);
        e.Property(c => c.BankName).HasMaxLength(TextLimits.Name);
        e.Property(c => c.CorrespondentAccount).HasMaxLength(20);
        e.Property(c => c.Account).HasMaxLength(20);
        e.Property(c => c.SignatoryPosition).HasMaxLength(TextLimits.Name);
        e.Property(c => c.SignatoryName).HasMaxLength(TextLimits.Name);
        e.Property(c => c.Version).IsConcurrencyToken();
        e.HasIndex(c => c.NameNormalized).IsUnique();
    }
}

/// <summary>Our legal entity as the reference book, the API and templates show it.</summary>
public sealed record OurCompanyDto(
    Guid Id, string Name, string? FullName, string? Inn, string? Kpp, string? Ogrn, string? Address, string? Bik, string? BankName,
    string? CorrespondentAccount, string? Account, string? SignatoryPosition, string? SignatoryName, bool IsArchived, int Version);

/// <summary>The fields of our legal entity in a create or merge-patch request.</summary>
public sealed record OurCompanyFields(
    Optional<string?> Name, Optional<string?> FullName, Optional<string?> Inn, Optional<string?> Kpp, Optional<string?> Ogrn,
    Optional<string?> Address, Optional<string?> Bik, Optional<string?> BankName, Optional<string?> CorrespondentAccount,
    Optional<string?> Account, Optional<string?> SignatoryPosition, Optional<string?> SignatoryName, Optional<bool?> IsArchived);

/// <summary>
/// The «наши организации» reference book. Everyone signed in reads it (templates need it);
/// editing needs the right to edit counterparties, as the other reference books do: keeping
/// requisites current is office work, not an administrator's.
/// </summary>
public sealed class ManageOurCompanies(LetopisDb db)
{
    public async Task<List<OurCompanyDto>> ListAsync(bool includeArchived, CancellationToken ct)
    {
        var query = db.OurCompanies.AsNoTracking();
        if (!includeArchived)
            query = query.Where(c => !c.IsArchived);
        return await query.OrderBy(c => c.NameNormalized).Select(c => ToDto(c)).ToListAsync(ct);
    }

    public async Task<Result<OurCompanyDto>> GetAsync(Guid id, CancellationToken ct) =>
        await db.OurCompanies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is { } c ? ToDto(c) : Error.NotFound();

    public async Task<Result<OurCompanyDto>> CreateAsync(AccessContext access, OurCompanyFields fields, CancellationToken ct)
    {
        if (!MayEdit(access))
            return Error.Forbidden();
        var company = new OurCompany();
        if (await ApplyAsync(company, fields, ct) is { } invalid)
            return invalid;
        db.OurCompanies.Add(company);
        await db.SaveChangesAsync(ct);
        return ToDto(company);
    }

    public async Task<Result<OurCompanyDto>> UpdateAsync(
        AccessContext access, Guid id, OurCompanyFields fields, int? version, int? ifMatch, CancellationToken ct)
    {
        if (!MayEdit(access))
            return Error.Forbidden();
        var company = await db.OurCompanies.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (company is null)
            return Error.NotFound();
        if (VersionCheck.Fails(company.Version, version, ifMatch) is { } stale)
            return stale;
        if (await ApplyAsync(company, fields, ct) is { } invalid)
            return invalid;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return ToDto(company);
    }

    public static bool MayEdit(AccessContext access) => access.ScopeFor(Counterparty.EntityKind, PermissionAction.Edit) != AccessScope.None;

    private async Task<Error?> ApplyAsync(OurCompany target, OurCompanyFields f, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var name = Text(f.Name, target.Name, "name", TextLimits.Name, errors, required: true);
        var fullName = Text(f.FullName, target.FullName, "fullName", 1000, errors);
        var inn = Text(f.Inn, target.Inn, "inn", 50, errors);
        if (inn is not null && Requisites.InnError(inn) is { } innError)
            errors.Add(("inn", innError));
        var kpp = Text(f.Kpp, target.Kpp, "kpp", 9, errors)?.ToUpperInvariant();
        if (kpp is not null && !Requisites.IsValidKpp(kpp))
            errors.Add(("kpp", FieldErrors.Invalid));
        var ogrn = Text(f.Ogrn, target.Ogrn, "ogrn", 15, errors);
        if (ogrn is not null && !(ogrn.Length == 13 ? Requisites.IsValidOgrn(ogrn) : Requisites.IsValidOgrnip(ogrn)))
            errors.Add(("ogrn", "checksum"));
        var address = Text(f.Address, target.Address, "address", TextLimits.Address, errors);
        var bik = f.Bik.HasValue ? BankAccountRules.Digits(f.Bik.Value) : target.Bik;
        var bankName = Text(f.BankName, target.BankName, "bankName", TextLimits.Name, errors);
        var corr = f.CorrespondentAccount.HasValue ? BankAccountRules.Digits(f.CorrespondentAccount.Value) : target.CorrespondentAccount;
        var account = f.Account.HasValue ? BankAccountRules.Digits(f.Account.Value) : target.Account;
        // The bank details are optional as a whole, but once any is given they must add up.
        if (bik is not null || account is not null || corr is not null)
            BankAccountRules.Check(bik, bankName, account, corr, errors, bankNameRequired: false);
        var position = Text(f.SignatoryPosition, target.SignatoryPosition, "signatoryPosition", TextLimits.Name, errors);
        var signatory = Text(f.SignatoryName, target.SignatoryName, "signatoryName", TextLimits.Name, errors);
        if (name is not null && await db.OurCompanies.AnyAsync(c => c.NameNormalized == name.ToUpperInvariant() && c.Id != target.Id, ct))
            errors.Add(("name", FieldErrors.Duplicate));
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        target.Name = name!;
        target.NameNormalized = name!.ToUpperInvariant();
        target.FullName = fullName;
        target.Inn = inn;
        target.Kpp = kpp;
        target.Ogrn = ogrn;
        target.Address = address;
        target.Bik = bik;
        target.BankName = bankName;
        target.CorrespondentAccount = corr;
        target.Account = account;
        target.SignatoryPosition = position;
        target.SignatoryName = signatory;
        if (f.IsArchived is { HasValue: true, Value: { } archived })
            target.IsArchived = archived;
        return null;
    }

    private static OurCompanyDto ToDto(OurCompany c) => new(
        c.Id, c.Name, c.FullName, c.Inn, c.Kpp, c.Ogrn, c.Address, c.Bik, c.BankName, c.CorrespondentAccount, c.Account,
        c.SignatoryPosition, c.SignatoryName, c.IsArchived, c.Version);
}
