using System.Globalization;
using Letopis.Core.Paper;
using Letopis.Web.Components.Shared;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Letopis.Web.Components.Pages.Paper;

/// <summary>How paper copies read on screen: kinds, states, movements, and where the original is.</summary>
public static class PaperText
{
    /// <summary>The copy kinds, states, owners and delivery methods as the API spells them.</summary>
    public const string Original = "original";
    public const string Copy = "copy";
    public const string Ours = "ours";
    public const string Counterparty = "counterparty";
    public const string InPlace = "in_place";
    public const string Out = "out";
    public const string Sent = "sent";

    public static readonly string[] Methods = ["post", "courier", "email", "by_hand", "edo"];

    /// <summary>«Оригинал», «Копия».</summary>
    public static string Kind(IStringLocalizer<SharedResource> L, string kind) => L["paper.kind." + kind];

    /// <summary>«Оригинал № 1».</summary>
    public static string CopyName(IStringLocalizer<SharedResource> L, string kind, int number) => L["paper.copyN", Kind(L, kind), number];

    public static string Owner(IStringLocalizer<SharedResource> L, string owner) => L["paper.owner." + owner];

    /// <summary>«На месте», «Выдан», «У контрагента».</summary>
    public static string State(IStringLocalizer<SharedResource> L, string state) => L["paper.state." + state];

    /// <summary>«Почта», «Курьер»…</summary>
    public static string Method(IStringLocalizer<SharedResource> L, string method) => L["paper.method." + method];

    /// <summary>«Выдан», «Возвращён», «Перемещён»…</summary>
    public static string Movement(IStringLocalizer<SharedResource> L, string kind) => L["paper.movement." + kind];

    public static Color StateColor(string state, bool overdue) => state switch
    {
        _ when overdue => Color.Error,
        Out => Color.Warning,
        Sent => Color.Info,
        _ => Color.Success,
    };

    public static string MovementIcon(string kind) => kind switch
    {
        "placed" => Icons.Material.Filled.Inventory2,
        "moved" => Icons.Material.Filled.DriveFileMove,
        "handed_out" => Icons.Material.Filled.Outbox,
        "returned" => Icons.Material.Filled.MoveToInbox,
        "sent" => Icons.Material.Filled.LocalShipping,
        _ => Icons.Material.Filled.MarkunreadMailbox,
    };

    /// <summary>
    /// The at-a-glance answer: «Оригинал: Офис / Архив / Шкаф 1», «Оригинал у Лебедева К. Ю. до
    /// 28.12.2026 (просрочен)», «Оригинал у контрагента: курьер, № 123», «Оригинал не учтён».
    /// </summary>
    public static string Whereabouts(IStringLocalizer<SharedResource> L, PaperWhereaboutsDto? original)
    {
        if (original is null)
            return L["paper.original.none"];
        switch (original.State)
        {
            case Out when original.Holder is { } holder:
                var due = original.DueBack is { } d ? UiText.Day(d) : "…";
                var text = Genitive(holder.FullName) is { } whom
                    ? L["paper.original.heldBy", whom, due].Value
                    : L["paper.original.handedTo", ShortName(holder.FullName), due].Value;
                return original.Overdue ? $"{text} {L["paper.original.overdueMark"]}" : text;
            case Sent:
                var how = original.SentMethod is { } m ? Method(L, m) : null;
                var detail = string.Join(", ", new[] { how, original.TrackingNumber is { } t ? L["paper.trackingN", t].Value : null }.Where(x => x is not null));
                return detail.Length == 0 ? L["paper.original.sent"] : L["paper.original.sentBy", detail];
            default:
                return original.StoragePlace is { } place ? L["paper.original.at", place.Path] : L["paper.original.noPlace"];
        }
    }

    /// <summary>«Лебедев Константин Юрьевич» → «Лебедев К. Ю.», as office papers name people.</summary>
    public static string ShortName(string fullName)
    {
        var parts = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            3 => $"{parts[0]} {parts[1][0]}. {parts[2][0]}.",
            2 => $"{parts[0]} {parts[1][0]}.",
            _ => fullName,
        };
    }

    /// <summary>
    /// «у кого»: the short name with the surname in the genitive («Лебедева К. Ю.», «Ивановой М. А.»),
    /// in Russian only and only when the patronymic tells the gender and the surname follows a regular
    /// pattern; null otherwise, and the caller words the sentence without declining the name.
    /// </summary>
    public static string? Genitive(string fullName)
    {
        if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName != "ru")
            return ShortName(fullName);
        var parts = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3)
            return null;
        var (surname, patronymic) = (parts[0], parts[2]);
        bool? male = patronymic.EndsWith("ич", StringComparison.Ordinal) ? true
            : patronymic.EndsWith("на", StringComparison.Ordinal) ? false : null;
        var declined = male switch
        {
            true => MaleGenitive(surname),
            false => FemaleGenitive(surname),
            null => null,
        };
        return declined is null ? null : $"{declined} {parts[1][0]}. {patronymic[0]}.";
    }

    private static readonly string[] Unchanged = ["ых", "их", "ко", "о", "е", "и", "у", "ю"];

    private static string? MaleGenitive(string surname)
    {
        if (surname.EndsWith("ский", StringComparison.Ordinal) || surname.EndsWith("цкий", StringComparison.Ordinal))
            return surname[..^2] + "ого";
        if (surname.EndsWith("ой", StringComparison.Ordinal) || surname.EndsWith("ый", StringComparison.Ordinal))
            return surname[..^2] + "ого";
        if (Unchanged.Any(e => surname.EndsWith(e, StringComparison.Ordinal)))
            return surname;
        var last = surname[^1];
        // Ивано-в, Пушки-н, Шмидт: a hard consonant takes «-а»; «-ь», «-й», «-а», «-я» decline in ways a rule would get wrong.
        return "бвгджзклмнпрстфхцчшщ".Contains(last, StringComparison.Ordinal) ? surname + "а" : null;
    }

    private static string? FemaleGenitive(string surname)
    {
        foreach (var ending in new[] { "ова", "ева", "ёва", "ина", "ына" })
        {
            if (surname.EndsWith(ending, StringComparison.Ordinal))
                return surname[..^1] + "ой";
        }
        if (surname.EndsWith("ая", StringComparison.Ordinal))
            return surname[..^2] + "ой";
        if (Unchanged.Any(e => surname.EndsWith(e, StringComparison.Ordinal)))
            return surname;
        // A woman's surname ending in a consonant (Шмидт) does not decline.
        return "бвгджзклмнпрстфхцчшщ".Contains(surname[^1], StringComparison.Ordinal) ? surname : null;
    }
}
