using Letopis.Core.Access;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Crm;

/// <summary>An existing counterparty that looks like the one being entered, and why.</summary>
public sealed record DuplicateDto(Guid Id, string Name, string? Inn, IReadOnlyList<string> MatchedBy);

/// <summary>
/// Before a counterparty is saved: finds visible cards with the same ИНН, phone or e-mail, or a
/// name that is the same once legal forms, quotes and punctuation are set aside. Hidden cards are
/// not mentioned: a duplicate warning must not reveal what the user may not see.
/// </summary>
public sealed class FindDuplicates(LetopisDb db)
{
    private static readonly string[] LegalForms = ["ООО", "ОАО", "ЗАО", "ПАО", "АО", "ИП", "НКО", "ГУП", "МУП", "ФГУП", "LLC", "LTD"];

    public async Task<List<DuplicateDto>> HandleAsync(AccessContext access, string? name, string? inn, string? phone, string? email, CancellationToken ct)
    {
        var innValue = string.IsNullOrWhiteSpace(inn) ? null : inn.Trim();
        var phoneValue = string.IsNullOrWhiteSpace(phone) ? null : Phones.Normalize(phone);
        var emailValue = string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
        var core = CoreName(name);
        if (innValue is null && phoneValue is null && emailValue is null && core is null)
            return [];

        // One indexed equality per criterion, all in one statement: an OR across columns would scan
        // the whole directory, and four statements cost four round trips through EF Core.
        var visible = db.Counterparties.AsNoTracking().VisibleTo(access, Counterparty.EntityKind);
        IQueryable<Candidate>? matches = null;
        void Add(IQueryable<Counterparty> criterion)
        {
            var part = criterion.OrderBy(c => c.Id).Take(10).Select(c => new Candidate { Id = c.Id, Name = c.Name, NameKey = c.NameKey, Inn = c.Inn, Phone = c.Phone, Email = c.Email });
            matches = matches is null ? part : matches.Concat(part);
        }
        if (innValue is not null)
            Add(visible.Where(c => c.Inn == innValue));
        if (phoneValue is not null)
            Add(visible.Where(c => c.Phone == phoneValue));
        if (emailValue is not null)
            Add(visible.Where(c => c.Email == emailValue));
        if (core is not null)
            Add(visible.Where(c => c.NameKey == core));
        var candidates = new Dictionary<Guid, Candidate>();
        foreach (var c in await matches!.ToListAsync(ct))
            candidates[c.Id] = c;

        var result = new List<DuplicateDto>();
        foreach (var (id, c) in candidates.OrderBy(c => c.Value.Name, StringComparer.CurrentCulture))
        {
            var reasons = new List<string>();
            if (innValue is not null && c.Inn == innValue)
                reasons.Add("inn");
            if (phoneValue is not null && c.Phone == phoneValue)
                reasons.Add("phone");
            if (emailValue is not null && c.Email == emailValue)
                reasons.Add("email");
            if (core is not null && c.NameKey == core)
                reasons.Add("name");
            result.Add(new DuplicateDto(id, c.Name, c.Inn, reasons));
        }
        return result;
    }

    // A named type, not a tuple: Npgsql would read a tuple as a PostgreSQL ROW.
    private sealed class Candidate
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = "";

        public string? NameKey { get; init; }

        public string? Inn { get; init; }

        public string? Phone { get; init; }

        public string? Email { get; init; }
    }

    /// <summary>«ООО "Гранит-Строй"» → «ГРАНИТСТРОЙ»; null when too little is left to compare.</summary>
    public static string? CoreName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;
        var words = name.ToUpperInvariant()
            .Split([' ', '«', '»', '"', '\'', ',', '.', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !LegalForms.Contains(w));
        var core = new string(string.Concat(words).Where(char.IsLetterOrDigit).ToArray());
        return core.Length >= 4 ? core : null;
    }
}
