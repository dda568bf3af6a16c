using System.Net;
using System.Text;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.Templates;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Paper;

/// <summary>
/// The printable «Акт приёма-передачи» for a batch of copies: who hands them over (the caller),
/// who receives them (the named person, else the holder the copies share), and a line per copy.
/// The office staff print acts for any copies; others for copies of documents they may read.
/// </summary>
public sealed class HandoverAct(LetopisDb db, TimeProvider time, CompanyTimeZone company, ICurrentActor actor, IPdfEngine pdf, IPaperWording? wording = null)
{
    public const int MaxCopies = 500;

    public async Task<Result<string>> HtmlAsync(AccessContext access, HandoverActRequest request, string? culture, CancellationToken ct)
    {
        var ids = request.CopyIds?.Distinct().ToList() ?? [];
        if (ids.Count == 0)
            return Error.Validation(("copyIds", FieldErrors.Required));
        if (ids.Count > MaxCopies)
            return Error.Validation(("copyIds", FieldErrors.OutOfRange));
        var copies = await db.PaperCopies.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        if (!PaperRights.IsOffice(access))
        {
            var documentIds = copies.Select(c => c.DocumentId).Distinct().ToList();
            var visible = await db.VisibleDocuments(access).Where(d => documentIds.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct);
            copies = [.. copies.Where(c => visible.Contains(c.DocumentId) || c.HolderId == access.UserId)];
        }
        if (copies.Count != ids.Count)
            return Error.Validation(("copyIds", FieldErrors.NotFound));
        string? toName = null;
        if (request.ToId is { } toId)
        {
            toName = await db.Users.Where(u => u.Id == toId).Select(u => u.FullName).SingleOrDefaultAsync(ct);
            if (toName is null)
                return Error.Validation(("toId", FieldErrors.NotFound));
        }
        else if (copies.Select(c => c.HolderId).Distinct().ToList() is [{ } holder])
        {
            toName = await db.Users.Where(u => u.Id == holder).Select(u => u.FullName).SingleOrDefaultAsync(ct);
        }
        var fromName = actor.UserId is { } me ? await db.Users.Where(u => u.Id == me).Select(u => u.FullName).SingleOrDefaultAsync(ct) : null;

        var documentIdsAll = copies.Select(c => c.DocumentId).Distinct().ToList();
        var documents = await db.Documents.AsNoTracking().Where(d => documentIdsAll.Contains(d.Id))
            .Join(db.DocumentTypes, d => d.TypeId, t => t.Id, (d, t) => new { d.Id, d.Number, d.Title, d.RegisteredOn, Type = t.Name })
            .ToDictionaryAsync(d => d.Id, ct);
        var places = await PaperViews.PlacesAsync(db, copies.Where(c => c.StoragePlaceId != null).Select(c => c.StoragePlaceId!.Value), ct);
        var ordered = copies.OrderBy(c => documents[c.DocumentId].Type, StringComparer.Ordinal)
            .ThenBy(c => documents[c.DocumentId].Number, StringComparer.Ordinal).ThenBy(c => c.DocumentId).ThenBy(c => c.Number).ToList();

        string T(string key, params object[] args) => WebUtility.HtmlEncode(PaperNotices.Say(wording, culture, key, args));
        var today = PaperNotices.Day(company.Today(time));
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(T(PaperNotices.ActTitle)).Append("</title><style>")
            .Append("body{font-family:'DejaVu Serif','Times New Roman',serif;font-size:12pt;margin:2cm}")
            .Append("h1{font-size:16pt;text-align:center}table{border-collapse:collapse;width:100%}")
            .Append("th,td{border:1px solid #000;padding:4px 6px;vertical-align:top;text-align:left}")
            .Append(".signs{margin-top:2cm;display:flex;justify-content:space-between}.sign{width:45%}")
            .Append(".line{border-bottom:1px solid #000;height:1.5em;margin-top:1em}")
            .Append("</style></head><body>");
        html.Append("<h1>").Append(T(PaperNotices.ActTitle)).Append("</h1>");
        html.Append("<p>").Append(T(PaperNotices.ActIntro, today)).Append("</p>");
        html.Append("<table><thead><tr><th>").Append(T(PaperNotices.ActNumber)).Append("</th><th>").Append(T(PaperNotices.ActDocument))
            .Append("</th><th>").Append(T(PaperNotices.ActExemplar)).Append("</th><th>").Append(T(PaperNotices.ActPlace))
            .Append("</th><th>").Append(T(PaperNotices.ActDueBack)).Append("</th></tr></thead><tbody>");
        var line = 0;
        foreach (var copy in ordered)
        {
            var d = documents[copy.DocumentId];
            var documentText = d.Number is { } number
                ? $"{d.Type} № {number} {PaperNotices.Day(d.RegisteredOn)} «{d.Title}»"
                : $"{d.Type} «{d.Title}»";
            var kind = T(copy.Kind == PaperCopyKind.Original ? PaperNotices.KindOriginal : PaperNotices.KindCopy);
            html.Append("<tr><td>").Append(++line).Append("</td><td>").Append(WebUtility.HtmlEncode(documentText))
                .Append("</td><td>").Append(kind).Append(" № ").Append(copy.Number)
                .Append("</td><td>").Append(copy.StoragePlaceId is { } p && places.TryGetValue(p, out var place) ? WebUtility.HtmlEncode(place.Path) : "")
                .Append("</td><td>").Append(copy.DueBack is { } due ? PaperNotices.Day(due) : "").Append("</td></tr>");
        }
        html.Append("</tbody></table>");
        html.Append("<p>").Append(T(PaperNotices.ActTotal, line)).Append("</p>");
        html.Append("<div class=\"signs\"><div class=\"sign\">").Append(T(PaperNotices.ActFrom)).Append("<div class=\"line\"></div>")
            .Append(WebUtility.HtmlEncode(fromName ?? "")).Append("</div><div class=\"sign\">").Append(T(PaperNotices.ActTo))
            .Append("<div class=\"line\"></div>").Append(WebUtility.HtmlEncode(toName ?? "")).Append("</div></div>");
        html.Append("</body></html>");
        return html.ToString();
    }

    public async Task<Result<HandoverActFile>> PdfAsync(AccessContext access, HandoverActRequest request, string? culture, CancellationToken ct)
    {
        var html = await HtmlAsync(access, request, culture, ct);
        if (!html.IsSuccess)
            return html.Error!;
        var file = await pdf.FromHtmlAsync(html.Value, ct);
        if (!file.IsSuccess)
            return file.Error!;
        return new HandoverActFile("handover-act.pdf", "application/pdf", file.Value);
    }
}
