using Letopis.Core.Data;

namespace Letopis.Core.Mail;

/// <summary>
/// Claims queued letters for one node so that, however many nodes poll the same database, each
/// letter is handed to exactly one of them at a time and is not sent twice. One implementation per
/// provider: PostgreSQL skips rows another node has locked; SQLite has a single writer.
/// </summary>
public interface IOutgoingEmailClaimer
{
    /// <summary>The <see cref="LetopisDb.ProviderKind"/> this implementation speaks to.</summary>
    string ProviderKind { get; }

    /// <summary>
    /// Marks up to <paramref name="max"/> queued letters whose next attempt is due and which no node
    /// holds (or whose hold expired) as claimed by <paramref name="node"/> until <paramref name="until"/>,
    /// and returns their ids.
    /// </summary>
    Task<IReadOnlyList<Guid>> ClaimDueAsync(LetopisDb db, string node, DateTime now, DateTime until, int max, CancellationToken ct);
}
