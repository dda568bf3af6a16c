using System.ComponentModel.DataAnnotations;

namespace Letopis.Infrastructure.Mail;

/// <summary>Outgoing mail, bound from <c>Letopis:Smtp</c>. Without <see cref="Host"/> Letopis sends no e-mail.</summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Letopis:Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, <c>letopis@example.ru</c> or <c>Летопись &lt;letopis@example.ru&gt;</c>.</summary>
    public string? From { get; set; }

    /// <summary><c>none</c>, <c>starttls</c> or <c>ssl</c> (TLS from the first byte, usually port 465).</summary>
    [RegularExpression("^(none|starttls|ssl)$")]
    public string UseTls { get; set; } = "starttls";

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
            yield break;
        if (string.IsNullOrWhiteSpace(From) || !MimeKit.MailboxAddress.TryParse(From, out _))
            yield return new ValidationResult("Letopis:Smtp:From must be a mail address when Letopis:Smtp:Host is set.", [nameof(From)]);
        if (!string.IsNullOrEmpty(UserName) && Password is null)
            yield return new ValidationResult("Letopis:Smtp:Password is required with Letopis:Smtp:UserName.", [nameof(Password)]);
    }
}
