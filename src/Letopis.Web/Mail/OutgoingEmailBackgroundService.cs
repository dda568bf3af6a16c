using Letopis.Core.Mail;
using Microsoft.Extensions.Options;

namespace Letopis.Web.Mail;

/// <summary>
/// Sends queued letters on this node: at once when one is written here, and every
/// <see cref="OutgoingEmailOptions.PollSeconds"/> for retries and letters written on other nodes.
/// </summary>
public sealed class OutgoingEmailBackgroundService(
    IServiceScopeFactory scopes,
    EmailQueueSignal signal,
    IOptions<OutgoingEmailOptions> options,
    TimeProvider time,
    ILogger<OutgoingEmailBackgroundService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await signal.WaitAsync(poll, time, stoppingToken);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<DeliverEmails>().RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Claims expire, so whatever this run had claimed is tried again by a later run on any node.
                    logger.LogError(e, "Outgoing letters run failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
