using Letopis.Core.Documents;

namespace Letopis.Core.Approvals;

/// <summary>
/// The words of approval notices and of the «nobody found» reasons, in the recipient's language
/// (the web layer has the texts; <paramref name="culture"/> is the user's <c>ru</c> or <c>en</c>).
/// </summary>
public interface IApprovalWording
{
    string Text(string? culture, string key, params object[] args);
}

/// <summary>Keys and shapes of what the engine writes for people: notices, timeline entries, history rows.</summary>
public static class ApprovalNotices
{
    /// <summary>The reminders of a task carry this kind and the task's id, so closing the task cancels them.</summary>
    public const string TaskEntityKind = "approvalTask";

    /// <summary>Timeline kinds of the counterparty's entries about a decision (the text is the document and the person).</summary>
    public const string TimelineApproved = "approval_approved";
    public const string TimelineRejected = "approval_rejected";
    public const string TimelineRework = "approval_rework";

    /// <summary>The document's history field a decision is written under.</summary>
    public const string HistoryField = "approvalDecision";

    public const string NewTask = "approvals.engine.notice.task";
    public const string Reminder = "approvals.engine.notice.reminder";
    public const string Overdue = "approvals.engine.notice.overdue";
    public const string Approved = "approvals.engine.notice.approved";
    public const string Rejected = "approvals.engine.notice.rejected";
    public const string Rework = "approvals.engine.notice.rework";
    public const string Delegated = "approvals.engine.notice.delegated";
    public const string UnresolvedUser = "approvals.engine.unresolved.user";
    public const string UnresolvedRole = "approvals.engine.unresolved.role";
    public const string UnresolvedDepartmentHead = "approvals.engine.unresolved.department_head";
    public const string UnresolvedResponsibleHead = "approvals.engine.unresolved.responsible_head";
    public const string UnresolvedResponsible = "approvals.engine.unresolved.responsible";

    private static readonly Dictionary<string, string> English = new()
    {
        [NewTask] = "Please approve: {0}",
        [Reminder] = "Approval due {1}: {0}",
        [Overdue] = "Overdue approval: {0} ({1})",
        [Approved] = "Approved: {0}",
        [Rejected] = "Rejected: {0}",
        [Rework] = "Returned for rework: {0}",
        [Delegated] = "Approval delegated to you: {0}",
        [UnresolvedUser] = "The user no longer exists",
        [UnresolvedRole] = "The role «{0}» has no active members",
        [UnresolvedDepartmentHead] = "The department «{0}» has no head",
        [UnresolvedResponsibleHead] = "The responsible person's department has no head",
        [UnresolvedResponsible] = "The document has no responsible person",
    };

    /// <summary>The text in the recipient's language, or the English fallback when no wording is registered (core tests).</summary>
    public static string Say(IApprovalWording? wording, string? culture, string key, params object[] args)
    {
        var text = wording?.Text(culture, key, args) ?? string.Format(System.Globalization.CultureInfo.InvariantCulture, English.GetValueOrDefault(key, key), args);
        return text.Length > Common.TextLimits.Name ? text[..Common.TextLimits.Name] : text;
    }

    /// <summary>How the document is named in notices: type, number and title.</summary>
    public static string DocumentText(string typeName, Document document) => DocumentTimeline.Text(typeName, document);

    public static string Link(Guid documentId) => $"/documents/{documentId}";
}
