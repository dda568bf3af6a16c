using Letopis.Core.Notifications;
using Microsoft.Extensions.Options;

namespace Letopis.Web.Notifications;

/// <summary>Runs the reminder dispatcher every <see cref="ReminderOptions.PollSeconds"/> on this node.</summary>
public sealed class ReminderBackgroundService(
    IServiceScopeFactory scopes,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<ReminderBackgroundService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Claims expire, so whatever this run had claimed is retried by the next run on any node.
                    logger.LogError(e, "Reminder dispatch run failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
