using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.History;

/// <summary>A field change as the History tab and the <c>/history</c> endpoints show it.</summary>
public sealed record ChangeDto(
    DateTime At, Guid? UserId, string? UserName, Guid? OnBehalfOfId, string? OnBehalfOfName,
    string Operation, string Field, string? OldValue, string? NewValue);

/// <summary>
/// Reads the history of one record. The caller checks first that the record is visible:
/// a hidden record's history is as hidden as the record.
/// </summary>
public sealed class GetHistory(LetopisDb db, Access.NameBook nameBook)
{
    public async Task<PageOf<ChangeDto>> HandleAsync(string kind, Guid entityId, PageRequest page, CancellationToken ct)
    {
        var total = await Of(kind, entityId).CountAsync(ct);
        var items = await PageAsync(kind, entityId, page, await nameBook.GetAsync(db, null, ct), ct);
        return new PageOf<ChangeDto>(items, total, page.Page, page.PageSize);
    }

    /// <summary>
    /// A page of saves rather than of field rows: every row one save wrote carries the same instant,
    /// so the page is taken over the distinct instants (the (kind, id, at) index serves both the page
    /// and the rows), and a save never splits across pages. A creation lists what was filled in:
    /// a false flag («Удалён — нет») says nothing about a new record.
    /// </summary>
    public async Task<HistoryPage> EntriesAsync(string kind, Guid entityId, PageRequest page, CancellationToken ct)
    {
        var moments = Of(kind, entityId).Select(c => c.At).Distinct();
        var total = await moments.CountAsync(ct);
        var instants = await moments.OrderByDescending(a => a).Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        var names = await nameBook.GetAsync(db, null, ct);
        if (instants.Count == 0)
            return new HistoryPage(new PageOf<HistoryEntryDto>([], total, page.Page, page.PageSize), new Dictionary<string, string>());
        var (newest, oldest) = (instants[0], instants[^1]);
        var rows = await Of(kind, entityId)
            .Where(c => c.At >= oldest && c.At <= newest)
            .Select(c => new { c.Id, c.At, c.UserId, c.OnBehalfOfId, c.Operation, c.Field, c.OldValue, c.NewValue })
            .ToListAsync(ct);
        // A save is its instant, its author and its operation: a creation and an edit never share an
        // entry, even when a clock that stands still (or a handler that creates and then links) gives
        // them one instant. Within an instant the creation comes last, as it came first.
        var entries = rows
            .OrderBy(r => r.Id)
            .GroupBy(r => (r.At, r.UserId, r.OnBehalfOfId, r.Operation))
            .OrderByDescending(g => g.Key.At).ThenBy(g => g.Key.Operation == ChangeOperation.Created)
            .Select(g =>
            {
                var operation = g.Key.Operation;
                var op = operation.ToString().ToLowerInvariant();
                var changes = g
                    .Where(r => !(operation == ChangeOperation.Created && r.OldValue is null && r.NewValue is "false" or "False"))
                    .Select(r => new ChangeDto(r.At, r.UserId, names.User(r.UserId), r.OnBehalfOfId, names.User(r.OnBehalfOfId),
                        r.Operation.ToString().ToLowerInvariant(), r.Field, r.OldValue, r.NewValue))
                    .ToList();
                return new HistoryEntryDto(g.Key.At, g.Key.UserId, names.User(g.Key.UserId), g.Key.OnBehalfOfId, names.User(g.Key.OnBehalfOfId), op, changes);
            })
            .Where(e => e.Changes.Count > 0)
            .ToList();
        var found = await NamesOfAsync(entries.SelectMany(e => e.Changes).SelectMany(c => new[] { c.OldValue, c.NewValue }), names, ct);
        return new HistoryPage(new PageOf<HistoryEntryDto>(entries, total, page.Page, page.PageSize), found);
    }

    /// <summary>
    /// Names for the ids among <paramref name="values"/>: people and reference-book entries from the
    /// name book; registration journals, departments, document types and our companies from their
    /// tables (settings every user works with, named in pick lists to all). Records with access of
    /// their own (counterparties, documents) are not named here: the card that shows them does.
    /// </summary>
    private async Task<Dictionary<string, string>> NamesOfAsync(IEnumerable<string?> values, Access.Names names, CancellationToken ct)
    {
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var unknown = new List<Guid>();
        foreach (var value in values)
        {
            if (value is null || found.ContainsKey(value) || !Guid.TryParse(value, out var id))
                continue;
            if ((names.User(id) ?? names.Reference(id)) is { } name)
                found[value] = name;
            else
                unknown.Add(id);
        }
        unknown = unknown.Distinct().ToList();
        if (unknown.Count == 0)
            return found;
        // Four small look-ups by key, made only when a page holds ids the name book does not know.
        var settings = new List<IdName>();
        settings.AddRange(await db.RegistrationJournals.AsNoTracking().Where(j => unknown.Contains(j.Id)).Select(j => new IdName(j.Id, j.Name)).ToListAsync(ct));
        settings.AddRange(await db.Departments.AsNoTracking().Where(d => unknown.Contains(d.Id)).Select(d => new IdName(d.Id, d.Name)).ToListAsync(ct));
        settings.AddRange(await db.DocumentTypes.AsNoTracking().Where(t => unknown.Contains(t.Id)).Select(t => new IdName(t.Id, t.Name)).ToListAsync(ct));
        settings.AddRange(await db.OurCompanies.AsNoTracking().Where(o => unknown.Contains(o.Id)).Select(o => new IdName(o.Id, o.Name)).ToListAsync(ct));
        foreach (var (id, name) in settings)
        {
            foreach (var value in new[] { id.ToString(), id.ToString("N") })
                found.TryAdd(value, name);
        }
        return found;
    }

    // A named type, not a tuple: Npgsql would read a tuple as a PostgreSQL ROW.
    private sealed record IdName(Guid Id, string Name);

    private IQueryable<ChangeRecord> Of(string kind, Guid entityId) =>
        db.ChangeRecords.AsNoTracking().Where(c => c.EntityKind == kind && c.EntityId == entityId);

    /// <summary>One page, newest first, with the author's and the deputy's names from the node's name book.</summary>
    private async Task<List<ChangeDto>> PageAsync(string kind, Guid entityId, PageRequest page, Access.Names names, CancellationToken ct)
    {
        var rows = await Of(kind, entityId)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Skip(page.Skip).Take(page.PageSize)
            .Select(c => new { c.At, c.UserId, c.OnBehalfOfId, Operation = c.Operation.ToString().ToLower(), c.Field, c.OldValue, c.NewValue })
            .ToListAsync(ct);
        return rows.Select(c => new ChangeDto(
            c.At, c.UserId, names.User(c.UserId), c.OnBehalfOfId, names.User(c.OnBehalfOfId),
            c.Operation, c.Field, c.OldValue, c.NewValue)).ToList();
    }
}

/// <summary>
/// One save of a record as the history tabs show it: when, who, what kind of change
/// (<c>created</c>, <c>updated</c>, <c>deleted</c>) and the fields it touched.
/// </summary>
public sealed record HistoryEntryDto(
    DateTime At, Guid? UserId, string? UserName, Guid? OnBehalfOfId, string? OnBehalfOfName, string Operation, IReadOnlyList<ChangeDto> Changes);

/// <summary>A page of saves (newest first) and the names of the ids their values hold, by stored value.</summary>
public sealed record HistoryPage(PageOf<HistoryEntryDto> Page, IReadOnlyDictionary<string, string> Names);
