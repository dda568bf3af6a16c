using Letopis.Core.Data;

namespace Letopis.Core.Notifications;

/// <summary>
/// Claims due reminders for one node so that, however many nodes poll the same database, each
/// reminder is handed to exactly one of them. One implementation per provider: the SQL differs
/// (PostgreSQL skips rows another node has locked; SQLite has a single writer).
/// </summary>
public interface IReminderClaimer
{
    /// <summary>The <see cref="LetopisDb.ProviderKind"/> this implementation speaks to.</summary>
    string ProviderKind { get; }

    /// <summary>
    /// Marks up to <paramref name="max"/> due, unfired, uncancelled and unclaimed (or claim-expired)
    /// reminders as claimed by <paramref name="node"/> until <paramref name="until"/> and returns their ids.
    /// </summary>
    Task<IReadOnlyList<Guid>> ClaimDueAsync(LetopisDb db, string node, DateTime now, DateTime until, int max, CancellationToken ct);
}
