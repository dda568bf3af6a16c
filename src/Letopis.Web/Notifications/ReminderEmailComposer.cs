using System.Globalization;
using System.Net;
using System.Text;
using Letopis.Core.Common;
using Letopis.Core.Notifications;
using Letopis.Web.Components.Shared;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Notifications;

/// <summary>
/// Writes a reminder e-mail in the recipient's language (<c>AppUser.Culture</c>, Russian unless
/// they chose English), with the due time in the recipient's time zone and that zone named beside it
/// («27.11.2026 08:30 (Москва, UTC+3)»): a colleague in another city must not guess whose clock it is.
/// </summary>
public sealed class ReminderEmailComposer(IStringLocalizer<SharedResource> text) : IReminderEmailComposer
{
    public EmailMessage Compose(ReminderEmailContent content)
    {
        var culture = CultureInfo.GetCultureInfo(content.Culture == "en" ? "en-US" : "ru-RU");
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var due = TimeZones.ToLocal(content.DueAt, content.TimeZone).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);
            var zone = text["email.reminder.zone", TimeZoneText.Name(text, content.TimeZone, content.DueAt)];
            var dueLine = $"{text["email.reminder.due"]}: {due} {zone}";
            var subject = $"{text["email.reminder.subject"]}: {content.Title}";

            var plain = new StringBuilder();
            plain.AppendLine(content.Title).AppendLine();
            if (!string.IsNullOrEmpty(content.Body))
                plain.AppendLine(content.Body).AppendLine();
            plain.AppendLine(dueLine);
            if (!string.IsNullOrEmpty(content.Link))
                plain.AppendLine($"{text["email.reminder.open"]}: {content.Link}");
            plain.AppendLine().AppendLine("-- ").AppendLine(text["email.signature"]);

            var html = new StringBuilder();
            html.Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
            html.Append("<h2>").Append(WebUtility.HtmlEncode(content.Title)).Append("</h2>");
            if (!string.IsNullOrEmpty(content.Body))
                html.Append("<p style=\"white-space:pre-line\">").Append(WebUtility.HtmlEncode(content.Body)).Append("</p>");
            html.Append("<p><b>").Append(WebUtility.HtmlEncode(dueLine)).Append("</b></p>");
            if (!string.IsNullOrEmpty(content.Link))
            {
                html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(content.Link)).Append("\">")
                    .Append(WebUtility.HtmlEncode(text["email.reminder.open"])).Append("</a></p>");
            }
            html.Append("<hr><p style=\"color:#777\">").Append(WebUtility.HtmlEncode(text["email.signature"])).Append("</p>");
            html.Append("</body></html>");

            return new EmailMessage(content.To, subject, plain.ToString(), html.ToString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
