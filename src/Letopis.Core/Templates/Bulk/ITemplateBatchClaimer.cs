using Letopis.Core.Data;

namespace Letopis.Core.Templates.Bulk;

/// <summary>
/// Claims one batch to work on through the database, so that exactly one node works on a batch at a
/// time: a pending batch, or a running one whose claim lapsed (its node stopped) or was let go.
/// </summary>
public interface ITemplateBatchClaimer
{
    /// <summary>The <see cref="LetopisDb.ProviderKind"/> this implementation speaks to.</summary>
    string ProviderKind { get; }

    /// <summary>
    /// Marks the oldest claimable batch as running, claimed by <paramref name="token"/> (unique per claim) until
    /// <paramref name="until"/>, and returns its id; null when there is none.
    /// </summary>
    Task<Guid?> ClaimAsync(LetopisDb db, string token, DateTime now, DateTime until, CancellationToken ct);
}
