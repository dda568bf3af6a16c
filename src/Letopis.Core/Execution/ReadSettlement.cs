using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Execution;

/// <summary>
/// «Взаиморасчёты» of a contract and of a counterparty, and their XLSX export. Cancelled points count for
/// nothing; the balance is planned minus paid. A counterparty's settlement is one grouped range of its points
/// (they carry the counterparty), restricted to the contracts the caller may read.
/// </summary>
public sealed class ReadSettlement(LetopisDb db, TimeProvider time, CompanyTimeZone company)
{
    /// <summary>The most overdue points and stages without an act a counterparty's settlement lists.</summary>
    public const int ListLimit = 100;

    /// <summary>Keys of the workbook's columns and words, which the caller's <c>label</c> words.</summary>
    public static class ExportKeys
    {
        public const string Sheet = "sheet";
        public const string Number = "number";
        public const string Title = "title";
        public const string Kind = "kind";
        public const string DueOn = "dueOn";
        public const string Responsible = "responsible";
        public const string Status = "status";
        public const string Planned = "planned";
        public const string Paid = "paid";
        public const string Acted = "acted";
        public const string Balance = "balance";
        public const string Currency = "currency";
        public const string Overdue = "overdue";
        public const string OverdueCount = "overdueCount";
        public const string DoneOn = "doneOn";
        public const string ClosingDocument = "closingDocument";
        public const string MissReason = "missReason";
        public const string Total = "total";
        public const string Yes = "yes";

        /// <summary>Kinds and statuses are worded as <c>kind.stage</c>, <c>status.open</c>.</summary>
        public static string Of(string prefix, string apiName) => prefix + "." + apiName;
    }

    private DateOnly Today => company.Today(time);

    public async Task<Result<SettlementDto>> ForDocumentAsync(AccessContext access, Guid documentId, CancellationToken ct)
    {
        var document = await db.VisibleDocuments(access).AsNoTracking().Where(d => d.Id == documentId)
            .Select(d => new { d.Id, d.Number, d.Title, d.Currency }).SingleOrDefaultAsync(ct);
        if (document is null)
            return Error.NotFound();
        var points = await db.ControlPoints.AsNoTracking().Where(p => p.DocumentId == documentId && p.Status != ControlPointStatus.Cancelled)
            .OrderBy(p => p.Order).ThenBy(p => p.DueOn).ThenBy(p => p.Id).ToListAsync(ct);
        var today = Today;
        var flagged = points.Where(p => ControlPointViews.IsOverdue(p, today) || ControlPointViews.LacksAct(p)).ToList();
        var dtos = await ControlPointViews.ToDtosAsync(db, flagged, today, ct);
        var planned = points.Sum(p => p.PlannedMinor ?? 0);
        var paid = points.Sum(p => p.PaidMinor);
        return new SettlementDto(document.Id, document.Number, document.Title, ControlPointViews.Money(planned), ControlPointViews.Money(paid),
            ControlPointViews.Money(points.Sum(p => p.ActedMinor)), ControlPointViews.Money(planned - paid), document.Currency,
            dtos.Where(p => p.Overdue).OrderBy(p => p.DueOn).ToList(), dtos.Where(p => p.LacksAct).ToList());
    }

    public async Task<Result<CounterpartySettlementDto>> ForCounterpartyAsync(AccessContext access, Guid counterpartyId, CancellationToken ct)
    {
        var counterparty = await db.Counterparties.VisibleTo(access, Counterparty.EntityKind).AsNoTracking()
            .Where(c => c.Id == counterpartyId).Select(c => new { c.Id, c.Name }).SingleOrDefaultAsync(ct);
        if (counterparty is null)
            return Error.NotFound();
        var today = Today;
        var grouped = await db.ControlPoints.AsNoTracking()
            .Where(p => p.CounterpartyId == counterpartyId && p.Status != ControlPointStatus.Cancelled)
            .GroupBy(p => p.DocumentId)
            .Select(g => new
            {
                DocumentId = g.Key,
                Planned = g.Sum(p => p.PlannedMinor ?? 0),
                Paid = g.Sum(p => p.PaidMinor),
                Acted = g.Sum(p => p.ActedMinor),
                Overdue = g.Count(p => p.Status == ControlPointStatus.Open && p.DueOn < today),
            })
            .ToListAsync(ct);
        var ids = grouped.Select(g => g.DocumentId).ToList();
        var documents = ids.Count == 0 ? [] : await db.VisibleDocuments(access).AsNoTracking()
            .Where(d => d.CounterpartyId == counterpartyId && ids.Contains(d.Id))
            .Select(d => new { d.Id, d.Number, d.NumberSortKey, d.RegisteredOn, d.Title, d.Currency })
            .ToDictionaryAsync(d => d.Id, ct);
        var contracts = grouped.Where(g => documents.ContainsKey(g.DocumentId))
            .Select(g => (Row: g, Document: documents[g.DocumentId]))
            .OrderBy(x => x.Document.RegisteredOn).ThenBy(x => x.Document.NumberSortKey, StringComparer.Ordinal).ThenBy(x => x.Document.Id)
            .ToList();
        // Sums of different currencies do not add up: the totals are in the currency most contracts use (RUB on a tie).
        var currency = contracts.GroupBy(c => c.Document.Currency)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key == "RUB").ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault() ?? "RUB";
        var counted = contracts.Where(c => c.Document.Currency == currency).ToList();
        var planned = counted.Sum(c => c.Row.Planned);
        var paid = counted.Sum(c => c.Row.Paid);

        var visibleIds = documents.Keys.ToList();
        var overdue = new List<ControlPoint>();
        var withoutAct = new List<ControlPoint>();
        if (visibleIds.Count > 0)
        {
            overdue = await db.ControlPoints.AsNoTracking()
                .Where(p => p.CounterpartyId == counterpartyId && p.Status == ControlPointStatus.Open && p.DueOn < today && visibleIds.Contains(p.DocumentId))
                .OrderBy(p => p.DueOn).ThenBy(p => p.Id).Take(ListLimit).ToListAsync(ct);
            withoutAct = await db.ControlPoints.AsNoTracking()
                .Where(p => p.CounterpartyId == counterpartyId && p.Status == ControlPointStatus.Done && p.ActRequired && p.ClosingDocumentId == null
                    && visibleIds.Contains(p.DocumentId))
                .OrderBy(p => p.DueOn).ThenBy(p => p.Id).Take(ListLimit).ToListAsync(ct);
        }
        var flagged = await ControlPointViews.ToDtosAsync(db, [.. overdue, .. withoutAct], today, ct);

        return new CounterpartySettlementDto(counterparty.Id, counterparty.Name, ControlPointViews.Money(planned), ControlPointViews.Money(paid),
            ControlPointViews.Money(counted.Sum(c => c.Row.Acted)), ControlPointViews.Money(planned - paid), currency,
            contracts.Sum(c => c.Row.Overdue),
            contracts.Select(c => new ContractSettlementDto(c.Document.Id, c.Document.Number, c.Document.Title, ControlPointViews.Money(c.Row.Planned),
                ControlPointViews.Money(c.Row.Paid), ControlPointViews.Money(c.Row.Acted), ControlPointViews.Money(c.Row.Planned - c.Row.Paid),
                c.Document.Currency, c.Row.Overdue)).ToList(),
            flagged.Take(overdue.Count).ToList(), flagged.Skip(overdue.Count).ToList());
    }

    /// <summary>
    /// The settlement as a workbook: of a contract (its points, then the totals) when <paramref name="documentId"/> is
    /// given, else of the counterparty (its contracts, then the totals). <paramref name="label"/> words a key of
    /// <see cref="ExportKeys"/> in the caller's language.
    /// </summary>
    public async Task<Result<SettlementFile>> XlsxAsync(
        AccessContext access, Guid? documentId, Guid? counterpartyId, Func<string, string> label, CancellationToken ct)
    {
        List<string> headers;
        List<object?[]> rows;
        string name;
        var dateHeaders = new List<string>();
        if (documentId is { } id)
        {
            var settlement = await ForDocumentAsync(access, id, ct);
            if (!settlement.IsSuccess)
                return settlement.Error!;
            var all = await db.ControlPoints.AsNoTracking().Where(p => p.DocumentId == id && p.Status != ControlPointStatus.Cancelled)
                .OrderBy(p => p.Order).ThenBy(p => p.DueOn).ThenBy(p => p.Id).ToListAsync(ct);
            var points = await ControlPointViews.ToDtosAsync(db, all, Today, ct);
            headers = [.. new[]
            {
                ExportKeys.Kind, ExportKeys.Title, ExportKeys.DueOn, ExportKeys.Responsible, ExportKeys.Status, ExportKeys.Planned, ExportKeys.Paid,
                ExportKeys.Acted, ExportKeys.Balance, ExportKeys.Overdue, ExportKeys.DoneOn, ExportKeys.ClosingDocument, ExportKeys.MissReason,
            }.Select(label)];
            dateHeaders = [label(ExportKeys.DueOn), label(ExportKeys.DoneOn)];
            rows = points.Select(p => new object?[]
            {
                label(ExportKeys.Of(ExportKeys.Kind, p.Kind)), p.Title, p.DueOn, p.ResponsibleName, label(ExportKeys.Of(ExportKeys.Status, p.Status)),
                p.Amount ?? 0m, p.Paid, p.Acted, p.Left ?? -p.Paid, p.Overdue ? label(ExportKeys.Yes) : null, p.DoneOn,
                p.ClosingDocumentId is null ? null : $"{p.ClosingDocumentNumber} {p.ClosingDocumentTitle}".Trim(), p.MissReason,
            }).ToList();
            var s = settlement.Value;
            rows.Add([label(ExportKeys.Total), null, null, null, null, s.Planned, s.Paid, s.Acted, s.Balance, null, null, null, null]);
            name = s.Number ?? s.Title;
        }
        else
        {
            var settlement = await ForCounterpartyAsync(access, counterpartyId!.Value, ct);
            if (!settlement.IsSuccess)
                return settlement.Error!;
            var s = settlement.Value;
            headers = [.. new[]
            {
                ExportKeys.Number, ExportKeys.Title, ExportKeys.Planned, ExportKeys.Paid, ExportKeys.Acted, ExportKeys.Balance, ExportKeys.Currency,
                ExportKeys.OverdueCount,
            }.Select(label)];
            rows = s.Contracts.Select(c => new object?[] { c.Number, c.Title, c.Planned, c.Paid, c.Acted, c.Balance, c.Currency, c.OverdueCount }).ToList();
            rows.Add([label(ExportKeys.Total), null, s.Planned, s.Paid, s.Acted, s.Balance, s.Currency, s.OverdueCount]);
            name = s.CounterpartyName;
        }

        using var buffer = new MemoryStream();
        await TableExport.WriteXlsxAsync(buffer, headers, dateHeaders, SheetName(label(ExportKeys.Sheet)), Rows(rows), ct);
        return new SettlementFile($"{label(ExportKeys.Sheet)} {FileSafe(name)} {Today:yyyy-MM-dd}.xlsx", buffer.ToArray());
    }

    private static async IAsyncEnumerable<object?[]> Rows(List<object?[]> rows)
    {
        foreach (var row in rows)
            yield return row;
        await Task.CompletedTask;
    }

    private static string SheetName(string text)
    {
        var clean = new string([.. text.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']'))]);
        return clean.Length > 31 ? clean[..31] : clean.Length == 0 ? "Sheet1" : clean;
    }

    private static string FileSafe(string text)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['"', '«', '»']).ToHashSet();
        var clean = new string([.. text.Select(c => invalid.Contains(c) ? ' ' : c)]).Trim();
        return clean.Length > 60 ? clean[..60].Trim() : clean;
    }
}
