using Letopis.Core.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Letopis.Infrastructure.Mail;

/// <summary>
/// Sends e-mail over SMTP with MailKit, one connection per message (reminders and letters to clients
/// are few and far between). A refusal by the server comes out as <see cref="EmailRefusedException"/>
/// saying whether it is permanent (5xx) or not (4xx); network failures come out as they are.
/// </summary>
public sealed class MailKitEmailSender(IOptions<SmtpOptions> options) : IEmailSender
{
    /// <summary>How long one SMTP command may take before the attempt counts as failed (and is retried).</summary>
    private const int TimeoutMilliseconds = 60_000;

    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        var smtp = options.Value;
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(smtp.From!));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        foreach (var file in message.Attachments ?? [])
            body.Attachments.Add(Attachment(file));
        mime.Body = body.ToMessageBody();

        using var client = new SmtpClient { Timeout = TimeoutMilliseconds };
        var security = smtp.UseTls switch
        {
            "ssl" => SecureSocketOptions.SslOnConnect,
            "none" => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, security, ct);
            if (!string.IsNullOrEmpty(smtp.UserName))
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
            await client.SendAsync(mime, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (SmtpCommandException e)
        {
            // The server's own words («550 5.1.1 <x@y.ru>: Recipient address rejected») are what a user can act on.
            var code = (int)e.StatusCode;
            throw new EmailRefusedException($"{code} {e.Message}".Trim(), permanent: code >= 500, e);
        }
    }

    private static MimePart Attachment(EmailAttachment file)
    {
        var type = ContentType.TryParse(file.ContentType, out var parsed) ? parsed : new ContentType("application", "octet-stream");
        return new MimePart(type)
        {
            Content = new MimeContent(file.Content),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = file.FileName,
        };
    }
}
