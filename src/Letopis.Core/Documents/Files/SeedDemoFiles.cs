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
            join o in db.OurCompanies on d.OurCompanyId equals o.Id into os
            from o in os.DefaultIfEmpty()
            join p in db.Documents on d.ParentId equals p.Id into ps
            from p in ps.DefaultIfEmpty()
            join pt in db.DocumentTypes on p.TypeId equals pt.Id into pts
            from pt in pts.DefaultIfEmpty()
            where !d.Deleted
            orderby d.RegisteredOn, d.Id
            select new
            {
                d.Id,
                d.Number,
                d.Title,
                d.Summary,
                d.RegisteredOn,
                d.AmountMinor,
                d.VatRate,
                d.VatAmountMinor,
                t.Kind,
                TypeName = t.Name,
                Counterparty = c == null ? null : c.Name,
                OurCompany = o == null ? null : o.Name,
                ParentType = pt == null ? null : pt.Name,
                ParentNumber = p == null ? null : p.Number,
                ParentTitle = p == null ? null : p.Title,
            })
            .Take(MaxDocuments)
            .ToListAsync(ct);

        var added = 0;
        foreach (var row in documents)
        {
            var d = new DemoFileText(row.Number, row.Title, row.Summary, row.RegisteredOn, row.AmountMinor, row.VatRate, row.VatAmountMinor,
                row.Kind, row.TypeName, row.Counterparty, row.OurCompany,
                row.ParentTitle is null ? null : $"{row.ParentType} № {row.ParentNumber ?? "б/н"} «{row.ParentTitle}»");
            var heading = d.Heading;
            var text = d.Paragraphs().ToList();
            var files = new List<(string Name, byte[] Bytes, string Comment)>();
            var baseName = Safe($"{d.TypeName} {d.Number ?? d.Title}");
            if (d.Kind is DocumentKind.Contract or DocumentKind.SupplementaryAgreement)
                files.Add(($"{baseName}.docx", writer.Docx(heading, text), "Текст для согласования"));
            if (writer.CanWritePdf && d.Kind is DocumentKind.Contract or DocumentKind.Act or DocumentKind.Appendix or DocumentKind.Invoice or DocumentKind.Schedule)
                files.Add(($"{baseName} (подписан).pdf", writer.Pdf(heading, text), "Скан с подписями сторон"));
            foreach (var (name, bytes, comment) in files)
            {
                using var content = new MemoryStream(bytes, writable: false);
                var result = await upload.HandleAsync(access, row.Id, null, name, content, bytes.Length, comment, ct);
                if (result.IsSuccess)
                    added++;
                else
                    logger.LogWarning("Demo file {Name} not added: {Code}", name, result.Error!.Code);
            }
            // Each upload saves once: rows kept tracked from earlier documents would be scanned again on every save.
            db.ChangeTracker.Clear();
        }
        await DateAsRegisteredAsync(adminId.Value, ct);
        // The demo's first searches should already find words inside the files.
        await extract.RunOnceAsync(ct);
        return added;
    }

    /// <summary>
    /// The files were attached when their documents were registered, by the document's responsible
    /// person, not today by the administrator: the history and the timeline say so.
    /// </summary>
    private async Task DateAsRegisteredAsync(Guid adminId, CancellationToken ct)
    {
        await db.ChangeRecords.Where(r => r.EntityKind == Document.EntityKind && r.Field == "files")
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.At, r => db.Documents.Where(d => d.Id == r.EntityId).Select(d => d.CreatedAt).First())
                .SetProperty(r => r.UserId, r => db.Documents.Where(d => d.Id == r.EntityId).Select(d => d.CreatedById).First() ?? adminId), ct);
        await db.TimelineEvents.Where(t => t.Kind == DocumentFileTimeline.Kind && t.EntityId != null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.At, t => db.Documents.Where(d => d.Id == t.EntityId).Select(d => d.CreatedAt).First())
                .SetProperty(t => t.UserId, t => db.Documents.Where(d => d.Id == t.EntityId).Select(d => d.CreatedById).First() ?? adminId), ct);
        await db.DocumentFiles
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.CreatedAt, f => db.Documents.Where(d => d.Id == f.DocumentId).Select(d => d.CreatedAt).First()), ct);
        await db.DocumentFileVersions
            .ExecuteUpdateAsync(s => s
                .SetProperty(v => v.UploadedAt, v => db.DocumentFiles.Where(f => f.Id == v.FileId).Select(f => f.CreatedAt).First())
                .SetProperty(v => v.UploadedById, v => db.DocumentFiles.Where(f => f.Id == v.FileId)
                    .Join(db.Documents, f => f.DocumentId, d => d.Id, (f, d) => d.CreatedById).First() ?? adminId), ct);
    }

    private static string Safe(string name) =>
        new(name.Select(c => c is '/' or '\\' || char.IsControl(c) ? '-' : c).ToArray());
}

/// <summary>
/// The text of a demo document's file, written from its card: the same number, date, parties,
/// subject and amount, the amount as a Russian reader writes it («11 500 000,00 руб.»).
/// </summary>
internal sealed record DemoFileText(
    string? Number, string Title, string? Summary, DateOnly RegisteredOn, long? AmountMinor, int? VatRate, long? VatAmountMinor,
    DocumentKind Kind, string TypeName, string? Counterparty, string? OurCompany, string? Parent)
{
    private static readonly System.Globalization.CultureInfo Russian = System.Globalization.CultureInfo.GetCultureInfo("ru-RU");

    public string Heading => $"{TypeName} № {Number ?? "б/н"} от {RegisteredOn.ToString("dd.MM.yyyy", Russian)}";

    /// <summary>«11 500 000,00 руб.»: ru-RU groups thousands with a no-break space and writes a decimal comma.</summary>
    public static string Rubles(long minor) => (minor / 100m).ToString("N2", Russian) + " руб.";

    public IEnumerable<string> Paragraphs()
    {
        var party = Counterparty ?? "Контрагент";
        var us = OurCompany is null ? "ООО «СтройГрад»" : $"ООО «{OurCompany}»";
        var amount = AmountMinor is { } a
            ? Rubles(a) + (VatRate is { } rate && VatAmountMinor is { } vat ? $", в том числе НДС {rate} % — {Rubles(vat)}" : ", без НДС")
            : "согласно смете";
        yield return $"{us} и {party} составили настоящий документ: {TypeName.ToLower(Russian)} № {Number ?? "б/н"} от {RegisteredOn.ToString("dd.MM.yyyy", Russian)} «{Title}».";
        if (Parent is not null)
            yield return $"Документ составлен к документу: {Parent}.";
        if (!string.IsNullOrWhiteSpace(Summary))
            yield return Summary;
        switch (Kind)
        {
            case DocumentKind.Contract:
                yield return $"1. Предмет договора: {Title}. Исполнитель обязуется выполнить работы (поставить товар, оказать услуги) в объёме и в сроки, установленные спецификацией и графиком, а Заказчик — принять и оплатить их.";
                yield return $"2. Цена договора составляет {amount}. Оплата производится поэтапно по подписанным актам и счетам.";
                yield return "3. Сроки. Начало исполнения — в течение десяти рабочих дней после получения аванса; окончание — по графику.";
                yield return "4. Гарантийный срок — пять лет с даты подписания итогового акта.";
                break;
            case DocumentKind.SupplementaryAgreement:
                yield return $"Стороны договорились: {Title.ToLower(Russian)}. Остальные условия договора остаются без изменений.";
                break;
            case DocumentKind.Act:
                yield return $"Исполнитель выполнил, а Заказчик принял работы за отчётный период. Стоимость выполненных работ: {amount}.";
                yield return "Претензий по объёму, качеству и срокам стороны не имеют.";
                break;
            case DocumentKind.Invoice:
                yield return $"К оплате: {amount}. Оплата в течение пяти банковских дней.";
                break;
            case DocumentKind.IncomingLetter:
                yield return $"Тема письма: {Title}.";
                break;
            default:
                yield return $"{Title}: перечень материалов и работ по договору, объёмы и единичные расценки.";
                break;
        }
        yield return "Подписи сторон: ____________ / ____________";
    }
}
