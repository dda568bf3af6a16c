using System.Globalization;
using Letopis.Core.Approvals;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Approvals;

/// <summary>Approval notices and «nobody found» reasons in the language of the person they are for.</summary>
public sealed class ApprovalWording(IStringLocalizer<SharedResource> text) : IApprovalWording
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
