using System.Globalization;
using Letopis.Core.Documents;
using Letopis.Web.Components.Shared;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Letopis.Web.Components.Pages.Documents;

/// <summary>How documents read on screen: statuses, kinds and sums in the user's language and culture.</summary>
public static class DocumentText
{
    /// <summary>Every status in life-cycle order, as the API spells them.</summary>
    public static readonly string[] Statuses = [.. Enum.GetValues<DocumentStatus>().Select(DocumentStatuses.ToApi)];

    /// <summary>Every kind in the order of the enum, as the API spells them.</summary>
    public static readonly string[] Kinds = [.. Enum.GetValues<DocumentKind>().Select(k => ApiNames.Of(k))];

    /// <summary>
    /// The status as a document of a type of this <paramref name="gender"/> has it: «Подписан» for a
    /// contract, «Подписано» for an appendix, «Подписана» for a waybill. Only Russian has the forms
    /// (<c>doc.status.signed.neuter</c>); a language without them reads the plain key.
    /// </summary>
    public static string StatusName(IStringLocalizer<SharedResource> L, string status, string? gender = null)
    {
        if (gender is not null && L[$"doc.status.{status}.{gender}"] is { ResourceNotFound: false } agreed)
            return agreed.Value;
        var text = L["doc.status." + status];
        return text.ResourceNotFound ? status : text.Value;
    }

    /// <summary>The verb on the button that moves a document into <paramref name="status"/>.</summary>
    public static string StatusAction(IStringLocalizer<SharedResource> L, string status)
    {
        var text = L["doc.statusAction." + status];
        return text.ResourceNotFound ? StatusName(L, status) : text.Value;
    }

    public static string KindName(IStringLocalizer<SharedResource> L, string kind)
    {
        var text = L["doc.kind." + kind];
        return text.ResourceNotFound ? kind : text.Value;
    }

    /// <summary>Green once signed, blue on the way, red when refused or ended early.</summary>
    public static Color StatusColor(string status) => DocumentStatuses.Parse(status) switch
    {
        DocumentStatus.Draft => Color.Default,
        DocumentStatus.OnApproval or DocumentStatus.Rework => Color.Warning,
        DocumentStatus.Approved => Color.Info,
        DocumentStatus.Signed or DocumentStatus.InForce => Color.Success,
        DocumentStatus.Executed => Color.Primary,
        DocumentStatus.Terminated or DocumentStatus.Rejected => Color.Error,
        _ => Color.Default,
    };

    /// <summary>A sum in the user's culture with its currency: «1 250 000,00 ₽», «$1,250.00».</summary>
    public static string Money(decimal? amount, string currency)
    {
        if (amount is not { } value)
            return "";
        var culture = CultureInfo.CurrentCulture;
        var number = value.ToString("N2", culture);
        return currency switch
        {
            "RUB" => $"{number} ₽",
            _ => $"{number} {currency}",
        };
    }

    /// <summary>«Д-2026-0001 от 28.11.2026», or the date alone for a document without a number.</summary>
    public static string NumberAndDate(IStringLocalizer<SharedResource> L, string? number, DateOnly registeredOn) =>
        number is null ? UiText.Day(registeredOn) : L["doc.numberFrom", number, UiText.Day(registeredOn)];

    public static string Size(long bytes)
    {
        var culture = CultureInfo.CurrentCulture;
        string[] units = culture.TwoLetterISOLanguageName == "ru" ? ["Б", "КБ", "МБ", "ГБ", "ТБ"] : ["B", "KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? $"{bytes} {units[0]}" : $"{value.ToString(value < 10 ? "0.#" : "0", culture)} {units[unit]}";
    }

    /// <summary>Previewed inline in the browser: PDF and the raster images every browser draws (never SVG, which may carry script).</summary>
    public static bool CanPreview(string contentType) =>
        contentType is "application/pdf" or "image/png" or "image/jpeg" or "image/gif" or "image/webp" or "image/bmp";
}
