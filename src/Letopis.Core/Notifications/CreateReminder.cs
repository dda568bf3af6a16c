using Letopis.Core.Common;
using Letopis.Core.Data;

namespace Letopis.Core.Notifications;

/// <summary>A personal reminder for the caller.</summary>
/// <param name="DueAt">When to remind (ISO 8601 with offset); a moment in the past fires at the next run.</param>
/// <param name="Title">What to remind of, up to 300 characters.</param>
/// <param name="Body">Details, up to 4000 characters.</param>
/// <param name="Link">A relative link in Letopis (<c>/documents/…</c>) to the record concerned.</param>
/// <param name="SendEmail">Also send an e-mail to the caller's address.</param>
public sealed record CreateReminderRequest(DateTimeOffset? DueAt, string? Title, string? Body, string? Link, bool? SendEmail);

/// <summary>A reminder as its owner sees it.</summary>
public sealed record ReminderDto(
    Guid Id, DateTimeOffset DueAt, string Title, string? Body, string? Link, bool SendEmail,
    DateTimeOffset CreatedAt, DateTimeOffset? FiredAt, DateTimeOffset? CancelledAt);

public sealed class CreateReminder(LetopisDb db, TimeProvider time)
{
    public async Task<Result<ReminderDto>> HandleAsync(Guid userId, CreateReminderRequest request, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var title = request.Title?.Trim();
        if (string.IsNullOrEmpty(title))
            errors.Add(("title", FieldErrors.Required));
        else if (title.Length > TextLimits.Name)
            errors.Add(("title", FieldErrors.TooLong));
        else
            TextRules.Check(title, "title", errors);
        if (request.DueAt is null)
            errors.Add(("dueAt", FieldErrors.Required));
        var body = string.IsNullOrWhiteSpace(request.Body) ? null : request.Body.Trim();
        if (body?.Length > TextLimits.Long)
            errors.Add(("body", FieldErrors.TooLong));
        else
            TextRules.Check(body, "body", errors, multiLine: true);
        var link = string.IsNullOrWhiteSpace(request.Link) ? null : request.Link.Trim();
        if (link is not null && !IsLocalLink(link))
            errors.Add(("link", FieldErrors.Invalid));
        else if (link?.Length > TextLimits.Name)
            errors.Add(("link", FieldErrors.TooLong));
        else
            TextRules.Check(link, "link", errors);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var reminder = new Reminder
        {
            UserId = userId,
            DueAt = request.DueAt!.Value.UtcDateTime,
            Title = title!,
            Body = body,
            Link = link,
            SendEmail = request.SendEmail ?? false,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Reminders.Add(reminder);
        await db.SaveChangesAsync(ct);
        return ToDto(reminder);
    }

    /// <summary>Only paths inside Letopis: a reminder e-mail must never carry someone's link elsewhere.</summary>
    private static bool IsLocalLink(string link) =>
        link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) && !link.StartsWith("/\\", StringComparison.Ordinal)
        && !link.Any(char.IsWhiteSpace);

    internal static ReminderDto ToDto(Reminder r) => new(
        r.Id, r.DueAt, r.Title, r.Body, r.Link, r.SendEmail, r.CreatedAt,
        r.FiredAt, r.CancelledAt);
}
