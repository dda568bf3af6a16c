using System.Globalization;
using CsvHelper;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Letopis.Core.Common;

/// <summary>
/// A list as a file (ADR 0004): rows stream from one query into CSV or XLSX, never held together in
/// memory. Cells are text, numbers, or dates (<see cref="DateTime"/>, <see cref="DateOnly"/>).
/// </summary>
public static class TableExport
{
    /// <summary>
    /// CSV as Russian Excel opens it: UTF-8 with a byte order mark, «;» between fields, dates and numbers in
    /// the caller's culture. Text that a spreadsheet would run as a formula gets a leading apostrophe.
    /// </summary>
    public static async Task WriteCsvAsync(Stream destination, IReadOnlyList<string> headers, IAsyncEnumerable<object?[]> rows, CultureInfo culture, CancellationToken ct)
    {
        var options = CsvWriterOptions.Default with
        {
            Separator = ';',
            WriteByteOrderMark = true,
            Injection = CsvInjection.Escape,
            FormatProvider = culture,
        };
        await using var csv = CsvWriter.Create(destination, options, leaveOpen: true);
        await csv.WriteRecordAsync([.. headers], ct);
        await foreach (var row in rows.WithCancellation(ct))
            await csv.WriteRecordAsync(row.Select(c => c switch
            {
                null => null,
                DateTime d => d.ToString("d", culture),
                DateOnly d => d.ToString("d", culture),
                decimal m => m.ToString("0.00", culture),
                IFormattable f => f.ToString(null, culture),
                _ => c.ToString(),
            }).ToArray(), ct);
        await csv.FlushAsync(ct);
    }

    /// <summary>
    /// An Excel workbook with real date cells (<paramref name="dateHeaders"/>, <c>dd.mm.yyyy</c>). MiniExcel writes
    /// synchronously and seeks back into the package, so the workbook is built in a temporary file (rows
    /// still stream through) and then copied out.
    /// </summary>
    public static async Task WriteXlsxAsync(
        Stream destination, IReadOnlyList<string> headers, IReadOnlyCollection<string> dateHeaders, string sheetName,
        IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        var path = Path.GetTempFileName();
        await using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        var configuration = new OpenXmlConfiguration
        {
            DynamicColumns = [.. dateHeaders.Select(h => new DynamicExcelColumn(h) { Format = "dd.mm.yyyy", Width = 12 })],
            FreezeRowCount = 1,
            AutoFilter = true,
            // No Culture here: with one set, MiniExcel writes dates as text instead of date cells.
        };
        var sheet = rows.ToBlockingEnumerable(ct).Select(cells =>
        {
            var record = new Dictionary<string, object?>(headers.Count);
            for (var i = 0; i < headers.Count; i++)
                record[headers[i]] = cells[i] is DateOnly d ? d.ToDateTime(TimeOnly.MinValue) : cells[i];
            return record;
        });
        // Off the request thread: the rows are read from the database synchronously here.
        await Task.Run(() => MiniExcel.SaveAs(file, sheet, sheetName: sheetName, excelType: ExcelType.XLSX, configuration: configuration), ct);
        file.Position = 0;
        await file.CopyToAsync(destination, ct);
    }
}
