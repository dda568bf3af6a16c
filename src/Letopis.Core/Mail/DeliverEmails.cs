using Letopis.Core.Data;
using Letopis.Core.Notifications;
using Letopis.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Letopis.Core.Mail;

/// <summary>Lets only one sender run at a time in this process; other nodes run their own.</summary>
public sealed class EmailDeliveryGate
{
    internal SemaphoreSlim Semaphore { get; } = new(1, 1);
}

/// <summary>
/// Sends queued letters: claims a batch through the database (so that, on any number of nodes, each
/// letter is in one node's hands at a time), sends each with its attachments, and records the
/// outcome. A refusal by the server (5xx: no such recipient) fails the letter at once with the
/// server's words; anything else (4xx, the server down, a timeout) is tried again after 1, 5, 15 and
/// 60 minutes, and the letter fails after <see cref="MaxAttempts"/> tries. A failed letter stays on the
/// timeline with its reason and can be queued again (<see cref="RetryEmail"/>).
/// </summary>
public sealed class DeliverEmails(
    LetopisDb db,
    IBlobStore blobs,
    IEnumerable<IOutgoingEmailClaimer> claimers,
    TimeProvider time,
    ClusterNode node,
    EmailDeliveryGate gate,
    IOptions<OutgoingEmailOptions> options,
    ILogger<DeliverEmails> logger,
    IEmailSender? sender = null)
{
    public const int MaxAttempts = 5;

    /// <summary>The wait after the 1st, 2nd, 3rd and 4th failed try.</summary>
    public static readonly IReadOnlyList<TimeSpan> Backoff =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60)];

    private const int ErrorMax = 2000;

    /// <summary>One run: returns how many letters this node tried to send.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        if (sender is null)
            return 0;
        await gate.Semaphore.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            var claimer = claimers.SingleOrDefault(c => c.ProviderKind == db.ProviderKind)
                ?? throw new InvalidOperationException($"No outgoing e-mail claimer for provider {db.ProviderKind}.");
            var ids = await claimer.ClaimDueAsync(db, node.Id, now, now.AddSeconds(options.Value.ClaimSeconds), options.Value.BatchSize, ct);
            foreach (var id in ids)
                await SendOneAsync(id, ct);
            if (ids.Count > 0)
                logger.LogInformation("Node {Node} claimed {Count} outgoing letters", node.Id, ids.Count);
            return ids.Count;
        }
        finally
        {
            gate.Semaphore.Release();
        }
    }

    private async Task SendOneAsync(Guid id, CancellationToken ct)
    {
        var email = await db.OutgoingEmails.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.Status == OutgoingEmailStatus.Queued, ct);
        if (email is null)
            return;
        var attachments = await db.OutgoingEmailAttachments.AsNoTracking().Where(a => a.EmailId == id).OrderBy(a => a.Id).ToListAsync(ct);

        string? error = null;
        var permanent = false;
        var streams = new List<Stream>();
        try
        {
            var files = new List<EmailAttachment>();
            foreach (var a in attachments)
            {
                var content = await blobs.OpenReadAsync(a.BlobKey, ct);
                if (content is null)
                {
                    // The bytes are gone (deleted outside Letopis): trying again cannot bring them back.
                    error = $"The attachment «{a.FileName}» is missing from the file store.";
                    permanent = true;
                    break;
                }
                streams.Add(content);
                files.Add(new EmailAttachment(a.FileName, a.ContentType, content));
            }
            if (error is null)
            {
                await sender!.SendAsync(new EmailMessage(email.To, email.Subject, email.TextBody, null, files), ct);
                logger.LogInformation("Letter {EmailId} sent with {Count} attachments", id, files.Count);
            }
        }
        catch (EmailRefusedException e)
        {
            error = e.Message;
            permanent = e.Permanent;
            logger.LogWarning("Letter {EmailId} refused by the SMTP server ({Permanent}): {Reason}", id, e.Permanent ? "permanent" : "temporary", e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The server down, a timeout, a broken connection: the letter waits for the next try.
            error = e.Message;
            logger.LogWarning(e, "Sending letter {EmailId} failed", id);
        }
        finally
        {
            foreach (var s in streams)
                await s.DisposeAsync();
        }

        var at = time.GetUtcNow().UtcDateTime;
        var attempts = email.Attempts + 1;
        if (error is null)
        {
            await Record(id, s => s
                .SetProperty(m => m.Status, OutgoingEmailStatus.Sent)
                .SetProperty(m => m.SentAt, at)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, (string?)null));
            return;
        }
        if (error.Length > ErrorMax)
            error = error[..ErrorMax];
        if (permanent || attempts >= MaxAttempts)
        {
            await Record(id, s => s
                .SetProperty(m => m.Status, OutgoingEmailStatus.Failed)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, error));
            logger.LogWarning("Letter {EmailId} failed after {Attempts} tries", id, attempts);
            return;
        }
        var next = at + Backoff[Math.Min(attempts, Backoff.Count) - 1];
        await Record(id, s => s
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastError, error));
    }

    /// <summary>Records the outcome and releases the claim; not cancellable, so a stopping node does not resend what it sent.</summary>
    private Task<int> Record(Guid id, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<OutgoingEmail>> set) =>
        db.OutgoingEmails.Where(m => m.Id == id && m.Status == OutgoingEmailStatus.Queued)
            .ExecuteUpdateAsync(s =>
            {
                set(s);
                s.SetProperty(m => m.ClaimedBy, (string?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                    .SetProperty(m => m.Version, m => m.Version + 1);
            }, CancellationToken.None);
}
