using Letopis.Core.Access;
using Letopis.Core.Activities;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Mail;

/// <summary>A file attached to a letter.</summary>
/// <param name="FileVersionId">The document file version it was taken from; null for a generated file.</param>
public sealed record OutgoingEmailAttachmentDto(Guid Id, string FileName, string ContentType, long Size, string Sha256, Guid? FileVersionId);

/// <summary>A letter to a client and how its delivery goes.</summary>
/// <param name="Status"><c>queued</c> (waiting for its first try or a retry), <c>sent</c> or <c>failed</c> (given up; see <paramref name="LastError"/>).</param>
/// <param name="ActivityId">The e-mail activity that shows the letter on the counterparty's timeline.</param>
/// <param name="Attempts">How many times sending was tried.</param>
/// <param name="NextAttemptAt">When a queued letter is tried next (UTC).</param>
/// <param name="LastError">The last failure as the SMTP server or the network put it.</param>
public sealed record OutgoingEmailDto(
    Guid Id, string Status, string To, string Subject, string TextBody,
    Guid? ActivityId, Guid? CounterpartyId, Guid? ContactId, Guid? DealId, Guid? DocumentId,
    int Attempts, DateTime? NextAttemptAt, string? LastError, DateTime? SentAt,
    DateTime CreatedAt, Guid CreatedById, string? CreatedByName,
    IReadOnlyList<OutgoingEmailAttachmentDto> Attachments);

/// <summary>Which letters a reader may see, and how they are read.</summary>
internal static class EmailQueries
{
    public static string StatusName(OutgoingEmailStatus status) => status switch
    {
        OutgoingEmailStatus.Queued => "queued",
        OutgoingEmailStatus.Sent => "sent",
        _ => "failed",
    };

    public static OutgoingEmailStatus? ParseStatus(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "queued" => OutgoingEmailStatus.Queued,
        "sent" => OutgoingEmailStatus.Sent,
        "failed" => OutgoingEmailStatus.Failed,
        _ => null,
    };

    /// <summary>
    /// A letter is as private as its e-mail activity and its counterparty: the reader must see both
    /// (the sender always sees their own activity; heads and deputies as for any activity).
    /// </summary>
    public static IQueryable<OutgoingEmail> Visible(LetopisDb db, AccessContext access, ActivityViewer viewer)
    {
        var counterparties = db.Counterparties.VisibleTo(access, Counterparty.EntityKind);
        var activities = viewer.Visible(db.Activities);
        var me = access.UserId;
        return db.OutgoingEmails.AsNoTracking()
            .Where(m => m.CounterpartyId == null || counterparties.Any(c => c.Id == m.CounterpartyId))
            .Where(m => m.ActivityId == null ? m.CreatedById == me : activities.Any(a => a.Id == m.ActivityId));
    }

    public static async Task<List<OutgoingEmailDto>> ProjectAsync(LetopisDb db, IQueryable<OutgoingEmail> emails, CancellationToken ct)
    {
        var rows = await emails
            .Select(m => new { Email = m, CreatedByName = db.Users.Where(u => u.Id == m.CreatedById).Select(u => u.FullName).FirstOrDefault() })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Email.Id).ToList();
        var attachments = (await db.OutgoingEmailAttachments.AsNoTracking().Where(a => ids.Contains(a.EmailId)).ToListAsync(ct))
            .OrderBy(a => a.Id).ToLookup(a => a.EmailId);
        return rows.Select(r => ToDto(r.Email, r.CreatedByName, attachments[r.Email.Id])).ToList();
    }

    private static OutgoingEmailDto ToDto(OutgoingEmail m, string? createdByName, IEnumerable<OutgoingEmailAttachment> attachments) =>
        new(m.Id, StatusName(m.Status), m.To, m.Subject, m.TextBody, m.ActivityId, m.CounterpartyId, m.ContactId, m.DealId, m.DocumentId,
            m.Attempts, m.Status == OutgoingEmailStatus.Queued ? m.NextAttemptAt : null, m.LastError, m.SentAt,
            m.CreatedAt, m.CreatedById, createdByName,
            attachments.Select(a => new OutgoingEmailAttachmentDto(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.FileVersionId)).ToList());
}
