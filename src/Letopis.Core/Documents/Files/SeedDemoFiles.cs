using Letopis.Core.Access;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Letopis.Core.Documents.Files;

/// <summary>
/// Gives the demo company's documents their files: each contract its text as DOCX and a signed copy
/// as PDF, agreements a DOCX, acts, appendices and invoices a PDF — real files with real text, so
/// that preview, download and search in file text work on the demo at once. Runs once: it does
/// nothing when any document already has a file.
/// </summary>
public sealed class SeedDemoFiles(LetopisDb db, UploadDocumentFile upload, ExtractFileTexts extract, ISimpleDocumentWriter writer,
    ILogger<SeedDemoFiles> logger)
{
    public const int MaxDocuments = 300;

    public async Task<int> HandleAsync(CancellationToken ct)
    {
        if (await db.DocumentFiles.AnyAsync(ct))
            return 0;
        var adminId = await db.Users.Where(u => u.NormalizedUserName == "ADMIN").Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        if (adminId is null)
            return 0;
        var access = await AccessContext.LoadAsync(db, adminId.Value, ct);

        var documents = await (
            from d in db.Documents.AsNoTracking()
            join t in db.DocumentTypes on d.TypeId equals t.Id
            join c in db.Counterparties on d.CounterpartyId equals c.Id into cs
            from c in cs.DefaultIfEmpty()
            where !d.Deleted
            orderby d.RegisteredOn, d.Id
            select new { d.Id, d.Number, d.Title, d.Summary, d.RegisteredOn, d.AmountMinor, t.Kind, TypeName = t.Name, Counterparty = c == null ? null : c.Name })
            .Take(MaxDocuments)
            .ToListAsync(ct);

        var added = 0;
        foreach (var d in documents)
        {
            var heading = $"{d.TypeName} № {d.Number ?? "б/н"} от {d.RegisteredOn:dd.MM.yyyy}";
            var text = Paragraphs(d.Kind, d.Title, d.Summary, d.Counterparty, d.AmountMinor).ToList();
            var files = new List<(string Name, byte[] Bytes, string Comment)>();
            var baseName = Safe($"{d.TypeName} {d.Number ?? d.Title}");
            if (d.Kind is DocumentKind.Contract or DocumentKind.SupplementaryAgreement)
                files.Add(($"{baseName}.docx", writer.Docx(heading, text), "Текст для согласования"));
            if (writer.CanWritePdf && d.Kind is DocumentKind.Contract or DocumentKind.Act or DocumentKind.Appendix or DocumentKind.Invoice or DocumentKind.Schedule)
                files.Add(($"{baseName} (подписан).pdf", writer.Pdf(heading, text), "Скан с подписями сторон"));
            foreach (var (name, bytes, comment) in files)
            {
                using var content = new MemoryStream(bytes, writable: false);
                var result = await upload.HandleAsync(access, d.Id, null, name, content, bytes.Length, comment, ct);
                if (result.IsSuccess)
                    added++;
                else
                    logger.LogWarning("Demo file {Name} not added: {Code}", name, result.Error!.Code);
            }
        }
        // The demo's first searches should already find words inside the files.
        await extract.RunOnceAsync(ct);
        return added;
    }

    private static string Safe(string name) =>
        new(name.Select(c => c is '/' or '\\' || char.IsControl(c) ? '-' : c).ToArray());

    private static IEnumerable<string> Paragraphs(DocumentKind kind, string title, string? summary, string? counterparty, long? amountMinor)
    {
        var party = counterparty ?? "Контрагент";
        var amount = amountMinor is { } a ? $"{a / 100m:N2} руб., в том числе НДС" : "согласно смете";
        yield return $"ООО «СтройГрад», именуемое в дальнейшем «Подрядчик», и {party}, именуемое в дальнейшем «Заказчик», составили настоящий документ: {title}.";
        if (!string.IsNullOrWhiteSpace(summary))
            yield return summary;
        switch (kind)
        {
            case DocumentKind.Contract:
                yield return "1. Предмет договора. Подрядчик обязуется выполнить работы по устройству монолитного железобетонного каркаса, гидроизоляции фундамента и кирпичной кладке наружных стен, а Заказчик — принять и оплатить их.";
                yield return $"2. Цена договора составляет {amount}. Оплата производится поэтапно по подписанным актам выполненных работ.";
                yield return "3. Сроки. Начало работ — в течение десяти рабочих дней после получения аванса; окончание — по графику производства работ.";
                yield return "4. Гарантийный срок на выполненные работы — пять лет с даты подписания итогового акта.";
                break;
            case DocumentKind.SupplementaryAgreement:
                yield return "Стороны договорились изменить объём работ: добавить утепление фасада минераловатными плитами и продлить срок окончания работ на один месяц.";
                break;
            case DocumentKind.Act:
                yield return $"Подрядчик выполнил, а Заказчик принял работы по бетонированию перекрытий и армированию колонн. Стоимость выполненных работ: {amount}. Претензий по объёму, качеству и срокам стороны не имеют.";
                break;
            case DocumentKind.Invoice:
                yield return $"Счёт на оплату выполненных работ: {amount}. Оплата в течение пяти банковских дней.";
                break;
            default:
                yield return "Спецификация материалов: бетон В25, арматура А500С, кирпич керамический, мембрана гидроизоляционная.";
                break;
        }
        yield return "Подписи сторон: Подрядчик ____________ Заказчик ____________";
    }
}
