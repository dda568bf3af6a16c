using Letopis.Core.Crm;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Data;

/// <summary>
/// Fills the stored sort keys (<see cref="Counterparty.SortName"/>, <see cref="Document.NumberSortKey"/>)
/// of rows written before the keys existed. Saves keep them up to date afterwards; the keys are
/// computed in C# (legal forms, digit runs), which SQL of both providers cannot do alike.
/// </summary>
public static class SortKeys
{
    private const int Batch = 1000;

    /// <summary>How many rows got their key; zero once every row has one (one indexed probe per table).</summary>
    public static async Task<int> EnsureFilledAsync(LetopisDb db, CancellationToken ct)
    {
        var filled = 0;
        while (true)
        {
            var names = await db.Counterparties.AsNoTracking().Where(c => c.SortName == "")
                .OrderBy(c => c.Id).Select(c => new { c.Id, c.Name }).Take(Batch).ToListAsync(ct);
            if (names.Count == 0)
                break;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var row in names)
            {
                var key = CounterpartySortName.Of(row.Name);
                // A name with nothing left to sort by still leaves the batch: it sorts first.
                key = key.Length == 0 ? " " : key;
                await db.Counterparties.Where(c => c.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.SortName, key), ct);
            }
            await transaction.CommitAsync(ct);
            filled += names.Count;
        }
        while (true)
        {
            var numbers = await db.Documents.AsNoTracking().Where(d => d.NumberSortKey == null)
                .OrderBy(d => d.Id).Select(d => new { d.Id, d.Number }).Take(Batch).ToListAsync(ct);
            if (numbers.Count == 0)
                break;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var row in numbers)
            {
                var key = NumberSortKey.Of(row.Number);
                await db.Documents.Where(d => d.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.NumberSortKey, key), ct);
            }
            await transaction.CommitAsync(ct);
            filled += numbers.Count;
        }
        return filled;
    }
}
