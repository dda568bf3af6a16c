using Letopis.Core.Access;
using Letopis.Core.Data;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Documents;

/// <summary>Steps shared by the handlers that change a document (a small domain service, not a handler).</summary>
internal static class DocumentWrites
{
    /// <summary>The document tracked for a change, if the caller may see it, with its co-responsible users.</summary>
    public static async Task<(Document? Document, List<Guid> CoResponsible)> LoadAsync(LetopisDb db, AccessContext access, Guid id, CancellationToken ct)
    {
        var document = await db.VisibleDocuments(access).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document is null)
            return (null, []);
        var co = await db.DocumentCoResponsibles.Where(c => c.DocumentId == id).Select(c => c.UserId).ToListAsync(ct);
        return (document, co);
    }

    /// <summary>
    /// Stages the new co-responsible set and its history entry; returns whether it changed. The
    /// card's version covers the set, so a stale editor cannot overwrite it.
    /// </summary>
    public static async Task<bool> ReplaceCoResponsibleAsync(
        LetopisDb db, Document document, IReadOnlyList<Guid> current, IReadOnlyList<Guid> wanted, DateTime now, ICurrentActor? actor, CancellationToken ct)
    {
        var removed = current.Except(wanted).ToList();
        var added = wanted.Except(current).ToList();
        if (removed.Count == 0 && added.Count == 0)
            return false;
        if (removed.Count > 0)
            db.DocumentCoResponsibles.RemoveRange(await db.DocumentCoResponsibles
                .Where(c => c.DocumentId == document.Id && removed.Contains(c.UserId)).ToListAsync(ct));
        foreach (var userId in added)
            db.DocumentCoResponsibles.Add(new DocumentCoResponsible { DocumentId = document.Id, UserId = userId });
        var everyone = current.Union(wanted).ToList();
        var names = await db.Users.Where(u => everyone.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        string? Names(IEnumerable<Guid> ids) =>
            ids.Select(id => names.GetValueOrDefault(id, id.ToString())).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } list
                ? string.Join(", ", list)
                : null;
        db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, document.Id, now, actor, ChangeOperation.Updated,
            "coResponsible", Names(current), Names(wanted)));
        db.Entry(document).Property(d => d.Version).IsModified = true;
        return true;
    }

    /// <summary>
    /// After a document moved under another parent (or to the top), its subtree follows it into
    /// the new tree: every node below it takes the new root. Runs inside the caller's transaction.
    /// </summary>
    public static async Task MoveSubtreeAsync(LetopisDb db, Document document, Guid oldRootId, CancellationToken ct)
    {
        var tree = await db.Documents.AsNoTracking().Where(d => d.RootId == oldRootId && d.Id != document.Id)
            .Select(d => new { d.Id, d.ParentId }).ToListAsync(ct);
        var below = new List<Guid>();
        var frontier = new List<Guid> { document.Id };
        while (frontier.Count > 0)
        {
            var next = tree.Where(d => d.ParentId is { } p && frontier.Contains(p)).Select(d => d.Id).ToList();
            below.AddRange(next);
            frontier = next;
        }
        foreach (var chunk in below.Chunk(500))
            await db.Documents.Where(d => chunk.Contains(d.Id)).ExecuteUpdateAsync(s => s.SetProperty(d => d.RootId, document.RootId), ct);
    }
}
