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
    /// Names for the ids a page of history holds (a responsible person, a region, a category…),
    /// keyed by the stored value: people and reference-book entries, renamed or archived ones under
    /// their present name. Both are company-wide names that lists show to everyone; other ids stay as stored.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<ChangeDto> changes, CancellationToken ct)
    {
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var values = changes.SelectMany(c => new[] { c.OldValue, c.NewValue }).OfType<string>().Where(v => Guid.TryParse(v, out _)).ToList();
        if (values.Count == 0)
            return found;
        var names = await nameBook.GetAsync(db, null, ct);
        foreach (var value in values)
        {
            var id = Guid.Parse(value);
            if ((names.User(id) ?? names.Reference(id)) is { } name)
                found[value] = name;
        }
        return found;
    }
}
