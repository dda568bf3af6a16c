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
        var query = db.ChangeRecords.AsNoTracking()
            .Where(c => c.EntityKind == kind && c.EntityId == entityId);
        var total = await query.CountAsync(ct);
        var items = await query
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Skip(page.Skip).Take(page.PageSize)
            .Select(c => new ChangeDto(
                c.At, c.UserId, db.Users.Where(u => u.Id == c.UserId).Select(u => u.FullName).FirstOrDefault(),
                c.OnBehalfOfId, db.Users.Where(u => u.Id == c.OnBehalfOfId).Select(u => u.FullName).FirstOrDefault(),
                c.Operation.ToString().ToLower(), c.Field, c.OldValue, c.NewValue))
            .ToListAsync(ct);
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
        var items = (await HandleAsync(kind, entityId, page, ct)).Items;
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var ids = items.SelectMany(c => new[] { c.OldValue, c.NewValue })
            .Select(v => (Value: v, Id: Guid.TryParse(v, out var id) ? id : (Guid?)null))
            .Where(v => v.Id is not null)
            .ToList();
        if (ids.Count > 0)
        {
            var names = await nameBook.GetAsync(db, null, ct);
            foreach (var (value, id) in ids)
            {
                if ((names.User(id) ?? names.Reference(id)) is { } name)
                    found[value!] = name;
            }
        }
        return new NamedHistory(items.ToList(), found);
    }
}

/// <summary>A page of history and the names of the ids its values hold, by stored value.</summary>
public sealed record NamedHistory(List<ChangeDto> Items, IReadOnlyDictionary<string, string> Names);
