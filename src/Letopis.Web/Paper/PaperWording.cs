using System.Globalization;
using Letopis.Core.Paper;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Paper;

/// <summary>Paper notices and the handover act in the language of the person they are for.</summary>
public sealed class PaperWording(IStringLocalizer<SharedResource> text) : IPaperWording
{
    public string Text(string? culture, string key, params object[] args)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture == "en" ? "en-US" : "ru-RU");
        try
        {
            return text[key, args];
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

/// <summary>
/// A movement on the document's history is stored as three lines: the movement (API name), the
/// copy («original 1»), the details; the reader sees «Выдан: Оригинал № 1 — Иванов И. И., 28.12.2026».
/// </summary>
public static class PaperHistoryText
{
    public static string Render(IStringLocalizer<SharedResource> L, string value)
    {
        var lines = value.Split('\n', 3);
        if (lines.Length < 3)
            return value;
        var movement = L["paper.movement." + lines[0]];
        var copy = lines[1].Split(' ', 2);
        var kind = L["paper.kind." + copy[0]];
        var number = copy.Length > 1 ? copy[1] : "";
        return $"{(movement.ResourceNotFound ? lines[0] : movement.Value)}: "
            + $"{(kind.ResourceNotFound ? copy[0] : kind.Value)} № {number} — {lines[2]}";
    }
}
