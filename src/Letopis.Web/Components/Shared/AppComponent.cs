using Letopis.Core.Common;
using Letopis.Web.Auth;
using Letopis.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Letopis.Web.Components.Shared;

/// <summary>
/// Base of pages and dialogs that call use-case handlers: it turns a handler's <see cref="Error"/>
/// into messages beside the fields of the form and a snackbar for everything else.
/// </summary>
public abstract class AppComponent : ComponentBase
{
    [Inject]
    protected IStringLocalizer<SharedResource> L { get; set; } = default!;

    [Inject]
    protected UiActions Ui { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Localized messages of the last failed action, by field name.</summary>
    protected Dictionary<string, string> FieldErrors { get; } = new(StringComparer.OrdinalIgnoreCase);

    protected bool HasError(string field) => FieldErrors.ContainsKey(field);

    protected string? ErrorOf(string field) => FieldErrors.GetValueOrDefault(field);

    /// <summary>
    /// True on success. On failure, errors of <paramref name="formFields"/> go beside those fields
    /// and every other error goes to a snackbar.
    /// </summary>
    protected bool Accept<T>(Result<T> result, params string[] formFields)
    {
        FieldErrors.Clear();
        if (result.IsSuccess)
            return true;
        var error = result.Error!;
        var elsewhere = new List<string>();
        foreach (var (field, codes) in error.FieldErrors ?? new Dictionary<string, string[]>())
        {
            var message = string.Join(" ", codes.Select(c => UiText.FieldMessage(L, field, c)));
            if (formFields.Contains(field, StringComparer.OrdinalIgnoreCase))
                FieldErrors[field] = message;
            else
                elsewhere.Add(message);
        }
        if (error.FieldErrors is not { Count: > 0 })
            Snackbar.Add(UiText.ErrorMessage(L, error), Severity.Error);
        else if (elsewhere.Count > 0)
            Snackbar.Add(string.Join(" ", elsewhere), Severity.Error);
        return false;
    }
}
