using Letopis.Core.Approvals;

namespace Letopis.Web.Components.Pages.Approvals;

/// <summary>
/// What the decision dialog holds and the rules it checks before calling the engine (which checks
/// them again): a comment for anything but approve, a reason for the delay on an overdue task.
/// </summary>
public sealed class ApprovalDecisionDraft(bool overdue)
{
    public const string CommentField = "comment";
    public const string DelayReasonField = "delayReason";

    public bool Overdue { get; set; } = overdue;

    public string Decision { get; set; } = ApprovalText.Approve;

    public string? Comment { get; set; }

    public string? DelayReason { get; set; }

    public bool CommentRequired => Decision != ApprovalText.Approve;

    /// <summary>The fields left empty that the decision needs, by their JSON names.</summary>
    public IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        if (CommentRequired && string.IsNullOrWhiteSpace(Comment))
            missing.Add(CommentField);
        if (Overdue && string.IsNullOrWhiteSpace(DelayReason))
            missing.Add(DelayReasonField);
        return missing;
    }

    public ApprovalDecisionRequest ToRequest(int version) => new(
        Decision,
        string.IsNullOrWhiteSpace(Comment) ? null : Comment.Trim(),
        Overdue && !string.IsNullOrWhiteSpace(DelayReason) ? DelayReason.Trim() : null,
        version);
}
