using Letopis.Core.Execution;
using Letopis.Web.Components.Pages.Documents;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Letopis.Web.Components.Pages.Execution;

/// <summary>How execution control reads: kinds and statuses of control points, sums in the user's culture.</summary>
public static class ExecutionText
{
    /// <summary>The kinds of control points in the order a plan is usually written.</summary>
    public static readonly string[] Kinds = ["stage", "delivery", "payment", "act", "work_order", "schedule"];

    /// <summary>Document kinds whose card offers a control plan even while it is empty.</summary>
    private static readonly HashSet<string> PlannedKinds = ["contract", "schedule", "work_order", "supplementary_agreement", "appendix"];

    public static bool Plans(string documentKind) => PlannedKinds.Contains(documentKind);

    public static string KindName(IStringLocalizer<SharedResource> L, string kind)
    {
        var text = L["execution.kind." + kind];
        return text.ResourceNotFound ? kind : text.Value;
    }

    public static string StatusName(IStringLocalizer<SharedResource> L, string status)
    {
        var text = L["execution.status." + status];
        return text.ResourceNotFound ? status : text.Value;
    }

    public static Color StatusColor(ControlPointDto point) => point switch
    {
        { Overdue: true } => Color.Error,
        { Status: "done" } => Color.Success,
        { Status: "cancelled" } => Color.Default,
        _ => Color.Info,
    };

    /// <summary>A sum in the user's culture: «1 234 567,89 ₽»; empty for none.</summary>
    public static string Money(decimal? amount, string currency) => DocumentText.Money(amount, currency);
}
