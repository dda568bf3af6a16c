using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Letopis.Core.Search;

/// <summary>
/// Contact persons: found by name, phone fragments, e-mail and position. A person gets one row
/// per counterparty they work with, carrying that counterparty's responsible user, so the person
/// is visible exactly when one of their counterparties is — and a person linked to no
/// counterparty has no row at all.
/// </summary>
internal sealed class ContactSearchSource : ISearchSource
{
    public string Kind => ContactPerson.EntityKind;

    public string AccessKind => Counterparty.EntityKind;

    public async Task CollectStaleAsync(LetopisDb db, ChangeTracker changes, ISet<Guid> stale, CancellationToken ct)
    {
        foreach (var entry in changes.Entries<ContactPerson>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                stale.Add(entry.Entity.Id);
        }
        foreach (var entry in changes.Entries<CounterpartyContact>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                stale.Add(entry.Entity.ContactId);
        }

        // A renamed, reassigned or deleted counterparty changes its people's rows: their snippet
        // names it, their visibility follows its responsible, and a deleted one takes its rows along.
        var counterparties = changes.Entries<Counterparty>()
            .Where(e => e.State is EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity.Id)
            .ToList();
        if (counterparties.Count > 0)
        {
            var people = await db.CounterpartyContacts.AsNoTracking()
                .Where(l => counterparties.Contains(l.CounterpartyId))
                .Select(l => l.ContactId)
                .ToListAsync(ct);
            stale.UnionWith(people);
        }
    }

    public async Task<List<SearchRow>> BuildAsync(LetopisDb db, IReadOnlyCollection<Guid> ids, bool stems, CancellationToken ct)
    {
        var links = await (
            from l in db.CounterpartyContacts.AsNoTracking()
            join c in db.ContactPersons on l.ContactId equals c.Id
            join cp in db.Counterparties on l.CounterpartyId equals cp.Id
            where ids.Contains(l.ContactId)
            select new { c.Id, c.FullName, c.Phone, c.Email, l.CounterpartyId, l.Position, CounterpartyName = cp.Name, cp.ResponsibleId })
            .ToListAsync(ct);
        return links.Select(l => new SearchRow(
            Kind, l.Id, AccessKind, l.ResponsibleId, l.CounterpartyId, l.FullName,
            SearchSnippet.Join(l.Position, l.CounterpartyName, l.Phone is null ? null : Phones.Format(l.Phone), l.Email),
            new SearchText(stems).Words(l.FullName).ToString(),
            new SearchText(stems).Number(l.Phone, everyTail: true).Words(l.Email).Words(l.Position).ToString())).ToList();
    }

    public async Task<List<Guid>> NextIdsAsync(LetopisDb db, Guid? after, int take, CancellationToken ct) =>
        after is { } last
            ? await db.Database.SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "ContactPersons" WHERE "Id" > {last} ORDER BY "Id" LIMIT {take}""").ToListAsync(ct)
            : await db.Database.SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "ContactPersons" ORDER BY "Id" LIMIT {take}""").ToListAsync(ct);
}
