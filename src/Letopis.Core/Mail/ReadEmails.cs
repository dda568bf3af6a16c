using Letopis.Core.Access;
using Letopis.Core.Activities;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Mail;

/// <summary>Letters to clients: one, a page of them, or those behind timeline entries. Hidden letters do not exist (404).</summary>
public sealed class ReadEmails(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company)
{
    public async Task<Result<OutgoingEmailDto>> GetAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var visible = await VisibleAsync(access, ct);
        var found = await EmailQueries.ProjectAsync(db, visible.Where(m => m.Id == id), ct);
        return found.Count == 0 ? Error.NotFound() : found[0];
    }

    /// <summary>Newest first; <paramref name="status"/> is <c>queued</c>, <c>sent</c> or <c>failed</c> (another value is a field error).</summary>
    public async Task<Result<PageOf<OutgoingEmailDto>>> ListAsync(
        AccessContext access, Guid? counterpartyId, string? status, PageRequest page, CancellationToken ct)
    {
        OutgoingEmailStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            wanted = EmailQueries.ParseStatus(status);
            if (wanted is null)
                return Error.Validation(("status", FieldErrors.Invalid));
        }
        if (counterpartyId is { } cp && !await db.Counterparties.VisibleTo(access, Counterparty.EntityKind).AnyAsync(c => c.Id == cp, ct))
            return Error.NotFound();
        var query = await VisibleAsync(access, ct);
        if (counterpartyId is not null)
            query = query.Where(m => m.CounterpartyId == counterpartyId);
        if (wanted is { } s)
            query = query.Where(m => m.Status == s);
        var total = await query.CountAsync(ct);
        var items = await EmailQueries.ProjectAsync(db,
            query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Skip(page.Skip).Take(page.PageSize), ct);
        return new PageOf<OutgoingEmailDto>(items, total, page.Page, page.PageSize);
    }

    /// <summary>The letters behind the given e-mail activities (timeline entries), by activity id.</summary>
    public async Task<IReadOnlyDictionary<Guid, OutgoingEmailDto>> ByActivitiesAsync(AccessContext access, IReadOnlyCollection<Guid> activityIds, CancellationToken ct)
    {
        if (activityIds.Count == 0)
            return new Dictionary<Guid, OutgoingEmailDto>();
        var ids = activityIds.ToList();
        var visible = await VisibleAsync(access, ct);
        var found = await EmailQueries.ProjectAsync(db, visible.Where(m => m.ActivityId != null && ids.Contains(m.ActivityId.Value)), ct);
        return found.ToDictionary(m => m.ActivityId!.Value);
    }

    private async Task<IQueryable<OutgoingEmail>> VisibleAsync(AccessContext access, CancellationToken ct) =>
        EmailQueries.Visible(db, access, await ActivityViewer.LoadAsync(db, access, actor, company.Today(time), ct));
}

/// <summary>Queues a letter whose delivery failed once more, from its first try's schedule.</summary>
public sealed class RetryEmail(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company,
    EmailQueueSignal signal, Notifications.IEmailSender? sender = null)
{
    public async Task<Result<OutgoingEmailDto>> HandleAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var viewer = await ActivityViewer.LoadAsync(db, access, actor, company.Today(time), ct);
        if (!await EmailQueries.Visible(db, access, viewer).AnyAsync(m => m.Id == id, ct))
            return Error.NotFound();
        if (sender is null)
            return SendEmail.NotConfigured();
        var now = time.GetUtcNow().UtcDateTime;
        // Conditional, so two clicks (or two users) queue it once.
        var queued = await db.OutgoingEmails
            .Where(m => m.Id == id && m.Status == OutgoingEmailStatus.Failed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutgoingEmailStatus.Queued)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                .SetProperty(m => m.Version, m => m.Version + 1), ct);
        if (queued == 0)
        {
            var status = await db.OutgoingEmails.Where(m => m.Id == id).Select(m => m.Status).SingleAsync(ct);
            return new Error(MailErrors.NotFailed, "Only a letter whose delivery failed can be sent again.",
                Extensions: new Dictionary<string, object?> { ["status"] = EmailQueries.StatusName(status) });
        }
        signal.Notify();
        var found = await EmailQueries.ProjectAsync(db, db.OutgoingEmails.AsNoTracking().Where(m => m.Id == id), ct);
        return found[0];
    }
}

/// <summary>Wakes this node's sender when a letter is queued, so it goes out at once rather than at the next poll.</summary>
public sealed class EmailQueueSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            if (_signal.CurrentCount == 0)
                _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up serves every letter queued meanwhile.
        }
    }

    /// <summary>Waits for a new letter or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        // The application's clock, so that tests decide when a poll is due.
        using var delay = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, delay.Token);
        try
        {
            await _signal.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
    }
}
