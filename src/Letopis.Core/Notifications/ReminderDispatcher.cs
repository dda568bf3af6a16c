using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Letopis.Core.Notifications;

/// <summary>Lets only one dispatcher run at a time in this process; other nodes run their own.</summary>
public sealed class ReminderDispatchGate
{
    internal SemaphoreSlim Semaphore { get; } = new(1, 1);
}

/// <summary>
/// Fires due reminders: claims a batch through the database, turns each into a notification in
/// its own transaction, then pushes the new notifications and sends the requested e-mails.
/// Safe to run on every node at once: the claim hands each reminder to one node, and the unique
/// <see cref="Notification.ReminderId"/> makes the database itself refuse a second notification.
/// </summary>
public sealed class ReminderDispatcher(
    LetopisDb db,
    IEnumerable<IReminderClaimer> claimers,
    INotificationPublisher publisher,
    TimeProvider time,
    ClusterNode node,
    ReminderDispatchGate gate,
    CompanyTimeZone company,
    IOptions<ReminderOptions> options,
    ILogger<ReminderDispatcher> logger,
    IEmailSender? email = null,
    IReminderEmailComposer? composer = null)
{
    private readonly ReminderOptions _options = options.Value;

    private bool EmailEnabled => email is not null && composer is not null;

    /// <summary>One run: returns how many reminders this node fired.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await gate.Semaphore.WaitAsync(ct);
        try
        {
            return await RunLockedAsync(ct);
        }
        finally
        {
            gate.Semaphore.Release();
        }
    }

    private async Task<int> RunLockedAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claimer = claimers.SingleOrDefault(c => c.ProviderKind == db.ProviderKind)
            ?? throw new InvalidOperationException($"No reminder claimer for provider {db.ProviderKind}.");
        var ids = await claimer.ClaimDueAsync(db, node.Id, now, now.AddSeconds(_options.ClaimSeconds), _options.BatchSize, ct);

        var fired = new List<(Guid UserId, Notification Notification)>();
        if (ids.Count > 0)
        {
            var reminders = await db.Reminders.AsNoTracking()
                .Where(r => ids.Contains(r.Id) && r.FiredAt == null && r.CancelledAt == null)
                .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { Reminder = r, u.Email })
                .ToListAsync(ct);
            foreach (var item in reminders.OrderBy(r => r.Reminder.DueAt))
            {
                var notification = await FireAsync(item.Reminder, item.Email, ct);
                if (notification is not null)
                    fired.Add((item.Reminder.UserId, notification));
            }
            logger.LogInformation("Node {Node} claimed {Claimed} reminders and fired {Fired}", node.Id, ids.Count, fired.Count);
        }

        foreach (var (userId, n) in fired)
        {
            try
            {
                await publisher.PublishAsync(userId, new NotificationDto(n.Id, n.CreatedAt, n.Title, n.Body, n.Link, false), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The notification is committed; other nodes' relays and the next page load still show it.
                logger.LogWarning(e, "Publishing notification {NotificationId} failed", n.Id);
            }
        }

        if (EmailEnabled)
            await SendPendingEmailsAsync(fired.Where(f => f.Notification.Email == EmailState.Pending).Select(f => f.Notification.Id), now, ct);
        return fired.Count;
    }

    /// <summary>Creates the notification and marks the reminder fired, both or neither.</summary>
    private async Task<Notification?> FireAsync(Reminder reminder, string? address, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var notification = new Notification
        {
            UserId = reminder.UserId,
            CreatedAt = now,
            Title = reminder.Title,
            Body = reminder.Body,
            Link = reminder.Link,
            ReminderId = reminder.Id,
            Email = !reminder.SendEmail ? EmailState.NotRequested
                : string.IsNullOrWhiteSpace(address) ? EmailState.NoAddress
                : EmailEnabled ? EmailState.Pending
                : EmailState.NotRequested,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var marked = await db.Reminders
                .Where(r => r.Id == reminder.Id && r.FiredAt == null && r.CancelledAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.FiredAt, now), ct);
            if (marked == 0)
            {
                // Cancelled, or fired by a node whose claim had outlived ours.
                await transaction.RollbackAsync(ct);
                return null;
            }
            db.Notifications.Add(notification);
            // A yearly reminder re-arms itself for next year, in the same transaction as the firing.
            if (reminder.NextYear(now) is { } next)
                db.Reminders.Add(next);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return notification;
        }
        catch (DbUpdateException e)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            if (await db.Notifications.AnyAsync(n => n.ReminderId == reminder.Id, ct))
            {
                logger.LogInformation("Reminder {ReminderId} was already fired by another node", reminder.Id);
                return null;
            }
            logger.LogError(e, "Firing reminder {ReminderId} failed", reminder.Id);
            return null;
        }
    }

    /// <summary>
    /// Sends the given pending e-mails, plus any left pending by a node that stopped after its
    /// commit. Each is taken by a conditional Pending → Sending update, so exactly one node sends it.
    /// </summary>
    private async Task SendPendingEmailsAsync(IEnumerable<Guid> justFired, DateTime now, CancellationToken ct)
    {
        var since = now.AddDays(-1);
        var leftOver = await db.Notifications.AsNoTracking()
            .Where(n => n.CreatedAt >= since && n.Email == EmailState.Pending)
            .OrderBy(n => n.CreatedAt).Select(n => n.Id).Take(_options.BatchSize)
            .ToListAsync(ct);
        foreach (var id in justFired.Concat(leftOver).Distinct())
            await SendOneAsync(id, ct);
    }

    private async Task SendOneAsync(Guid notificationId, CancellationToken ct)
    {
        var taken = await db.Notifications
            .Where(n => n.Id == notificationId && n.Email == EmailState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Email, EmailState.Sending), ct);
        if (taken == 0)
            return;

        var item = await db.Notifications.AsNoTracking().Where(n => n.Id == notificationId)
            .Join(db.Users, n => n.UserId, u => u.Id, (n, u) => new
            {
                u.Email,
                u.Culture,
                u.TimeZone,
                n.Title,
                n.Body,
                n.Link,
                DueAt = db.Reminders.Where(r => r.Id == n.ReminderId).Select(r => (DateTime?)r.DueAt).FirstOrDefault(),
                n.CreatedAt,
            })
            .SingleAsync(ct);

        EmailState state;
        string? error = null;
        if (string.IsNullOrWhiteSpace(item.Email))
        {
            state = EmailState.NoAddress;
        }
        else
        {
            try
            {
                var message = composer!.Compose(new ReminderEmailContent(
                    item.Email, item.Culture, item.Title, item.Body, item.DueAt ?? item.CreatedAt, AbsoluteLink(item.Link),
                    TimeZones.FindOr(item.TimeZone, company.Zone)));
                await email!.SendAsync(message, ct);
                state = EmailState.Sent;
                logger.LogInformation("Reminder e-mail for notification {NotificationId} sent", notificationId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                state = EmailState.Failed;
                error = e.Message.Length > 300 ? e.Message[..300] : e.Message;
                logger.LogWarning(e, "Reminder e-mail for notification {NotificationId} failed", notificationId);
            }
        }

        var at = time.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.Id == notificationId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Email, state)
                .SetProperty(n => n.EmailedAt, state == EmailState.Sent ? at : null)
                .SetProperty(n => n.EmailError, error), CancellationToken.None);
    }

    private string? AbsoluteLink(string? link)
    {
        if (link is null || _options.PublicUrl is not { Length: > 0 } baseUrl)
            return link;
        return baseUrl.TrimEnd('/') + link;
    }
}
