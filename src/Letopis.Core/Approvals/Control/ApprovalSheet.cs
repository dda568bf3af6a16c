using System.Globalization;
using System.Net;
using System.Text;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.Documents.Files;
using Letopis.Core.Templates;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Approvals.Control;

/// <summary>
/// The approval sheet («лист согласования») of a route: the document, the route's version and
/// status, then every stage with each person, their decision, its date, comment and delay reason, and
/// the SHA-256 of the file versions the decision was bound to. A Russian business paper, so its words,
/// dates (in the company's zone) and money are Russian whatever the reader's language; printed on A4 as
/// the shipped templates are. Whoever sees the document reads its sheet; attaching it as a file goes
/// through the ordinary upload (edit rights on the document, quotas, text extraction, history).
/// </summary>
public sealed class ApprovalSheet(LetopisDb db, NameBook nameBook, CompanyTimeZone company, IPdfEngine pdf, UploadDocumentFile upload)
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    public const string PdfContentType = "application/pdf";

    public async Task<Result<string>> HtmlAsync(AccessContext access, Guid routeId, CancellationToken ct)
    {
        var sheet = await LoadAsync(access, routeId, ct);
        return sheet.IsSuccess ? Render(sheet.Value) : sheet.Error!;
    }

    /// <summary>The sheet as PDF; a server without the PDF engine answers <see cref="PdfErrors.EngineMissing"/>.</summary>
    public async Task<Result<byte[]>> PdfAsync(AccessContext access, Guid routeId, CancellationToken ct)
    {
        var html = await HtmlAsync(access, routeId, ct);
        return html.IsSuccess ? await pdf.FromHtmlAsync(html.Value, ct) : html.Error!;
    }

    /// <summary>The file name of the sheet: «Лист согласования N.pdf» with the document's number (its title when it has none).</summary>
    public async Task<Result<string>> FileNameAsync(AccessContext access, Guid routeId, CancellationToken ct)
    {
        var sheet = await LoadAsync(access, routeId, ct);
        return sheet.IsSuccess ? FileName(sheet.Value.Document.Number, sheet.Value.Document.Title) : sheet.Error!;
    }

    /// <summary>
    /// Adds the sheet's PDF to the document's files: a new file the first time, a new version of the
    /// same-named file afterwards, so the sheet of each round stays in the file's history.
    /// </summary>
    public async Task<Result<FileUploadedDto>> AttachAsync(AccessContext access, Guid routeId, CancellationToken ct)
    {
        var sheet = await LoadAsync(access, routeId, ct);
        if (!sheet.IsSuccess)
            return sheet.Error!;
        var document = sheet.Value.Document;
        // Refuse before the PDF is made: rendering is the expensive part.
        if (!await db.VisibleDocuments(access, PermissionAction.Edit).AnyAsync(d => d.Id == document.Id, ct))
            return Error.Forbidden();
        var bytes = await pdf.FromHtmlAsync(Render(sheet.Value), ct);
        if (!bytes.IsSuccess)
            return bytes.Error!;
        var name = FileNames.Clean(FileName(document.Number, document.Title));
        var existing = await db.DocumentFiles.AsNoTracking()
            .Where(f => f.DocumentId == document.Id && !f.Deleted && f.Name == name)
            .OrderBy(f => f.CreatedAt).ThenBy(f => f.Id).Select(f => (Guid?)f.Id).FirstOrDefaultAsync(ct);
        using var content = new MemoryStream(bytes.Value, writable: false);
        var comment = $"Лист согласования, круг {sheet.Value.Route.Round}, версия схемы {sheet.Value.Route.SchemeVersionNumber}";
        return await upload.HandleAsync(access, existing is null ? document.Id : null, existing, name, content, bytes.Value.Length, comment, ct);
    }

    public static string FileName(string? number, string title) =>
        $"Лист согласования {(string.IsNullOrWhiteSpace(number) ? title : number)}.pdf";

    internal sealed record SheetDocument(Guid Id, string? Number, DateOnly RegisteredOn, string Title, string TypeName, string? Counterparty, long? AmountMinor, string Currency);

    internal sealed record SheetTask(ApprovalTask Task, IReadOnlyList<ApprovalTaskFile> Files);

    internal sealed record SheetData(ApprovalRoute Route, string SchemeName, SheetDocument Document, IReadOnlyList<ApprovalRouteStage> Stages,
        IReadOnlyList<SheetTask> Tasks, Names Names);

    private async Task<Result<SheetData>> LoadAsync(AccessContext access, Guid routeId, CancellationToken ct)
    {
        var route = await db.ApprovalRoutes.AsNoTracking().SingleOrDefaultAsync(r => r.Id == routeId, ct);
        if (route is null)
            return Error.NotFound();
        var document = await (from d in db.VisibleDocuments(access).AsNoTracking()
                              where d.Id == route.DocumentId
                              join t in db.DocumentTypes on d.TypeId equals t.Id
                              select new SheetDocument(d.Id, d.Number, d.RegisteredOn, d.Title, t.Name,
                                  db.Counterparties.Where(c => c.Id == d.CounterpartyId).Select(c => c.Name).FirstOrDefault(),
                                  d.AmountMinor, d.Currency)).SingleOrDefaultAsync(ct);
        if (document is null)
            return Error.NotFound();
        var schemeName = await db.ApprovalSchemes.AsNoTracking().Where(s => s.Id == route.SchemeId).Select(s => s.Name).SingleAsync(ct);
        var stages = await db.ApprovalRouteStages.AsNoTracking().Where(s => s.RouteId == routeId).OrderBy(s => s.Index).ToListAsync(ct);
        var tasks = await db.ApprovalTasks.AsNoTracking().Where(t => t.RouteId == routeId)
            .OrderBy(t => t.Round).ThenBy(t => t.ReceivedAt).ThenBy(t => t.Id).ToListAsync(ct);
        var taskIds = tasks.Select(t => t.Id).ToList();
        var files = (await db.ApprovalTaskFiles.AsNoTracking().Where(f => taskIds.Contains(f.TaskId))
            .OrderBy(f => f.Name).ThenBy(f => f.FileVersion).ToListAsync(ct)).ToLookup(f => f.TaskId);
        var names = await nameBook.GetAsync(db, access.Stamp, ct);
        return new SheetData(route, schemeName, document, stages,
            tasks.Select(t => new SheetTask(t, files[t.Id].ToList())).ToList(), names);
    }

    private string Render(SheetData sheet)
    {
        var d = sheet.Document;
        var route = sheet.Route;
        var html = new StringBuilder(8192);
        html.Append("<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>")
            .Append(E($"Лист согласования {d.Number ?? d.Title}")).Append("</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>Лист согласования</h1>");
        html.Append("<table class=\"plain\">");
        Row(html, "Документ", $"{d.TypeName}{(d.Number is null ? "" : " № " + d.Number)} от {Day(d.RegisteredOn)}");
        Row(html, "Заголовок", d.Title);
        if (d.Counterparty is not null)
            Row(html, "Контрагент", d.Counterparty);
        if (d.AmountMinor is { } amount)
            Row(html, "Сумма", Money(amount, d.Currency));
        Row(html, "Схема согласования", $"{sheet.SchemeName}, версия {route.SchemeVersionNumber}");
        Row(html, "Маршрут", $"{RouteStatus(route.Status)}; круг {route.Round}");
        Row(html, "Отправил", $"{sheet.Names.User(route.StartedById) ?? ""}, {Instant(route.StartedAt)}");
        if (route.FinishedAt is { } finished)
            Row(html, "Завершён", Instant(finished));
        if (!string.IsNullOrWhiteSpace(route.Outcome))
            Row(html, "Итог", route.Outcome);
        html.Append("</table>");

        html.Append("<table class=\"sheet\"><thead><tr><th class=\"n\">№</th><th>Этап</th><th>Согласующий</th><th>Решение</th>")
            .Append("<th>Получено / срок</th><th>Дата решения</th><th>Комментарий</th><th>Файлы (SHA-256)</th></tr></thead><tbody>");
        var tasksByStage = sheet.Tasks.ToLookup(t => t.Task.StageId);
        foreach (var stage in sheet.Stages)
        {
            var stageTasks = tasksByStage[stage.Id].ToList();
            var stageCell = $"<b>{E(stage.Name)}</b><div class=\"muted\">{E(StageStatus(stage.Status))}; {E(ModeText(stage))}</div>";
            if (stageTasks.Count == 0)
            {
                html.Append("<tr><td class=\"n\">").Append(stage.Index + 1).Append("</td><td>").Append(stageCell)
                    .Append("</td><td colspan=\"6\" class=\"muted\">").Append(stage.Status == ApprovalStageStatus.Skipped ? "Этап не требовался по условию" : "—")
                    .Append("</td></tr>");
                continue;
            }
            foreach (var (item, i) in stageTasks.Select((t, i) => (t, i)))
            {
                var t = item.Task;
                html.Append("<tr>");
                if (i == 0)
                {
                    html.Append("<td class=\"n\" rowspan=\"").Append(stageTasks.Count).Append("\">").Append(stage.Index + 1)
                        .Append("</td><td rowspan=\"").Append(stageTasks.Count).Append("\">").Append(stageCell).Append("</td>");
                }
                html.Append("<td>").Append(Person(sheet.Names, t)).Append("</td>");
                html.Append("<td>").Append(E(Decision(t.Status))).Append(t.Round > 1 ? $"<div class=\"muted\">круг {t.Round}</div>" : "").Append("</td>");
                html.Append("<td>").Append(E(Instant(t.ReceivedAt))).Append("<div class=\"muted\">срок ").Append(E(Instant(t.DueAt))).Append("</div></td>");
                html.Append("<td>").Append(t.DecidedAt is { } at ? E(Instant(at)) : "—");
                if (t.DecidedAt is { } late && late > t.DueAt)
                    html.Append("<div class=\"late\">с опозданием</div>");
                html.Append("</td><td>");
                if (!string.IsNullOrWhiteSpace(t.Comment))
                    html.Append("<div>").Append(E(t.Comment)).Append("</div>");
                if (!string.IsNullOrWhiteSpace(t.DelayReason))
                    html.Append("<div class=\"delay\">Причина задержки: ").Append(E(t.DelayReason)).Append("</div>");
                if (t.DelegatedById is { } by)
                    html.Append("<div class=\"muted\">Передано: ").Append(E(sheet.Names.User(by) ?? ""))
                        .Append(string.IsNullOrWhiteSpace(t.DelegationComment) ? "" : " — " + E(t.DelegationComment)).Append("</div>");
                if (t.AssigneeId is null && !string.IsNullOrWhiteSpace(t.Unresolved))
                    html.Append("<div class=\"muted\">").Append(E(t.Unresolved)).Append("</div>");
                html.Append("</td><td class=\"hash\">");
                foreach (var f in item.Files)
                    html.Append("<div>").Append(E(f.Name)).Append(" (в. ").Append(f.FileVersion).Append(")<br><code>").Append(E(f.Sha256)).Append("</code></div>");
                if (item.Files.Count == 0)
                    html.Append("—");
                html.Append("</td></tr>");
            }
        }
        html.Append("</tbody></table>");
        html.Append("<p class=\"muted\">Каждое решение привязано к версиям файлов, которые согласующий видел, по их хешу SHA-256.</p>");
        html.Append("</body></html>");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<tr><td class=\"label\">").Append(E(label)).Append("</td><td>").Append(E(value)).Append("</td></tr>");

    private static string Person(Names names, ApprovalTask t)
    {
        var text = new StringBuilder();
        var assignee = names.User(t.AssigneeId);
        text.Append(assignee is null ? "<i>не назначен</i>" : E(assignee));
        if (t.DecidedById is { } decidedBy && decidedBy != t.AssigneeId)
        {
            text.Append("<div class=\"muted\">решение принял(а) ").Append(E(names.User(decidedBy) ?? ""));
            if (t.OnBehalfOfId is { } principal)
                text.Append(" за ").Append(E(names.User(principal) ?? ""));
            text.Append("</div>");
        }
        else if (t.OnBehalfOfId is { } principal && principal != t.AssigneeId)
            text.Append("<div class=\"muted\">за ").Append(E(names.User(principal) ?? "")).Append("</div>");
        if (t.OriginalAssigneeId is { } original && original != t.AssigneeId)
            text.Append("<div class=\"muted\">по схеме: ").Append(E(names.User(original) ?? "")).Append("</div>");
        return text.ToString();
    }

    private static string ModeText(ApprovalRouteStage stage) => stage.Mode switch
    {
        ApprovalMode.Any => "достаточно одного",
        ApprovalMode.Quorum => $"нужно {stage.Required}",
        _ => "все",
    };

    internal static string Decision(ApprovalTaskStatus status) => status switch
    {
        ApprovalTaskStatus.Approved => "Согласовано",
        ApprovalTaskStatus.Rejected => "Отклонено",
        ApprovalTaskStatus.Rework => "На доработку",
        ApprovalTaskStatus.Closed => "Не потребовалось",
        _ => "Ожидает решения",
    };

    private static string StageStatus(ApprovalStageStatus status) => status switch
    {
        ApprovalStageStatus.Active => "идёт",
        ApprovalStageStatus.Approved => "согласован",
        ApprovalStageStatus.Rejected => "отклонён",
        ApprovalStageStatus.Returned => "возвращён на доработку",
        ApprovalStageStatus.Skipped => "пропущен",
        ApprovalStageStatus.Stopped => "остановлен",
        _ => "не начат",
    };

    private static string RouteStatus(ApprovalRouteStatus status) => status switch
    {
        ApprovalRouteStatus.Running => "идёт согласование",
        ApprovalRouteStatus.Rework => "на доработке",
        ApprovalRouteStatus.Approved => "согласован",
        ApprovalRouteStatus.Rejected => "отклонён",
        ApprovalRouteStatus.Withdrawn => "отозван автором",
        _ => "отменён",
    };

    private static string Day(DateOnly day) => day.ToString("dd.MM.yyyy", Russian);

    private string Instant(DateTime utc) =>
        TimeZones.ToLocal(DateTime.SpecifyKind(utc, DateTimeKind.Utc), company.Zone).ToString("dd.MM.yyyy HH:mm", Russian);

    private static string Money(long minor, string currency)
    {
        var amount = (minor / 100m).ToString("N2", Russian);
        return currency == "RUB" ? $"{amount} ₽" : $"{amount} {currency}";
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private const string Style = """
        @page { size: A4; margin: 15mm 12mm 15mm 20mm; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font-family: "Liberation Serif", "PT Serif", "DejaVu Serif", "Times New Roman", serif; font-size: 11pt; line-height: 1.3; color: #000; margin: 0; }
        @media screen { body { max-width: 190mm; margin: 10mm auto; padding: 0 10mm; } }
        h1 { font-size: 14pt; text-align: center; margin: 0 0 10pt; text-transform: uppercase; letter-spacing: 0.5pt; }
        table { width: 100%; border-collapse: collapse; margin: 6pt 0 10pt; }
        thead { display: table-header-group; }
        tr { page-break-inside: avoid; break-inside: avoid; }
        table.sheet th, table.sheet td { border: 0.75pt solid #000; padding: 3pt 4pt; vertical-align: top; font-size: 9.5pt; }
        table.sheet th { background: #f0f0f0; font-weight: bold; text-align: center; }
        table.plain td { border: none; padding: 1.5pt 0; font-size: 11pt; vertical-align: top; }
        table.plain td.label { width: 45mm; color: #333; }
        td.n { text-align: center; width: 7mm; }
        td.hash { font-size: 7.5pt; word-break: break-all; }
        td.hash code { font-family: "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 7pt; }
        .muted { color: #444; font-size: 8.5pt; }
        .late, .delay { color: #8a1f11; }
        p.muted { margin-top: 8pt; }
        """;
}
