using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Letopis.Web.Components.Pages.Correspondence;

/// <summary>The kinds of document types that are letters, as the API spells them.</summary>
public static class LetterKinds
{
    public const string Incoming = "incoming_letter";

    public const string Outgoing = "outgoing_letter";

    /// <summary>The preconfigured type an answer is registered as.</summary>
    public const string OutgoingTypeCode = "outgoing-letter";
}

/// <summary>How letters and assignments read on screen, in the user's language.</summary>
public static class LetterText
{
    /// <summary>Delivery methods as the API spells them, in the order a secretary meets them.</summary>
    public static readonly string[] DeliveryMethods = ["post", "courier", "email", "by_hand", "edo"];

    public static string Delivery(IStringLocalizer<SharedResource> L, string? method) =>
        method is null ? "" : L["letters.delivery." + method] is { ResourceNotFound: false } text ? text.Value : method;

    public static string Status(IStringLocalizer<SharedResource> L, string status) =>
        L["letters.status." + status] is { ResourceNotFound: false } text ? text.Value : status;

    public static Color StatusColor(string status) => status switch
    {
        "open" => Color.Info,
        "reported" => Color.Warning,
        "done" => Color.Success,
        _ => Color.Default,
    };

    /// <summary>How a done assignment was closed: «Отчёт принят», «Исполнено», «Дан ответ».</summary>
    public static string Closure(IStringLocalizer<SharedResource> L, string? closure) =>
        closure is null ? "" : L["letters.closure." + closure] is { ResourceNotFound: false } text ? text.Value : closure;

    public const string OverdueStyle = "background-color: rgba(244, 67, 54, 0.08)";
}
