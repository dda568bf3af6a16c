using System.Globalization;
using System.Runtime.CompilerServices;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Crm;

public enum ExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>One exported counterparty.</summary>
public sealed record CounterpartyExportRow(
    string Name, CounterpartyKind Kind, string? Inn, string? Kpp, string? Ogrn, string? PhoneFormatted, string? Email,
    string? Region, string? Category, string? Group, string? ActivityType, string? AdSource, string? Responsible,
    IReadOnlyList<string> Tags, DateTime CreatedAt);

/// <summary>
/// What the export cannot decide itself: the column headers (in the order of <see cref="CounterpartyExportRow"/>),
/// the kind names and the culture of dates, all in the caller's language.
/// </summary>
public sealed record ExportLabels(IReadOnlyList<string> Headers, Func<CounterpartyKind, string> KindName, CultureInfo Culture, TimeZoneInfo TimeZone);

/// <summary>
/// The directory as a file: exactly the rows the caller sees with the same filters and order. Rows are
/// streamed from one query, never held in memory together; the file is capped at <see cref="MaxRows"/>.
/// </summary>
public sealed class ExportCounterparties(ListCounterparties list, LetopisDb db)
{
    /// <summary>
    /// Enough for any real mailing or report; beyond it a spreadsheet stops being readable and the
    /// request would hold a connection for minutes. The caller narrows the filter instead.
    /// </summary>
    public const int MaxRows = 100_000;

    public const string TooLarge = "export_too_large";

    /// <summary>The number of rows the export will hold, or <see cref="TooLarge"/> with the numbers.</summary>
    public async Task<Result<int>> CountAsync(AccessContext access, CounterpartyFilter filter, CancellationToken ct)
    {
        var total = await list.Filtered(access, filter).CountAsync(ct);
        if (total > MaxRows)
        {
            return new Error(TooLarge, $"The export is limited to {MaxRows} rows; the filter matches {total}. Narrow it down.",
                Extensions: new Dictionary<string, object?> { ["limit"] = MaxRows, ["total"] = total });
        }
        return total;
    }

    public async IAsyncEnumerable<CounterpartyExportRow> RowsAsync(AccessContext access, CounterpartyFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        var rows = list.Sorted(list.Filtered(access, filter), filter.Sort)
            .Take(MaxRows)
            .Select(c => new
            {
                c.Name,
                c.Kind,
                c.Inn,
                c.Kpp,
                c.Ogrn,
                c.Phone,
                c.Email,
                Region = db.ReferenceItems.Where(r => r.Id == c.RegionId).Select(r => r.Name).FirstOrDefault(),
                Category = db.ReferenceItems.Where(r => r.Id == c.CategoryId).Select(r => r.Name).FirstOrDefault(),
                Group = db.ReferenceItems.Where(r => r.Id == c.GroupId).Select(r => r.Name).FirstOrDefault(),
                ActivityType = db.ReferenceItems.Where(r => r.Id == c.ActivityTypeId).Select(r => r.Name).FirstOrDefault(),
                AdSource = db.ReferenceItems.Where(r => r.Id == c.AdSourceId).Select(r => r.Name).FirstOrDefault(),
                Responsible = db.Users.Where(u => u.Id == c.ResponsibleId).Select(u => u.FullName).FirstOrDefault(),
                // One query with a join, not a query per row: EF streams it grouped by counterparty.
                Tags = db.Set<CounterpartyTag>().Where(l => l.CounterpartyId == c.Id).Select(l => l.Tag.Name).ToList(),
                c.CreatedAt,
            })
            .AsAsyncEnumerable()
            .WithCancellation(ct);
        await foreach (var r in rows)
        {
            yield return new CounterpartyExportRow(
                r.Name, r.Kind, r.Inn, r.Kpp, r.Ogrn, r.Phone is null ? null : Phones.Format(r.Phone), r.Email,
                r.Region, r.Category, r.Group, r.ActivityType, r.AdSource, r.Responsible,
                r.Tags.OrderBy(t => t.ToUpperInvariant(), StringComparer.Ordinal).ToList(), r.CreatedAt);
        }
    }

    /// <summary>CSV as Russian Excel opens it (<see cref="TableExport.WriteCsvAsync"/>).</summary>
    public static Task WriteCsvAsync(Stream destination, IAsyncEnumerable<CounterpartyExportRow> rows, ExportLabels labels, CancellationToken ct) =>
        TableExport.WriteCsvAsync(destination, labels.Headers, Cells(rows, labels), labels.Culture, ct);

    /// <summary>An Excel workbook with the creation date as a real date cell (<see cref="TableExport.WriteXlsxAsync"/>).</summary>
    public static Task WriteXlsxAsync(Stream destination, IAsyncEnumerable<CounterpartyExportRow> rows, ExportLabels labels, CancellationToken ct) =>
        TableExport.WriteXlsxAsync(destination, labels.Headers, [labels.Headers[^1]], "Counterparties", Cells(rows, labels), ct);

    private static async IAsyncEnumerable<object?[]> Cells(IAsyncEnumerable<CounterpartyExportRow> rows, ExportLabels labels)
    {
        await foreach (var row in rows)
            yield return Cells(row, labels);
    }

    private static object?[] Cells(CounterpartyExportRow r, ExportLabels labels) =>
    [
        r.Name, labels.KindName(r.Kind), r.Inn, r.Kpp, r.Ogrn, r.PhoneFormatted, r.Email, r.Region, r.Category, r.Group,
        r.ActivityType, r.AdSource, r.Responsible, r.Tags.Count == 0 ? null : string.Join(", ", r.Tags),
        TimeZones.ToLocal(r.CreatedAt, labels.TimeZone).Date,
    ];
}
