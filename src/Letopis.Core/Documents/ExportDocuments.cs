using System.Runtime.CompilerServices;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Documents;

/// <summary>One exported line of the registry.</summary>
public sealed record DocumentExportRow(
    string? Number, DateOnly RegisteredOn, string TypeName, string Title, string? Counterparty, string? OurCompany,
    decimal? Amount, string Currency, string Status, string? Responsible, DateOnly? ValidFrom, DateOnly? ValidTo);

/// <summary>
/// The registry as a file, as the directory's export (ADR 0004): exactly the rows the caller sees with
/// the same filters, in the registry's order, streamed from one query and capped at <see cref="MaxRows"/>.
/// </summary>
public sealed class ExportDocuments(ListDocuments list, LetopisDb db)
{
    public const int MaxRows = ExportCounterparties.MaxRows;

    /// <summary>The export's columns in the order of <see cref="DocumentExportRow"/>, as the card names its fields.</summary>
    public static readonly string[] Columns =
        ["number", "registeredOn", "type", "title", "counterpartyId", "ourCompanyId", "amount", "currency", "status", "responsibleId", "validFrom", "validTo"];

    /// <summary>The columns that hold days.</summary>
    public static readonly string[] DateColumns = ["registeredOn", "validFrom", "validTo"];

    /// <summary>The number of rows the export will hold; a filter error, or <see cref="ExportCounterparties.TooLarge"/> with the numbers.</summary>
    public async Task<Result<int>> CountAsync(AccessContext access, DocumentFilter filter, CancellationToken ct)
    {
        var filtered = await list.FilteredAsync(access, filter, ct);
        if (!filtered.IsSuccess)
            return filtered.Error!;
        var total = await filtered.Value.CountAsync(ct);
        if (total > MaxRows)
        {
            return new Error(ExportCounterparties.TooLarge, $"The export is limited to {MaxRows} rows; the filter matches {total}. Narrow it down.",
                Extensions: new Dictionary<string, object?> { ["limit"] = MaxRows, ["total"] = total });
        }
        return total;
    }

    /// <summary>The rows, in the flat registry order (a grouped view exports its documents as a list).</summary>
    public async IAsyncEnumerable<DocumentExportRow> RowsAsync(AccessContext access, DocumentFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        var filtered = await list.FilteredAsync(access, filter, ct);
        if (!filtered.IsSuccess)
            yield break;
        var rows = ListDocuments.Sorted(filtered.Value)
            .Take(MaxRows)
            .Select(d => new
            {
                d.Number,
                d.RegisteredOn,
                TypeName = db.DocumentTypes.Where(t => t.Id == d.TypeId).Select(t => t.Name).FirstOrDefault(),
                d.Title,
                Counterparty = db.Counterparties.Where(c => c.Id == d.CounterpartyId).Select(c => c.Name).FirstOrDefault(),
                OurCompany = db.OurCompanies.Where(c => c.Id == d.OurCompanyId).Select(c => c.Name).FirstOrDefault(),
                d.AmountMinor,
                d.Currency,
                d.Status,
                Responsible = db.Users.Where(u => u.Id == d.ResponsibleId).Select(u => u.FullName).FirstOrDefault(),
                d.ValidFrom,
                d.ValidTo,
            })
            .AsAsyncEnumerable()
            .WithCancellation(ct);
        await foreach (var r in rows)
        {
            yield return new DocumentExportRow(
                r.Number, r.RegisteredOn, r.TypeName ?? "", r.Title, r.Counterparty, r.OurCompany, Document.FromMinor(r.AmountMinor), r.Currency,
                DocumentStatuses.ToApi(r.Status), r.Responsible, r.ValidFrom, r.ValidTo);
        }
    }

    /// <summary>The cells of a row; <paramref name="statusName"/> names a status in the caller's language.</summary>
    public static async IAsyncEnumerable<object?[]> Cells(IAsyncEnumerable<DocumentExportRow> rows, Func<string, string> statusName)
    {
        await foreach (var r in rows)
        {
            yield return
            [
                r.Number, r.RegisteredOn, r.TypeName, r.Title, r.Counterparty, r.OurCompany, r.Amount, r.Amount is null ? null : r.Currency,
                statusName(r.Status), r.Responsible, r.ValidFrom, r.ValidTo,
            ];
        }
    }
}
