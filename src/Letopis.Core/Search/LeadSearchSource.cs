using System.Linq.Expressions;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Letopis.Core.Search;

/// <summary>Leads: found by title, company and contact name, phone fragments, e-mail, ИНН and comment.</summary>
internal sealed class LeadSearchSource : ISearchSource
{
    private static readonly Expression<Func<Lead, Fields>> FieldsOf = l =>
        new Fields(l.Id, l.Title, l.CompanyName, l.ContactName, l.Phone, l.Email, l.Inn, l.Comment, l.ResponsibleId);

    private static readonly Func<Lead, Fields> FieldsOfTracked = FieldsOf.Compile();

    public string Kind => Lead.EntityKind;

    public string AccessKind => Lead.EntityKind;

    public Task CollectStaleAsync(LetopisDb db, ChangeTracker changes, ISet<Guid> stale, CancellationToken ct)
    {
        foreach (var entry in changes.Entries<Lead>())
        {
            if (entry.State is EntityState.Added or EntityState.Deleted
                || (entry.State == EntityState.Modified && entry.Properties.Any(p => p.IsModified && Indexed.Contains(p.Metadata.Name))))
                stale.Add(entry.Entity.Id);
        }
        return Task.CompletedTask;
    }

    // A move on the board changes none of these: it leaves the index alone.
    private static readonly HashSet<string> Indexed =
    [
        nameof(Lead.Title), nameof(Lead.CompanyName), nameof(Lead.ContactName), nameof(Lead.Phone), nameof(Lead.Email),
        nameof(Lead.Inn), nameof(Lead.Comment), nameof(Lead.ResponsibleId),
    ];

    public IReadOnlyList<SearchRow> BuildAdded(ChangeTracker changes, ISet<Guid> stale, bool stems)
    {
        var rows = new List<SearchRow>();
        foreach (var entry in changes.Entries<Lead>())
        {
            if (entry.State == EntityState.Added && stale.Remove(entry.Entity.Id))
                rows.Add(Row(FieldsOfTracked(entry.Entity), stems));
        }
        return rows;
    }

    public async Task<List<SearchRow>> BuildAsync(LetopisDb db, IReadOnlyCollection<Guid> ids, bool stems, CancellationToken ct)
    {
        var records = await db.Leads.AsNoTracking().Where(l => ids.Contains(l.Id)).Select(FieldsOf).ToListAsync(ct);
        return records.Select(l => Row(l, stems)).ToList();
    }

    private SearchRow Row(Fields l, bool stems) => new(
        Kind, l.Id, AccessKind, l.ResponsibleId, null, l.Title,
        SearchSnippet.Join(l.CompanyName, l.ContactName, l.Phone is null ? null : Phones.Format(l.Phone), l.Email),
        new SearchText(stems).Words(l.Title).ToString(),
        new SearchText(stems).Words(l.CompanyName).Words(l.ContactName).Number(l.Inn).Number(l.Phone, everyTail: true)
            .Words(l.Email).Words(l.Comment).ToString());

    private sealed record Fields(
        Guid Id, string Title, string? CompanyName, string? ContactName, string? Phone, string? Email, string? Inn, string? Comment,
        Guid? ResponsibleId);

    public async Task<List<Guid>> NextIdsAsync(LetopisDb db, Guid? after, int take, CancellationToken ct) =>
        after is { } last
            ? await db.Database.SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "Leads" WHERE "Id" > {last} ORDER BY "Id" LIMIT {take}""").ToListAsync(ct)
            : await db.Database.SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "Leads" ORDER BY "Id" LIMIT {take}""").ToListAsync(ct);
}
