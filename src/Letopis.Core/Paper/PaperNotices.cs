using System.Globalization;

namespace Letopis.Core.Paper;

/// <summary>The words of paper notices and of the handover act in the recipient's language (the web layer has the texts).</summary>
public interface IPaperWording
{
    string Text(string? culture, string key, params object[] args);
}

/// <summary>Keys of what paper copies write for people, with English fallbacks for hosts without the web layer.</summary>
public static class PaperNotices
{
    /// <summary>The document's history field every movement is written under.</summary>
    public const string HistoryField = "paperCopy";

    /// <summary>Timeline kinds: <c>paper_</c> + the movement's API name (<c>paper_handed_out</c>, …).</summary>
    public const string TimelinePrefix = "paper_";

    public const string Reminder = "paper.notice.reminder";
    public const string OverdueHolder = "paper.notice.overdueHolder";
    public const string OverdueOffice = "paper.notice.overdueOffice";
    public const string ActTitle = "paper.act.title";
    public const string ActIntro = "paper.act.intro";
    public const string ActNumber = "paper.act.number";
    public const string ActDocument = "paper.act.document";
    public const string ActExemplar = "paper.act.exemplar";
    public const string ActPlace = "paper.act.place";
    public const string ActDueBack = "paper.act.dueBack";
    public const string ActFrom = "paper.act.from";
    public const string ActTo = "paper.act.to";
    public const string ActTotal = "paper.act.total";
    public const string KindOriginal = "paper.kind.original";
    public const string KindCopy = "paper.kind.copy";

    private static readonly Dictionary<string, string> English = new()
    {
        [Reminder] = "Return the paper copy by {1}: {0}",
        [OverdueHolder] = "Paper copy return overdue (due {1}): {0}",
        [OverdueOffice] = "Paper copy return overdue: {0} — {1}, due {2}",
        [ActTitle] = "Handover act",
        [ActIntro] = "The following paper documents were handed over on {0}:",
        [ActNumber] = "No.",
        [ActDocument] = "Document",
        [ActExemplar] = "Exemplar",
        [ActPlace] = "Storage place",
        [ActDueBack] = "Due back",
        [ActFrom] = "Handed over by",
        [ActTo] = "Received by",
        [ActTotal] = "Total copies: {0}",
        [KindOriginal] = "Original",
        [KindCopy] = "Copy",
    };

    public static string Say(IPaperWording? wording, string? culture, string key, params object[] args)
    {
        var text = wording?.Text(culture, key, args) ?? string.Format(CultureInfo.InvariantCulture, English.GetValueOrDefault(key, key), args);
        return text;
    }

    /// <summary>A notice title cut to what a reminder holds.</summary>
    public static string Title(IPaperWording? wording, string? culture, string key, params object[] args)
    {
        var text = Say(wording, culture, key, args);
        return text.Length > Common.TextLimits.Name ? text[..Common.TextLimits.Name] : text;
    }

    public static string Link(Guid documentId) => $"/documents/{documentId}";

    public static string Day(DateOnly day) => day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
}
