using System.ComponentModel.DataAnnotations;

namespace Letopis.Core.Mail;

/// <summary>Letters to clients, bound from <c>Letopis:Mail</c>; the SMTP server itself is <c>Letopis:Smtp</c>.</summary>
public sealed class OutgoingEmailOptions
{
    public const string Section = "Letopis:Mail";

    /// <summary>All attachments of one letter together; most mail servers refuse letters over 20–25 MB.</summary>
    [Range(1, 100)]
    public int MaxAttachmentMegabytes { get; set; } = 20;

    /// <summary>How often a node looks for queued letters besides being woken by a new one.</summary>
    [Range(1, 86400)]
    public int PollSeconds { get; set; } = 15;

    [Range(1, 500)]
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a node holds a claimed letter; longer than sending a batch takes, so no other node sends it meanwhile.</summary>
    [Range(60, 86400)]
    public int ClaimSeconds { get; set; } = 900;

    public long MaxAttachmentBytes => MaxAttachmentMegabytes * 1024L * 1024L;
}

/// <summary>Stable problem and field error codes of letters.</summary>
public static class MailErrors
{
    /// <summary>No SMTP server is configured (<c>Letopis:Smtp:Host</c>): nothing can be sent, so nothing is queued.</summary>
    public const string SmtpNotConfigured = "smtp_not_configured";

    /// <summary>The attachments together exceed <see cref="OutgoingEmailOptions.MaxAttachmentMegabytes"/> (413, with <c>limit</c> and <c>size</c> in bytes).</summary>
    public const string AttachmentsTooLarge = "attachments_too_large";

    /// <summary>Only a letter that failed can be queued again.</summary>
    public const string NotFailed = "email_not_failed";

    /// <summary>Field error: not an e-mail address.</summary>
    public const string InvalidAddress = "invalid_address";

    /// <summary>Field error: no address was given and the contact person has none.</summary>
    public const string NoAddress = "no_address";
}

/// <summary>
/// Blob keys of files generated from templates that may be attached to a letter. The generator
/// stores an unregistered file under a fresh key (<c>Guid.CreateVersion7().ToString("N")</c>, or
/// <see cref="New"/>) and hands it to the one who generated it; a letter accepts a key of that form
/// only when it is not the key of a document's stored file or of a template's file, so a client
/// cannot attach a document's file by its key and bypass the document's access (those are attached
/// by file id).
/// </summary>
public static class GeneratedFileKeys
{
    public const string Suffix = "-generated";

    public static string New() => Guid.CreateVersion7().ToString("N") + Suffix;

    /// <summary>The form of a generated key: 32 lowercase hex digits, optionally followed by <see cref="Suffix"/>.</summary>
    public static bool HasForm(string? key) =>
        key is not null
        && (key.Length == 32 || (key.Length == 32 + Suffix.Length && key.EndsWith(Suffix, StringComparison.Ordinal)))
        && key[..32].All(char.IsAsciiHexDigitLower);
}
