using System.Security.Cryptography;
using Letopis.Core.Access;
using Letopis.Core.Activities;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.Documents.Files;
using Letopis.Core.Notifications;
using Letopis.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Letopis.Core.Mail;

/// <summary>A file generated from a template (its <c>GeneratedFile.BlobKey</c>) to attach to a letter.</summary>
/// <param name="Key">The generated file's blob key (<c>GeneratedFile.BlobKey</c>); see <see cref="GeneratedFileKeys"/> for what is accepted.</param>
/// <param name="FileName">The name the recipient sees, e.g. <c>Договор поставки.pdf</c>.</param>
/// <param name="ContentType">The MIME type, e.g. <c>application/pdf</c>; default <c>application/octet-stream</c>.</param>
public sealed record GeneratedAttachment(string? Key, string? FileName, string? ContentType);

/// <summary>A letter to a client.</summary>
/// <param name="ContactId">The contact person it is written to; their e-mail is the default <paramref name="To"/>.</param>
/// <param name="To">The address: <c>ivanov@example.ru</c> or <c>Иванов &lt;ivanov@example.ru&gt;</c>.</param>
/// <param name="Subject">Required, at most 500 characters.</param>
/// <param name="Body">Plain text, at most 50,000 characters.</param>
/// <param name="CounterpartyId">Whose timeline shows the letter; by default the deal's company, the document's or the contact's counterparty.</param>
/// <param name="DealId">The deal the letter is about.</param>
/// <param name="DocumentId">The document the letter is about; by default the document of the attached files when they are all of one.</param>
/// <param name="DocumentFileIds">Files of documents to attach (their current versions).</param>
/// <param name="GeneratedKeys">Files generated from templates to attach.</param>
public sealed record SendEmailRequest(
    Guid? ContactId, string? To, string? Subject, string? Body,
    Guid? CounterpartyId = null, Guid? DealId = null, Guid? DocumentId = null,
    IReadOnlyList<Guid>? DocumentFileIds = null, IReadOnlyList<GeneratedAttachment>? GeneratedKeys = null);

/// <summary>
/// Writes a letter to a client: in one save, an e-mail activity (done, by the sender) with its entry
/// on the counterparty's and the deal's timeline, and the letter queued for sending with its
/// attachments. The attachments keep the blob keys of what was chosen (a file version's blob never
/// changes), so what was sent is what the timeline names. A node's sender (<see cref="DeliverEmails"/>)
/// sends it; nothing is sent inside the request, so a slow or absent SMTP server loses nothing.
/// </summary>
public sealed class SendEmail(
    LetopisDb db,
    IBlobStore blobs,
    TimeProvider time,
    ICurrentActor actor,
    CompanyTimeZone company,
    IOptions<OutgoingEmailOptions> options,
    EmailQueueSignal signal,
    IEmailSender? sender = null)
{
    public async Task<Result<OutgoingEmailDto>> HandleAsync(AccessContext access, SendEmailRequest request, CancellationToken ct)
    {
        // Without a server a queued letter would only wait forever: say so before anything is written.
        if (sender is null)
            return NotConfigured();

        var counterparties = db.Counterparties.VisibleTo(access, Counterparty.EntityKind);
        Deals.Deal? deal = null;
        if (request.DealId is { } dealId
            && (deal = await db.Deals.VisibleTo(access, Deals.Deal.EntityKind).AsNoTracking().SingleOrDefaultAsync(d => d.Id == dealId, ct)) is null)
            return Error.NotFound();
        if (request.CounterpartyId is { } cpId && !await counterparties.AnyAsync(c => c.Id == cpId, ct))
            return Error.NotFound();

        var files = await FilesAsync(access, request.DocumentFileIds, ct);
        if (files is null)
            return Error.NotFound();
        var documentId = request.DocumentId
            ?? (files.Select(f => f.DocumentId).Distinct().ToList() is [var single] ? single : null);
        Document? document = null;
        if (documentId is { } docId
            && (document = await db.VisibleDocuments(access).AsNoTracking().SingleOrDefaultAsync(d => d.Id == docId, ct)) is null)
            return Error.NotFound();

        ContactPerson? contact = null;
        if (request.ContactId is { } contactId)
        {
            // A contact person exists for the reader through a counterparty they see.
            var visibleLinks = db.CounterpartyContacts.Where(l => l.ContactId == contactId && counterparties.Any(c => c.Id == l.CounterpartyId));
            if (!await visibleLinks.AnyAsync(ct))
                return Error.NotFound();
            contact = await db.ContactPersons.AsNoTracking().SingleAsync(c => c.Id == contactId, ct);
        }

        var counterpartyId = request.CounterpartyId ?? deal?.CompanyId ?? document?.CounterpartyId;
        if (counterpartyId is null && contact is not null)
            counterpartyId = await db.CounterpartyContacts
                .Where(l => l.ContactId == contact.Id && counterparties.Any(c => c.Id == l.CounterpartyId))
                .OrderByDescending(l => l.IsMain).ThenBy(l => l.CounterpartyId)
                .Select(l => (Guid?)l.CounterpartyId).FirstOrDefaultAsync(ct);
        // A company derived from a deal or a document is shown only when the reader sees it too.
        if (counterpartyId is { } derived && request.CounterpartyId is null && !await counterparties.AnyAsync(c => c.Id == derived, ct))
            return Error.NotFound();

        var errors = new List<(string, string)>();
        if (counterpartyId is null)
            errors.Add(("counterpartyId", FieldErrors.Required));
        else if (contact is not null
                 && !await db.CounterpartyContacts.AnyAsync(l => l.CounterpartyId == counterpartyId && l.ContactId == contact.Id, ct))
            errors.Add(("contactId", ActivityErrors.ContactNotLinked));
        var to = Address(request.To, contact, errors);
        var subject = TextRules.Field(request.Subject, "subject", OutgoingEmail.SubjectMax, errors, required: true);
        var body = TextRules.Field(request.Body, "body", OutgoingEmail.BodyMax, errors, multiLine: true) ?? "";
        var generated = await GeneratedAsync(request.GeneratedKeys, errors, ct);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var attachments = files.Select(f => f.Attachment).Concat(generated).ToList();
        var size = attachments.Sum(a => a.Size);
        if (size > options.Value.MaxAttachmentBytes)
            return new Error(MailErrors.AttachmentsTooLarge,
                $"The attachments take {size} bytes; a letter may carry at most {options.Value.MaxAttachmentMegabytes} MB.",
                Extensions: new Dictionary<string, object?> { ["limit"] = options.Value.MaxAttachmentBytes, ["size"] = size });

        var now = time.GetUtcNow().UtcDateTime;
        var viewer = await ActivityViewer.LoadAsync(db, access, actor, company.Today(time), ct);
        var acting = viewer.ActingOn(access.UserId);
        db.RecordAs = acting;
        var activity = new Activity
        {
            Kind = ActivityKind.Email,
            Status = ActivityStatus.Done,
            Subject = subject!.Length > TextLimits.Name ? subject[..TextLimits.Name] : subject,
            Description = body.Length == 0 ? null : body.Length > TextLimits.Long ? body[..TextLimits.Long] : body,
            PlannedAt = now,
            AssigneeId = access.UserId,
            PlannedById = acting.UserId!.Value,
            PlannedOnBehalfOfId = acting.OnBehalfOfId,
            CounterpartyId = counterpartyId,
            ContactId = contact?.Id,
            DealId = deal?.Id ?? document?.DealId,
            CompletedAt = now,
            CompletedById = acting.UserId,
            CompletedOnBehalfOfId = acting.OnBehalfOfId,
            CreatedAt = now,
        };
        var email = new OutgoingEmail
        {
            ActivityId = activity.Id,
            CounterpartyId = counterpartyId,
            ContactId = contact?.Id,
            DealId = activity.DealId,
            DocumentId = document?.Id,
            To = to!,
            Subject = subject,
            TextBody = body,
            Status = OutgoingEmailStatus.Queued,
            NextAttemptAt = now,
            CreatedById = access.UserId,
            CreatedAt = now,
        };
        foreach (var a in attachments)
            a.EmailId = email.Id;
        db.Activities.Add(activity);
        db.OutgoingEmails.Add(email);
        db.OutgoingEmailAttachments.AddRange(attachments);
        ActivityTimeline.Add(db, activity, now, acting, TimelineKinds.EmailSent, EmailTimeline.Detail(to!, attachments.Select(a => a.FileName)));
        // One save: the activity, its timeline entries, the letter and its attachments, or nothing.
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return (await EmailQueries.ProjectAsync(db, db.OutgoingEmails.AsNoTracking().Where(m => m.Id == email.Id), ct))[0];
    }

    public static Error NotConfigured() =>
        new(MailErrors.SmtpNotConfigured, "No SMTP server is configured (Letopis:Smtp:Host), so Letopis cannot send letters.");

    private static string? Address(string? requested, ContactPerson? contact, List<(string, string)> errors)
    {
        var to = string.IsNullOrWhiteSpace(requested) ? contact?.Email?.Trim() : requested.Trim();
        if (string.IsNullOrEmpty(to))
        {
            errors.Add(("to", contact is null ? FieldErrors.Required : MailErrors.NoAddress));
            return null;
        }
        if (to.Length > OutgoingEmail.ToMax)
            errors.Add(("to", FieldErrors.TooLong));
        else if (!IsAddress(to))
            errors.Add(("to", MailErrors.InvalidAddress));
        return to;
    }

    /// <summary>One mailbox with a local part and a domain, as MimeKit will put it into the letter.</summary>
    public static bool IsAddress(string value) =>
        TextRules.IsAllowed(value)
        && MailboxAddress.TryParse(value, out var mailbox)
        && mailbox.Address.IndexOf('@') is var at and > 0
        && at < mailbox.Address.Length - 1
        && mailbox.Address[(at + 1)..].Contains('.', StringComparison.Ordinal);

    private sealed record PickedFile(Guid DocumentId, OutgoingEmailAttachment Attachment);

    /// <summary>The current versions of the files; null when one is missing or its document is hidden from the reader.</summary>
    private async Task<List<PickedFile>?> FilesAsync(AccessContext access, IReadOnlyList<Guid>? fileIds, CancellationToken ct)
    {
        var ids = (fileIds ?? []).Distinct().ToList();
        if (ids.Count == 0)
            return [];
        var visible = db.VisibleDocuments(access).Select(d => d.Id);
        var rows = await (
            from f in db.DocumentFiles.AsNoTracking()
            join v in db.DocumentFileVersions on f.Id equals v.FileId
            where ids.Contains(f.Id) && !f.Deleted && visible.Contains(f.DocumentId) && v.Version == f.CurrentVersion
            select new { f.Id, f.DocumentId, v })
            .ToListAsync(ct);
        if (rows.Count != ids.Count)
            return null;
        return ids.Select(id => rows.Single(r => r.Id == id)).Select(r => new PickedFile(r.DocumentId, new OutgoingEmailAttachment
        {
            FileName = r.v.Name,
            ContentType = string.IsNullOrEmpty(r.v.ContentType) ? "application/octet-stream" : r.v.ContentType,
            Size = r.v.Size,
            BlobKey = r.v.BlobKey,
            Sha256 = r.v.Sha256,
            FileVersionId = r.v.Id,
        })).ToList();
    }

    private async Task<List<OutgoingEmailAttachment>> GeneratedAsync(IReadOnlyList<GeneratedAttachment>? files, List<(string, string)> errors, CancellationToken ct)
    {
        var result = new List<OutgoingEmailAttachment>();
        for (var i = 0; i < (files?.Count ?? 0); i++)
        {
            var file = files![i];
            var field = $"generatedKeys[{i}]";
            if (!GeneratedFileKeys.HasForm(file.Key)
                || await db.DocumentFileVersions.AnyAsync(v => v.BlobKey == file.Key, ct)
                || await db.DocumentTemplates.AnyAsync(t => t.FileBlobKey == file.Key, ct))
            {
                errors.Add((field + ".key", FieldErrors.Invalid));
                continue;
            }
            if (FileNames.Check(file.FileName) is { } nameError)
            {
                errors.Add((field + ".fileName", nameError));
                continue;
            }
            var contentType = string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType.Trim();
            if (!ContentType.TryParse(contentType, out _) || contentType.Length > 200)
            {
                errors.Add((field + ".contentType", FieldErrors.Invalid));
                continue;
            }
            await using var content = await blobs.OpenReadAsync(file.Key!, ct);
            if (content is null)
            {
                errors.Add((field + ".key", FieldErrors.NotFound));
                continue;
            }
            // The size and checksum are measured, not taken from the request.
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long size = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                size += read;
            }
            result.Add(new OutgoingEmailAttachment
            {
                FileName = FileNames.Clean(file.FileName!),
                ContentType = contentType,
                Size = size,
                BlobKey = file.Key!,
                Sha256 = Convert.ToHexStringLower(sha.GetHashAndReset()),
            });
        }
        return result;
    }
}

/// <summary>What the timeline entry of a letter holds after its subject: the address, then the attached files' names.</summary>
public static class EmailTimeline
{
    public static string Detail(string to, IEnumerable<string> fileNames)
    {
        var names = string.Join(", ", fileNames);
        return names.Length == 0 ? "→ " + to : "→ " + to + "\n📎 " + names;
    }
}
