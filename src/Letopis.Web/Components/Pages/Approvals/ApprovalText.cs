using Letopis.Core.Approvals;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Letopis.Web.Components.Pages.Approvals;

/// <summary>Names and colours of routes, stages, tasks and decisions as the card and the inbox show them.</summary>
public static class ApprovalText
{
    /// <summary>The decisions an approver can take, as the API spells them.</summary>
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Rework = "rework";

    /// <summary>The background of an overdue line: a pale red that keeps the text readable.</summary>
    public const string OverdueStyle = "background-color: rgba(244, 67, 54, 0.08)";

    public static string RouteStatus(IStringLocalizer<SharedResource> L, string status) => L["approvals.card.route." + status];

    public static string StageStatus(IStringLocalizer<SharedResource> L, string status) => L["approvals.card.stage." + status];

    public static string TaskStatus(IStringLocalizer<SharedResource> L, string status) => L["approvals.card.task." + status];

    public static string Mode(IStringLocalizer<SharedResource> L, ApprovalRouteStageDto stage) => stage.Mode switch
    {
        "quorum" => L["approvals.card.mode.quorum", stage.Required],
        _ => L["approvals.card.mode." + stage.Mode],
    };

    public static Color RouteColor(string status) => status switch
    {
        "approved" => Color.Success,
        "running" => Color.Warning,
        "rework" or "rejected" => Color.Error,
        _ => Color.Default,
    };

    /// <summary>Done green, active amber (red when its deadline has passed), returned or rejected red, skipped grey.</summary>
    public static Color StageColor(ApprovalRouteStageDto stage) => stage.Status switch
    {
        "approved" => Color.Success,
        "active" => stage.Tasks.Any(t => t.Status == "pending" && t.Overdue) ? Color.Error : Color.Warning,
        "rejected" or "returned" => Color.Error,
        _ => Color.Default,
    };

    public static Color TaskColor(ApprovalTaskDto task) => task.Status switch
    {
        "approved" => Color.Success,
        "rejected" or "rework" => Color.Error,
        "pending" => task.Overdue ? Color.Error : Color.Warning,
        _ => Color.Default,
    };

    public static string StageIcon(ApprovalRouteStageDto stage) => stage.Status switch
    {
        "approved" => Icons.Material.Filled.CheckCircle,
        "active" => Icons.Material.Filled.HourglassTop,
        "rejected" => Icons.Material.Filled.Cancel,
        "returned" => Icons.Material.Filled.Undo,
        "skipped" => Icons.Material.Filled.RemoveCircleOutline,
        "stopped" => Icons.Material.Filled.StopCircle,
        _ => Icons.Material.Outlined.Circle,
    };

    public static string Decision(IStringLocalizer<SharedResource> L, string decision) => L["approvals.card.decision." + decision];

    /// <summary>Whether the route still waits for someone: a running route or one returned for rework.</summary>
    public static bool IsLive(ApprovalRouteDto route) => route.Status is "running" or "rework";
}
