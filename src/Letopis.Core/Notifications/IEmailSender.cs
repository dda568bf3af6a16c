namespace Letopis.Core.Notifications;

/// <summary>One e-mail with a plain-text part, an HTML part when <paramref name="HtmlBody"/> is set, and attachments.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody,
    IReadOnlyList<EmailAttachment>? Attachments = null);

/// <summary>A file attached to an e-mail; the sender reads <paramref name="Content"/> while sending and does not dispose it.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, Stream Content);

/// <summary>
/// The SMTP server answered with a refusal. <see cref="Permanent"/> (a 5xx reply: the recipient does
/// not exist, the message is refused) means trying again cannot help; otherwise (4xx: mailbox busy,
/// try later) it may. Network failures are not wrapped: they are temporary by nature.
/// </summary>
public sealed class EmailRefusedException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}

/// <summary>
/// Sends e-mail. Registered only when SMTP is configured: without it Letopis sends nothing and
/// says so (<see cref="EmailState.NotRequested"/>), rather than pretending.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct);
}

/// <summary>What a reminder e-mail says, before it is put into the recipient's language.</summary>
/// <param name="DueAt">The due instant (UTC).</param>
/// <param name="TimeZone">The recipient's time zone: the due time is written in it, with its name.</param>
public sealed record ReminderEmailContent(
    string To, string Culture, string Title, string? Body, DateTime DueAt, string? Link, TimeZoneInfo TimeZone);

/// <summary>Turns a fired reminder into an e-mail in the recipient's language (the strings live with the UI's).</summary>
public interface IReminderEmailComposer
{
    EmailMessage Compose(ReminderEmailContent content);
}
