using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.History;

namespace Letopis.Core.Paper;

/// <summary>
/// How a movement of a paper copy is told: a line of the document's history (field <c>paperCopy</c>:
/// the movement, the copy and the detail) and, when the document has a counterparty, an entry of its
/// timeline. The handlers and the demo data write the same lines.
/// </summary>
public static class PaperHistory
{
    public static void Record(LetopisDb db, Document document, string typeName, PaperCopy copy, PaperMovementKind kind, string detail,
        DateTime at, ICurrentActor actor)
    {
        var name = ApiNames.Of(kind);
        db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, document.Id, at, actor, ChangeOperation.Updated,
            PaperNotices.HistoryField, null, Cut($"{name}\n{ApiNames.Of(copy.Kind)} {copy.Number}\n{detail}")));
        if (document.CounterpartyId is { } counterpartyId)
        {
            Timeline.Add(db, counterpartyId, at, actor, PaperNotices.TimelinePrefix + name,
                Cut($"{DocumentTimeline.Text(typeName, document)}, № {copy.Number}: {detail}"), Document.EntityKind, document.Id);
        }
    }

    /// <summary>«Лебедев Константин Юрьевич, 30.11.2026, для суда».</summary>
    public static string HandedOut(string holderName, DateOnly dueBack, string? purpose) =>
        $"{holderName}, {PaperNotices.Day(dueBack)}" + (purpose is null ? "" : $", {purpose}");

    /// <summary>«Лебедев Константин Юрьевич → Офис / Архив / …».</summary>
    public static string Returned(string? holderName, string placePath) =>
        (holderName is null ? "" : holderName + " → ") + placePath;

    /// <summary>«courier, 1234567890».</summary>
    public static string Sent(DeliveryMethod method, string? tracking) =>
        ApiNames.Of(method) + (tracking is null ? "" : ", " + tracking);

    private static string Cut(string text) => text.Length > TextLimits.Long ? text[..TextLimits.Long] : text;
}
