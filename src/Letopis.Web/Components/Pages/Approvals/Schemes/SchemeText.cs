using System.Globalization;
using Letopis.Core.Approvals;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Components.Pages.Approvals.Schemes;

/// <summary>How a scheme's parts read on screen.</summary>
public static class SchemeText
{
    public static readonly string[] Modes = ["all", "any", "quorum"];

    public static readonly string[] Operators = ["greater", "greater_or_equal", "less", "less_or_equal"];

    public static readonly string[] ReworkPolicies = ["not_yet_approved", "everyone"];

    public static string Approver(IStringLocalizer<SharedResource> L, ApproverRuleDto a) => a.Kind switch
    {
        "user" => a.Name is { Length: > 0 } name ? name : L["approvals.scheme.unknownUser"].Value,
        "role" => L["approvals.scheme.approver.role", Role(L, a.Name)].Value,
        "department_head" => L["approvals.scheme.approver.departmentHead", a.Name ?? "?"].Value,
        _ => L["approvals.scheme.kind." + a.Kind].Value,
    };

    /// <summary>A built-in role's display name is its code (<c>head</c>): show its localized title.</summary>
    public static string Role(IStringLocalizer<SharedResource> L, string? displayName)
    {
        if (string.IsNullOrEmpty(displayName))
            return "?";
        var builtIn = L["roles.builtin." + displayName];
        return builtIn.ResourceNotFound ? displayName : builtIn.Value;
    }

    public static string Mode(IStringLocalizer<SharedResource> L, ApprovalStageDto stage) => stage.Mode == "quorum"
        ? L["approvals.scheme.mode.quorumOf", stage.Quorum ?? 0, stage.Approvers.Count].Value
        : L["approvals.scheme.mode." + stage.Mode].Value;

    public static string Condition(IStringLocalizer<SharedResource> L, StageConditionDto condition) =>
        L["approvals.scheme.condition.text", L["approvals.scheme.operator." + condition.Operator].Value,
            condition.Value.ToString("#,0.##", CultureInfo.CurrentCulture)].Value;
}
