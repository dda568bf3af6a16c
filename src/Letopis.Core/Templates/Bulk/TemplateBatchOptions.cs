using System.ComponentModel.DataAnnotations;

namespace Letopis.Core.Templates.Bulk;

/// <summary>Bulk generation (<c>Letopis:TemplateBatches</c>).</summary>
public sealed class TemplateBatchOptions
{
    public const string Section = "Letopis:TemplateBatches";

    /// <summary>Whether this node works on batches; a node that only serves requests may leave them to others.</summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>Seconds between two looks for work left by other nodes or by a restart (a batch started here is taken at once).</summary>
    [Range(1, 86400)]
    public int PollSeconds { get; set; } = 5;

    /// <summary>How long a claim on a batch holds without renewal; a node that dies leaves its batch to others after this.</summary>
    [Range(10, 86400)]
    public int ClaimSeconds { get; set; } = 120;

    /// <summary>Items a node works through before it lets go of the batch, so other batches and nodes get their turn.</summary>
    [Range(1, 100_000)]
    public int ItemsPerClaim { get; set; } = 100;

    /// <summary>The most counterparties one batch may hold.</summary>
    [Range(1, 1_000_000)]
    public int MaxItems { get; set; } = 10_000;
}

/// <summary>Tells this node's batch loop that a batch was started here (other nodes find it when they poll).</summary>
public sealed class TemplateBatchSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}
