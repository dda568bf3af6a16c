using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Crm;

/// <summary>A counterparty's bank account as the card and the API show it.</summary>
public sealed record BankAccountDto(
    Guid Id, string Bik, string BankName, string? CorrespondentAccount, string Account, bool IsMain, int Version);

/// <summary>A bank account to add, or the fields to change (merge patch: absent fields stay).</summary>
/// <param name="Bik">БИК, nine digits.</param>
/// <param name="BankName">The bank's name: «ПАО Сбербанк».</param>
/// <param name="CorrespondentAccount">The bank's correspondent account (20 digits, optional); checked against the БИК.</param>
/// <param name="Account">The settlement account (20 digits); its control digit is checked against the БИК.</param>
/// <param name="IsMain">Make it the main account (the first account is main anyway).</param>
public sealed record BankAccountFields(
    Optional<string?> Bik, Optional<string?> BankName, Optional<string?> CorrespondentAccount, Optional<string?> Account,
    Optional<bool?> IsMain);

/// <summary>
/// Bank accounts of a counterparty. They follow the card: hidden card, hidden accounts (404);
/// writing needs the right to edit the card. Every change lands in the card's history and timeline.
/// </summary>
public sealed class ManageBankAccounts(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public const string Field = "bankAccounts";

    public async Task<Result<List<BankAccountDto>>> ListAsync(AccessContext access, Guid counterpartyId, CancellationToken ct)
    {
        if (!await db.Counterparties.VisibleTo(access, Counterparty.EntityKind).AnyAsync(c => c.Id == counterpartyId, ct))
            return Error.NotFound();
        return await db.BankAccounts.AsNoTracking().Where(b => b.CounterpartyId == counterpartyId)
            .OrderByDescending(b => b.IsMain).ThenBy(b => b.CreatedAt)
            .Select(b => new BankAccountDto(b.Id, b.Bik, b.BankName, b.CorrespondentAccount, b.Account, b.IsMain, b.Version))
            .ToListAsync(ct);
    }

    public async Task<Result<BankAccountDto>> AddAsync(AccessContext access, Guid counterpartyId, BankAccountFields fields, CancellationToken ct)
    {
        if (await EditableAsync(access, counterpartyId, ct) is { } denied)
            return denied;
        var account = new BankAccount { CounterpartyId = counterpartyId, CreatedAt = time.GetUtcNow().UtcDateTime };
        if (Apply(account, fields) is { } invalid)
            return invalid;
        var others = await db.BankAccounts.Where(b => b.CounterpartyId == counterpartyId).ToListAsync(ct);
        account.IsMain = fields.IsMain.Value == true || others.Count == 0;
        if (account.IsMain)
            others.ForEach(o => o.IsMain = false);
        db.BankAccounts.Add(account);
        Record(counterpartyId, null, account.Describe());
        await db.SaveChangesAsync(ct);
        return ToDto(account);
    }

    public async Task<Result<BankAccountDto>> UpdateAsync(
        AccessContext access, Guid counterpartyId, Guid accountId, BankAccountFields fields, int? version, CancellationToken ct)
    {
        if (await EditableAsync(access, counterpartyId, ct) is { } denied)
            return denied;
        var account = await db.BankAccounts.SingleOrDefaultAsync(b => b.Id == accountId && b.CounterpartyId == counterpartyId, ct);
        if (account is null)
            return Error.NotFound();
        if (VersionCheck.Fails(account.Version, version, null) is { } stale)
            return stale;
        var before = account.Describe();
        if (Apply(account, fields) is { } invalid)
            return invalid;
        if (fields.IsMain is { HasValue: true, Value: true } && !account.IsMain)
        {
            await db.BankAccounts.Where(b => b.CounterpartyId == counterpartyId && b.Id != accountId).ForEachAsync(b => b.IsMain = false, ct);
            account.IsMain = true;
        }
        // «Not main» alone would leave the card without a main account; another one must be chosen instead.
        var after = account.Describe();
        if (before != after)
            Record(counterpartyId, before, after);
        else if (db.Entry(account).Property(a => a.IsMain).IsModified)
            Record(counterpartyId, null, after, "mainBankAccount");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return ToDto(account);
    }

    public async Task<Result<bool>> DeleteAsync(AccessContext access, Guid counterpartyId, Guid accountId, CancellationToken ct)
    {
        if (await EditableAsync(access, counterpartyId, ct) is { } denied)
            return denied;
        var account = await db.BankAccounts.SingleOrDefaultAsync(b => b.Id == accountId && b.CounterpartyId == counterpartyId, ct);
        if (account is null)
            return Error.NotFound();
        db.BankAccounts.Remove(account);
        if (account.IsMain)
        {
            // The oldest remaining account takes over, so a card with accounts always has a main one.
            var next = await db.BankAccounts.Where(b => b.CounterpartyId == counterpartyId && b.Id != accountId)
                .OrderBy(b => b.CreatedAt).FirstOrDefaultAsync(ct);
            if (next is not null)
                next.IsMain = true;
        }
        Record(counterpartyId, account.Describe(), null);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<Error?> EditableAsync(AccessContext access, Guid counterpartyId, CancellationToken ct)
    {
        var responsible = await db.Counterparties.VisibleTo(access, Counterparty.EntityKind).Where(c => c.Id == counterpartyId)
            .Select(c => new { c.ResponsibleId }).SingleOrDefaultAsync(ct);
        if (responsible is null)
            return Error.NotFound();
        return access.Allows(Counterparty.EntityKind, PermissionAction.Edit, responsible.ResponsibleId) ? null : Error.Forbidden();
    }

    private static Error? Apply(BankAccount target, BankAccountFields f)
    {
        var bik = f.Bik.HasValue ? BankAccountRules.Digits(f.Bik.Value) : target.Bik;
        var bankName = f.BankName.HasValue ? f.BankName.Value?.Trim() : target.BankName;
        var account = f.Account.HasValue ? BankAccountRules.Digits(f.Account.Value) : target.Account;
        var corr = f.CorrespondentAccount.HasValue ? BankAccountRules.Digits(f.CorrespondentAccount.Value) : target.CorrespondentAccount;
        var errors = new List<(string, string)>();
        BankAccountRules.Check(bik, bankName, account, corr, errors);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        target.Bik = bik!;
        target.BankName = bankName!;
        target.Account = account!;
        target.CorrespondentAccount = corr;
        return null;
    }

    private void Record(Guid counterpartyId, string? oldValue, string? newValue, string field = Field)
    {
        var now = time.GetUtcNow().UtcDateTime;
        db.ChangeRecords.Add(ChangeRecord.Of(Counterparty.EntityKind, counterpartyId, now, actor, ChangeOperation.Updated, field, oldValue, newValue));
        var kind = oldValue is null ? TimelineKinds.BankAccountAdded : newValue is null ? TimelineKinds.BankAccountRemoved : TimelineKinds.BankAccountChanged;
        Timeline.Add(db, counterpartyId, now, actor, kind, newValue ?? oldValue);
    }

    internal static BankAccountDto ToDto(BankAccount b) => new(b.Id, b.Bik, b.BankName, b.CorrespondentAccount, b.Account, b.IsMain, b.Version);
}
