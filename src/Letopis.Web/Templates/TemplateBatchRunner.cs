using Letopis.Core.Data;
using Letopis.Core.Templates;
using Letopis.Core.Templates.Bulk;
using Letopis.Web.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Letopis.Web.Templates;

/// <summary>
/// Works through batches on this node. A run claims one batch through the database (a pending one, or
/// one whose node stopped: its claim lapsed), renews the claim before every item, generates the items
/// in order as the batch's creator — with that user's rights at the moment, as if they clicked each one —
/// and marks each done with its result or failed with its error. After
/// <see cref="TemplateBatchOptions.ItemsPerClaim"/> items it lets go, so another batch or node gets a turn.
/// </summary>
/// <remarks>
/// Nothing is generated twice after a restart: an item is done only together with its result, and a
/// document registered by a node that stopped before marking its item is found and taken by the next
/// node (<see cref="TemplateBatchWork.FindUnmarkedDocumentAsync"/>) instead of being registered again.
/// Two nodes never work on one batch at once, as long as generating one item takes less than the claim
/// (<see cref="TemplateBatchOptions.ClaimSeconds"/>).
/// </remarks>
public sealed class TemplateBatchRunner(
    IServiceScopeFactory scopes,
    IEnumerable<ITemplateBatchClaimer> claimers,
    IOptions<TemplateBatchOptions> options,
    TimeProvider time,
    ILogger<TemplateBatchRunner> logger)
{
    /// <summary>Claims one batch and works on it; false when there was nothing to claim.</summary>
    public async Task<bool> RunOnceAsync(string node, CancellationToken ct)
    {
        var settings = options.Value;
        var claim = TimeSpan.FromSeconds(settings.ClaimSeconds);
        var token = $"{(node.Length > 60 ? node[..60] : node)}/{Guid.NewGuid():N}";
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LetopisDb>();
        var claimer = claimers.Single(c => c.ProviderKind == db.ProviderKind);
        var now = time.GetUtcNow().UtcDateTime;
        var batchId = await claimer.ClaimAsync(db, token, now, now + claim, ct);
        if (batchId is not { } id)
            return false;

        var work = scope.ServiceProvider.GetRequiredService<TemplateBatchWork>();
        var batch = await db.TemplateBatches.AsNoTracking().SingleAsync(b => b.Id == id, ct);
        logger.LogInformation("Template batch {BatchId} claimed by {Node}", id, node);
        var first = true;
        for (var done = 0; done < settings.ItemsPerClaim; done++)
        {
            if (!await work.RenewAsync(id, token, time.GetUtcNow().UtcDateTime + claim, ct))
            {
                logger.LogInformation("Template batch {BatchId} stopped: cancelled or taken over", id);
                return true;
            }
            var item = await work.NextAsync(id, ct);
            if (item is null)
            {
                if (await work.CompleteAsync(id, token, ct))
                    logger.LogInformation("Template batch {BatchId} completed", id);
                return true;
            }
            // Only the first item of a claim can have been cut short by a node that stopped.
            var adopted = first ? await work.FindUnmarkedDocumentAsync(batch, item, ct) : null;
            first = false;
            var outcome = adopted is { } documentId
                ? new TemplateBatchOutcome(documentId, null, null, null)
                : await GenerateAsync(batch, item, ct);
            if (!await work.FinishAsync(id, item.Id, outcome, ct))
                logger.LogWarning("Template batch {BatchId}: item {ItemId} was finished elsewhere", id, item.Id);
        }
        await work.ReleaseAsync(id, token, ct);
        return true;
    }

    /// <summary>One item, generated in a scope of its own acting as the batch's creator.</summary>
    private async Task<TemplateBatchOutcome> GenerateAsync(TemplateBatch batch, TemplateBatchItem item, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var actor = scope.ServiceProvider.GetRequiredService<CurrentActor>();
        actor.Set(batch.CreatedById, null);
        try
        {
            var access = await actor.AccessAsync(ct);
            var result = await scope.ServiceProvider.GetRequiredService<GenerateDocument>().HandleAsync(
                access, batch.TemplateId, new GenerateRequest(batch.Output, item.CounterpartyId, null, null, batch.Register), ct);
            if (!result.IsSuccess)
                return new TemplateBatchOutcome(null, null, null, TemplateBatchErrors.Describe(result.Error!));
            var file = result.Value;
            return file.DocumentId is { } documentId
                ? new TemplateBatchOutcome(documentId, null, file.FileName, null)
                : new TemplateBatchOutcome(null, file.BlobKey, file.FileName, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A failure of this one item (a broken file, a database error) is recorded on it; the batch goes on.
            logger.LogError(e, "Template batch {BatchId}: item {ItemId} failed", batch.Id, item.Id);
            return new TemplateBatchOutcome(null, null, null, TemplateBatchErrors.Describe(
                new Core.Common.Error("internal_error", "The file could not be generated: " + e.GetType().Name)));
        }
    }
}

/// <summary>
/// Runs <see cref="TemplateBatchRunner"/> on this node: at once when a batch is started here, and every
/// <see cref="TemplateBatchOptions.PollSeconds"/> for batches started on other nodes or left by a restart.
/// </summary>
public sealed class TemplateBatchBackgroundService(
    TemplateBatchRunner runner,
    TemplateBatchSignal signal,
    TimeProvider time,
    IOptions<TemplateBatchOptions> options,
    ILogger<TemplateBatchBackgroundService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
            return;
        var node = $"{Environment.MachineName}:{Environment.ProcessId}";
        var interval = TimeSpan.FromSeconds(options.Value.PollSeconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var worked = false;
                try
                {
                    worked = await runner.RunOnceAsync(node, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The claim lapses, so the batch is resumed by a later run on any node.
                    logger.LogError(e, "Template batch run failed");
                }
                if (worked)
                    continue;
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(signal.WaitAsync(Timeout.InfiniteTimeSpan, wait.Token), Task.Delay(interval, time, wait.Token));
                await wait.CancelAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

public static class TemplateBatchesSetup
{
    /// <summary>Bulk generation: options, handlers, the claimers and this node's runner.</summary>
    public static IServiceCollection AddLetopisTemplateBatches(this IServiceCollection services)
    {
        services.AddOptions<TemplateBatchOptions>().BindConfiguration(TemplateBatchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TemplateBatchSignal>();
        services.AddScoped<StartTemplateBatch>();
        services.AddScoped<ReadTemplateBatches>();
        services.AddScoped<CancelTemplateBatch>();
        services.AddScoped<TemplateBatchWork>();
        services.AddSingleton<ITemplateBatchClaimer, Infrastructure.Templates.SqliteTemplateBatchClaimer>();
        services.AddSingleton<ITemplateBatchClaimer, Infrastructure.Templates.PostgresTemplateBatchClaimer>();
        services.AddSingleton<TemplateBatchRunner>();
        services.AddHostedService<TemplateBatchBackgroundService>();
        return services;
    }
}
