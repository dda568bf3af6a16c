using System.Globalization;
using Letopis.Core.Crm;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Crm;

/// <summary>Reminder titles of important dates, in the language of the person reminded.</summary>
public sealed class ContactDateWording(IStringLocalizer<SharedResource> text) : IContactDateWording
{
    public string ReminderTitle(string? culture, ContactDate date, string contactName)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture == "en" ? "en-US" : "ru-RU");
        try
        {
            var label = date.Kind == ContactDateKinds.Custom ? date.Label ?? "" : text["contactDate.kind." + date.Kind].Value;
            return text["contactDate.reminderTitle", label, contactName];
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
