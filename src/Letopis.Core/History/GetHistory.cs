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
    /// A page of history with names for the ids it holds (a responsible person, a region, a
    /// category…), keyed by the stored value: people and reference-book entries, renamed or archived
    /// ones under their present name. Both are company-wide names that lists show to everyone; other
    /// ids stay as stored. The history tabs show these names; the API returns values as stored.
    /// </summary>
    public async Task<NamedHistory> WithNamesAsync(string kind, Guid entityId, PageRequest page, CancellationToken ct)
    {
        var names = await nameBook.GetAsync(db, null, ct);
        var items = await PageAsync(kind, entityId, page, names, ct);
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in items.SelectMany(c => new[] { c.OldValue, c.NewValue }))
        {
            if (Guid.TryParse(value, out var id) && (names.User(id) ?? names.Reference(id)) is { } name)
                found[value] = name;
        }
        return new NamedHistory(items, found);
    }

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

/// <summary>A page of history and the names of the ids its values hold, by stored value.</summary>
public sealed record NamedHistory(List<ChangeDto> Items, IReadOnlyDictionary<string, string> Names);
