using System.Globalization;
using Letopis.Core.Common;

namespace Letopis.Core.Execution;

/// <summary>Words reminders on control dates in the recipient's language (the web layer has the texts).</summary>
public interface IExecutionWording
{
    string Text(string? culture, string key, params object[] args);
}

/// <summary>Keys of what execution control writes for people: reminders, timeline entries, history fields.</summary>
public static class ExecutionNotices
{
    /// <summary>Before a control date: {0} the point, {1} the date, {2} the contract.</summary>
    public const string Reminder = "execution.notice.reminder";

    /// <summary>The day after a missed control date: {0} the point, {1} the date, {2} the contract.</summary>
    public const string Overdue = "execution.notice.overdue";

    /// <summary>Timeline kinds on the counterparty (text: the point and the contract).</summary>
    public const string TimelinePointDone = "control_point_done";
    public const string TimelinePayment = "control_payment";
    public const string TimelineMissReason = "control_point_missed";

    /// <summary>The document's history fields for its plan and its payments.</summary>
    public const string HistoryPoint = "controlPoint";
    public const string HistoryPayment = "controlPayment";

    private static readonly Dictionary<string, string> English = new()
    {
        [Reminder] = "Control date {1}: {0} — {2}",
        [Overdue] = "Control date missed {1}: {0} — {2}",
    };

    /// <summary>The text in the recipient's language, or the English fallback when no wording is registered.</summary>
    public static string Say(IExecutionWording? wording, string? culture, string key, params object[] args)
    {
        var text = wording?.Text(culture, key, args) ?? string.Format(CultureInfo.InvariantCulture, English.GetValueOrDefault(key, key), args);
        return text.Length > TextLimits.Name ? text[..TextLimits.Name] : text;
    }

    public static string Link(Guid documentId) => $"/documents/{documentId}";

    /// <summary>An amount in kopecks as history and timeline rows keep it: «1234.56».</summary>
    public static string Money(long minor) => (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
