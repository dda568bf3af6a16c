using Letopis.Core.Access;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Documents;

/// <summary>
/// Builds document trees: every document of the given roots in one index range (<c>RootId</c>),
/// nodes the caller may not see left out (a visible node under a hidden one becomes a root), and
/// for each node whose type expects accounting documents, which are provided and which missing.
/// Completeness counts only the children the caller may see: a badge «Есть: Акт» naming an act
/// the caller cannot open would tell what the tree hides. Under the tree rule (ADR 0015) every
/// child of a visible node is visible, so this is the contract's whole state for everyone who sees it.
/// </summary>
internal static class DocumentTrees
{
    public static async Task<(List<DocumentTreeNode> Roots, int Count)> BuildAsync(
        LetopisDb db, AccessContext access, IReadOnlyCollection<Guid> rootIds, CancellationToken ct)
    {
        if (rootIds.Count == 0)
            return ([], 0);
        var roots = rootIds.ToList();
        var nodes = await db.Documents.AsNoTracking()
            .Where(d => roots.Contains(d.RootId) && !d.Deleted)
            .Select(d => new
            {
                d.Id,
                d.ParentId,
                d.Number,
                d.RegisteredOn,
                d.TypeId,
                d.Title,
                d.Status,
                d.AmountMinor,
                d.Currency,
                d.CounterpartyId,
                d.ResponsibleId,
            })
            .ToListAsync(ct);
        var visible = (await db.VisibleDocuments(access).Where(d => roots.Contains(d.RootId)).Select(d => d.Id).ToListAsync(ct)).ToHashSet();
        var ids = nodes.Where(n => visible.Contains(n.Id)).Select(n => n.Id).ToList();
        var files = await db.DocumentFiles.AsNoTracking()
            .Where(f => ids.Contains(f.DocumentId) && !f.Deleted)
            .GroupBy(f => f.DocumentId)
            .Select(g => new { DocumentId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.DocumentId, g => g.Count, ct);
        var types = await db.DocumentTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, ct);

        var childrenOf = nodes.Where(n => n.ParentId is not null).ToLookup(n => n.ParentId!.Value);
        DocumentTreeNode Build(Guid id)
        {
            var n = nodes.First(x => x.Id == id);
            var type = types[n.TypeId];
            var children = childrenOf[id].ToList();
            var expected = type.ExpectedChildTypeIds
                .Where(types.ContainsKey)
                .Select(t => new ExpectedChildDto(types[t].Code, types[t].Name,
                    children.Any(c => c.TypeId == t && DocumentStatuses.Provided.Contains(c.Status) && visible.Contains(c.Id))))
                .ToList();
            return new DocumentTreeNode(
                n.Id, n.ParentId, n.Number, n.RegisteredOn, type.Code, type.Name, ApiNames.Of(type.Kind), n.Title,
                DocumentStatuses.ToApi(n.Status), Document.FromMinor(n.AmountMinor), n.Currency, n.CounterpartyId, n.ResponsibleId,
                files.GetValueOrDefault(n.Id), expected, expected.Where(e => !e.Provided).Select(e => e.TypeCode).ToList(),
                children.Where(c => visible.Contains(c.Id)).OrderBy(c => c.RegisteredOn).ThenBy(c => c.Id).Select(c => Build(c.Id)).ToList())
            {
                TypeGender = ApiNames.Of(DocumentType.GenderOf(type.Gender, type.Kind)),
            };
        }

        var top = nodes
            .Where(n => visible.Contains(n.Id) && (n.ParentId is not { } p || !visible.Contains(p)))
            .OrderByDescending(n => n.RegisteredOn).ThenByDescending(n => n.Id)
            .Select(n => Build(n.Id))
            .ToList();
        return (top, ids.Count);
    }
}
