using Letopis.Core.Access;
using Letopis.Core.Data;
using Letopis.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Letopis.Core.Deals;

/// <summary>
/// Keeps <see cref="StageTotal"/> in step with leads and deals: every save that adds, removes,
/// moves, reassigns or re-prices one writes the deltas in its own transaction, so a board's
/// counts and sums never drift from the cards, on any node.
/// </summary>
public static class StageTotals
{
    /// <summary>The changes a save makes to the totals, by stage and responsible person.</summary>
    internal static Dictionary<(Guid Stage, Guid Owner), (long Count, long Amount)> Collect(ChangeTracker tracker)
    {
        var deltas = new Dictionary<(Guid, Guid), (long, long)>();
        foreach (var entry in tracker.Entries<Lead>())
        {
            var (stage, owner) = (entry.Property(l => l.StageId), entry.Property(l => l.ResponsibleId));
            Track(deltas, entry.State, stage.OriginalValue, stage.CurrentValue, owner.OriginalValue, owner.CurrentValue, 0, 0);
        }
        foreach (var entry in tracker.Entries<Deal>())
        {
            var (stage, owner, amount) = (entry.Property(d => d.StageId), entry.Property(d => d.ResponsibleId), entry.Property(d => d.AmountMinor));
            Track(deltas, entry.State, stage.OriginalValue, stage.CurrentValue, owner.OriginalValue, owner.CurrentValue, amount.OriginalValue, amount.CurrentValue);
        }
        foreach (var key in deltas.Where(d => d.Value == (0, 0)).Select(d => d.Key).ToList())
            deltas.Remove(key);
        return deltas;
    }

    private static void Track(
        Dictionary<(Guid, Guid), (long, long)> deltas, EntityState state,
        Guid stageBefore, Guid stageNow, Guid? ownerBefore, Guid? ownerNow, long amountBefore, long amountNow)
    {
        switch (state)
        {
            case EntityState.Added:
                Add(deltas, stageNow, ownerNow, 1, amountNow);
                break;
            case EntityState.Deleted:
                Add(deltas, stageBefore, ownerBefore, -1, -amountBefore);
                break;
            case EntityState.Modified when stageBefore != stageNow || ownerBefore != ownerNow || amountBefore != amountNow:
                Add(deltas, stageBefore, ownerBefore, -1, -amountBefore);
                Add(deltas, stageNow, ownerNow, 1, amountNow);
                break;
        }
    }

    private static void Add(Dictionary<(Guid, Guid), (long, long)> deltas, Guid stage, Guid? owner, long count, long amount)
    {
        var key = (stage, owner ?? Guid.Empty);
        var (c, a) = deltas.GetValueOrDefault(key);
        deltas[key] = (c + count, a + amount);
    }

    /// <summary>Adds the deltas to the save's batch as one multi-row upsert; written inside the saving transaction.</summary>
    internal static Task ApplyAsync(WriteBatch batch, Dictionary<(Guid Stage, Guid Owner), (long Count, long Amount)> deltas, CancellationToken ct) =>
        deltas.Count == 0
            ? Task.CompletedTask
            : batch.InsertAsync(
                """ "StageTotals" ("StageId", "ResponsibleId", "Count", "AmountMinor") """,
                deltas.Select(d => new object?[] { d.Key.Stage, d.Key.Owner, d.Value.Count, d.Value.Amount }),
                ct,
                """ ON CONFLICT ("StageId", "ResponsibleId") DO UPDATE SET "Count" = "StageTotals"."Count" + excluded."Count", "AmountMinor" = "StageTotals"."AmountMinor" + excluded."AmountMinor" """);

    /// <summary>
    /// The count and sum of each of <paramref name="stageIds"/> that the user may see with
    /// <paramref name="kind"/>'s read scope; <paramref name="responsibleId"/> narrows to one person.
    /// </summary>
    public static async Task<Dictionary<Guid, (long Count, long Amount)>> VisibleAsync(
        LetopisDb db, AccessContext access, string kind, IReadOnlyCollection<Guid> stageIds, Guid? responsibleId, CancellationToken ct)
    {
        var totals = db.StageTotals.AsNoTracking().Where(t => stageIds.Contains(t.StageId));
        if (responsibleId is { } only)
        {
            if (!access.Allows(kind, PermissionAction.Read, only))
                return [];
            totals = totals.Where(t => t.ResponsibleId == only);
        }
        else
        {
            var scope = access.ScopeFor(kind, PermissionAction.Read);
            if (scope == AccessScope.None)
                return [];
            if (scope != AccessScope.All)
            {
                var users = access.UsersIn(scope).ToList();
                totals = totals.Where(t => users.Contains(t.ResponsibleId));
            }
        }
        var rows = await totals.GroupBy(t => t.StageId)
            .Select(g => new { g.Key, Count = g.Sum(t => t.Count), Amount = g.Sum(t => t.AmountMinor) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Key, r => (r.Count, r.Amount));
    }

    /// <summary>
    /// Counts from scratch: for a database filled by bulk loading around the application (the
    /// benchmark's generator) or before the totals existed.
    /// </summary>
    public static async Task RecountAsync(LetopisDb db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.StageTotals.ExecuteDeleteAsync(ct);
        var leads = await db.Leads.GroupBy(l => new { l.StageId, l.ResponsibleId })
            .Select(g => new { g.Key.StageId, g.Key.ResponsibleId, Count = g.LongCount() }).ToListAsync(ct);
        var deals = await db.Deals.GroupBy(d => new { d.StageId, d.ResponsibleId })
            .Select(g => new { g.Key.StageId, g.Key.ResponsibleId, Count = g.LongCount(), Amount = g.Sum(d => d.AmountMinor) }).ToListAsync(ct);
        db.StageTotals.AddRange(leads.Select(r => new StageTotal { StageId = r.StageId, ResponsibleId = r.ResponsibleId ?? Guid.Empty, Count = r.Count }));
        db.StageTotals.AddRange(deals.Select(r => new StageTotal { StageId = r.StageId, ResponsibleId = r.ResponsibleId ?? Guid.Empty, Count = r.Count, AmountMinor = r.Amount }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
