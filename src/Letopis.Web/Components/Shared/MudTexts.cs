using Letopis.Web.Resources;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Letopis.Web.Components.Shared;

/// <summary>
/// MudBlazor's own texts (a required field's message, a date picker's «Открыть», a dialog's «Закрыть»)
/// in the user's language: MudBlazor asks this localizer for any culture but English and falls back
/// to its English text for a key our resources do not have. Keys are MudBlazor's, prefixed with <c>mud.</c>.
/// </summary>
public sealed class MudTexts(IStringLocalizer<SharedResource> L) : MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            var text = L["mud." + key];
            return new LocalizedString(key, text.Value, text.ResourceNotFound);
        }
    }

    public override LocalizedString this[string key, params object[] arguments]
    {
        get
        {
            var text = L["mud." + key, arguments];
            return new LocalizedString(key, text.Value, text.ResourceNotFound);
        }
    }
}

public static class MudTextsRegistration
{
    /// <summary>MudBlazor with its texts in the user's language; the app and the component tests call this.</summary>
    public static IServiceCollection AddMudTexts(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Transient<MudLocalizer, MudTexts>());
        return services;
    }
}
