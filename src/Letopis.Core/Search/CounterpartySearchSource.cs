using System.Linq.Expressions;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Letopis.Core.Search;

/// <summary>Counterparties: found by name, full name, ИНН/КПП/ОГРН, phone and fax fragments, e-mail and site.</summary>
internal sealed class CounterpartySearchSource : ISearchSource
{
    /// <summary>What a row is made of: EF Core reads only these columns; a tracked card is read through the compiled twin.</summary>
    private static readonly Expression<Func<Counterparty, Fields>> FieldsOf = c =>
        new Fields(c.Id, c.Name, c.FullName, c.Inn, c.Kpp, c.Ogrn, c.Phone, c.Fax, c.Email, c.Website, c.ResponsibleId);

    private static readonly Func<Counterparty, Fields> FieldsOfTracked = FieldsOf.Compile();

    public string Kind => Counterparty.EntityKind;

    public string AccessKind => Counterparty.EntityKind;

    public Task CollectStaleAsync(LetopisDb db, ChangeTracker changes, ISet<Guid> stale, CancellationToken ct)
    {
        foreach (var entry in changes.Entries<Counterparty>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                stale.Add(entry.Entity.Id);
        }
        return Task.CompletedTask;
    }

    public IReadOnlyList<SearchRow> BuildAdded(ChangeTracker changes, ISet<Guid> stale, bool stems)
    {
        var rows = new List<SearchRow>();
        foreach (var entry in changes.Entries<Counterparty>())
        {
            if (entry.State == EntityState.Added && stale.Remove(entry.Entity.Id))
                rows.Add(Row(FieldsOfTracked(entry.Entity), stems));
        }
        return rows;
    }

    public async Task<List<SearchRow>> BuildAsync(LetopisDb db, IReadOnlyCollection<Guid> ids, bool stems, CancellationToken ct)
    {
        var records = await db.Counterparties.AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .Select(FieldsOf)
            .ToListAsync(ct);
        return records.Select(c => Row(c, stems)).ToList();
    }

    private SearchRow Row(Fields c, bool stems) => new(
        Kind, c.Id, AccessKind, c.ResponsibleId, null, c.Name,
        SearchSnippet.Join(c.Inn, c.Phone is null ? null : Phones.Format(c.Phone), c.Email),
        new SearchText(stems).Words(c.Name).ToString(),
        new SearchText(stems).Words(c.FullName).Number(c.Inn).Number(c.Kpp).Number(c.Ogrn)
            .Number(c.Phone, everyTail: true).Number(c.Fax, everyTail: true)
            .Words(c.Email).Words(SearchSnippet.Host(c.Website)).ToString());

    /// <summary>What a counterparty's row is made of, read from the database or taken from a tracked entity.</summary>
    private sealed record Fields(
        Guid Id, string Name, string? FullName, string? Inn, string? Kpp, string? Ogrn, string? Phone, string? Fax,
        string? Email, string? Website, Guid? ResponsibleId);

    public async Task<List<Guid>> NextIdsAsync(LetopisDb db, Guid? after, int take, CancellationToken ct) =>
        after is { } last
            ? await db.Database.SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "Counterparties" WHERE "Id" > {last} ORDER BY "Id" LIMIT {take}""").ToListAsync(ct)
            : await db.Database.SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "Counterparties" ORDER BY "Id" LIMIT {take}""").ToListAsync(ct);
}

internal static class SearchSnippet
{
    public static string? Join(params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return present.Count == 0 ? null : string.Join(" · ", present);
    }

    /// <summary>«https://www.granit.ru/about» → «granit.ru»: the part of an address worth searching.</summary>
    public static string? Host(string? website)
    {
        if (string.IsNullOrWhiteSpace(website))
            return null;
        var text = website.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
            text = text[(scheme + 3)..];
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
            text = text[..slash];
        return text.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? text[4..] : text;
    }
}
