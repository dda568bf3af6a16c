using System.Globalization;
using Letopis.Core.Correspondence;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Correspondence;

/// <summary>Assignment notices in the language of the person they are for.</summary>
public sealed class CorrespondenceWording(IStringLocalizer<SharedResource> text) : ICorrespondenceWording
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
