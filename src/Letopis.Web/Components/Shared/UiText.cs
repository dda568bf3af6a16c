using System.Globalization;
using Letopis.Core.Common;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Components.Shared;

/// <summary>Localized texts shared by components: errors by code, dates in the user's culture.</summary>
public static class UiText
{
    /// <summary>The same lookup as the API's problem details: field-specific first, then general.</summary>
    public static string FieldMessage(IStringLocalizer<SharedResource> L, string field, string code)
    {
        var specific = L[$"field.{field}.{code}"];
        if (!specific.ResourceNotFound)
            return specific.Value;
        var general = L["field." + code];
        return general.ResourceNotFound ? code : general.Value;
    }

    public static string ErrorMessage(IStringLocalizer<SharedResource> L, Error error)
    {
        var text = L["error." + error.Code];
        return text.ResourceNotFound ? error.Message : text.Value;
    }

    /// <summary>
    /// A name inside a message: «СтройГрад» in guillemets, but a name that brings its own quotes
    /// (ООО «Ромашка-Строй») as it is, so that quotes never nest («ООО «Ромашка-Строй»»). Every
    /// message that names a record uses this and has no quotes of its own around the name.
    /// </summary>
    public static string Quoted(string name) =>
        name.IndexOfAny(['«', '»', '"', '“', '”', '„']) >= 0 ? name : $"«{name}»";

    // Moments (a time of day) are read through ViewerClock, in the viewer's time zone.

    public static string Day(DateOnly day) => day.ToString("d", CultureInfo.CurrentCulture);

    public static string Period(DateOnly from, DateOnly to) => $"{Day(from)} — {Day(to)}";

    /// <summary>«Иванова Мария Александровна» → «Мария Александровна», as Russian colleagues address each other.</summary>
    public static string AddressName(string fullName)
    {
        var parts = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 3 ? $"{parts[1]} {parts[2]}" : fullName;
    }

    public static string Initials(string fullName)
    {
        var parts = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            0 => "?",
            1 => parts[0][..1].ToUpperInvariant(),
            _ => string.Concat(parts[0][..1], parts[1][..1]).ToUpperInvariant(),
        };
    }

    /// <summary>Built-in roles are named in the user's language; custom ones as their creator named them.</summary>
    public static string RoleTitle(IStringLocalizer<SharedResource> L, Core.Access.RoleDto role)
    {
        if (!role.IsBuiltIn)
            return role.DisplayName;
        var text = L["roles.builtin." + role.Name];
        return text.ResourceNotFound ? role.DisplayName : text.Value;
    }

    public static string Scope(IStringLocalizer<SharedResource> L, Core.Access.AccessScope scope) =>
        L["roles.scope." + scope.ToString().ToLowerInvariant()];
}
