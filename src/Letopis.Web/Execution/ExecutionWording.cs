using System.Globalization;
using Letopis.Core.Execution;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Execution;

/// <summary>Reminders on control dates in the language of the person they are for.</summary>
public sealed class ExecutionWording(IStringLocalizer<SharedResource> text) : IExecutionWording
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
