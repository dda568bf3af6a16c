using System.Globalization;
using Letopis.Core.Common;

namespace Letopis.Core.Correspondence;

/// <summary>The words of assignment notices in the recipient's language (<c>ru</c> or <c>en</c>); the web layer has the texts.</summary>
public interface ICorrespondenceWording
{
    string Text(string? culture, string key, params object[] args);
}

/// <summary>Error codes, notice keys and history fields of correspondence.</summary>
public static class CorrespondenceNotices
{
    /// <summary>Reporting on, accepting or cancelling an assignment that is done or cancelled.</summary>
    public const string Closed = "assignment_closed";

    /// <summary>Accepting or returning a report on an assignment that waits for none.</summary>
    public const string NotReported = "assignment_not_reported";

    /// <summary>Reporting again while the report waits for the controller.</summary>
    public const string AlreadyReported = "assignment_reported";

    /// <summary>Deciding on a later date nobody asked for.</summary>
    public const string NoExtensionRequest = "assignment_no_extension_request";

    /// <summary>Recording the sending of a document that is not an outgoing letter.</summary>
    public const string NotOutgoing = "not_outgoing_letter";

    /// <summary>Field error: a person who is no longer active.</summary>
    public const string InactiveUser = "inactive_user";

    /// <summary>Field error: a due date before today.</summary>
    public const string InPast = "in_past";

    /// <summary>Field error: the later date asked for is not later than the due date.</summary>
    public const string NotLater = "not_later";

    /// <summary>The document's history fields.</summary>
    public const string HistoryResolution = "resolution";
    public const string HistoryAssignment = "assignment";

    /// <summary>The counterparty's timeline kinds.</summary>
    public const string TimelineResolution = "letter_resolution";
    public const string TimelineAssignmentDone = "letter_assignment_done";
    public const string TimelineSent = "letter_sent";

    public const string Assigned = "letters.notice.assigned";
    public const string Reminder = "letters.notice.reminder";
    public const string Overdue = "letters.notice.overdue";
    public const string Reported = "letters.notice.reported";
    public const string Accepted = "letters.notice.accepted";
    public const string Returned = "letters.notice.returned";
    public const string ExtensionRequested = "letters.notice.extensionRequested";
    public const string ExtensionApproved = "letters.notice.extensionApproved";
    public const string ExtensionRefused = "letters.notice.extensionRefused";
    public const string Cancelled = "letters.notice.cancelled";

    private static readonly Dictionary<string, string> English = new()
    {
        [Assigned] = "New assignment, due {1}: {0}",
        [Reminder] = "Assignment due {1}: {0}",
        [Overdue] = "Overdue assignment (due {1}): {0}",
        [Reported] = "Report on an assignment: {0}",
        [Accepted] = "Report accepted: {0}",
        [Returned] = "Report returned for rework: {0}",
        [ExtensionRequested] = "A later date ({1}) is asked for: {0}",
        [ExtensionApproved] = "New due date {1}: {0}",
        [ExtensionRefused] = "The later date was refused: {0}",
        [Cancelled] = "Assignment cancelled: {0}",
    };

    /// <summary>The text in the recipient's language, or the English fallback when no wording is registered.</summary>
    public static string Say(ICorrespondenceWording? wording, string? culture, string key, params object[] args)
    {
        var text = wording?.Text(culture, key, args) ?? string.Format(CultureInfo.InvariantCulture, English.GetValueOrDefault(key, key), args);
        return text.Length > TextLimits.Name ? text[..TextLimits.Name] : text;
    }

    public static string Day(DateOnly day) => day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    public static string Link(Guid documentId) => $"/documents/{documentId}";
}
