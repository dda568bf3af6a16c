using System.Globalization;
using Letopis.Core.Activities;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Activities;

/// <summary>Reminder titles of activities, in the language of the person reminded.</summary>
public sealed class ActivityWording(IStringLocalizer<SharedResource> text) : IActivityWording
{
    public string ReminderTitle(string? culture, ActivityKind kind, string subject, bool overdue)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture == "en" ? "en-US" : "ru-RU");
        try
        {
            var kindName = text["activity.kind." + kind.ToString().ToLowerInvariant()].Value;
            return text[overdue ? "activity.reminder.overdue" : "activity.reminder.soon", kindName, subject];
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
