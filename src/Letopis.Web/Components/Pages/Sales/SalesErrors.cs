using Letopis.Core.Common;
using Letopis.Web.Components.Shared;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Components.Pages.Sales;

/// <summary>An error of a sales action as one sentence for a snackbar: the fields' messages, or the error's own.</summary>
public static class SalesErrors
{
    public static string Message(IStringLocalizer<SharedResource> L, Error error) =>
        error.FieldErrors is { Count: > 0 } fields
            ? string.Join(" ", fields.SelectMany(f => f.Value.Select(code => UiText.FieldMessage(L, f.Key, code))))
            : UiText.ErrorMessage(L, error);
}
