using Letopis.Core.Documents.Files;
using Letopis.Infrastructure.Documents;
using Microsoft.Extensions.Options;

namespace Letopis.Web.Documents;

public static class DocumentFilesSetup
{
    /// <summary>Document files: options, handlers, text extractors, the claimers and the background extraction loop.</summary>
    public static IServiceCollection AddLetopisDocumentFiles(this IServiceCollection services)
    {
        services.AddOptions<DocumentFileOptions>().BindConfiguration(DocumentFileOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QuotaOptions>().BindConfiguration(QuotaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddLetopisDocumentFileHandlers();
        services.AddSingleton<ITextExtractor, DocxTextExtractor>();
        services.AddSingleton<IHtmlPreviewer, DocxHtmlPreviewer>();
        services.AddSingleton<ITextExtractor, PdfTextExtractor>();
        services.AddSingleton<ITextExtractor, XlsxTextExtractor>();
        services.AddSingleton<ITextExtractor, PlainTextExtractor>();
        services.AddSingleton<IFileTextClaimer, SqliteFileTextClaimer>();
        services.AddSingleton<IFileTextClaimer, PostgresFileTextClaimer>();
        services.AddSingleton<ISimpleDocumentWriter, SimpleDocumentWriter>();
        services.AddHostedService<FileTextBackgroundService>();
        services.AddHostedService<OrphanBlobSweepService>();
        return services;
    }
}

/// <summary>
/// Extracts file texts on this node: right after an upload here (woken by <see cref="FileTextGate"/>),
/// and every <see cref="DocumentFileOptions.ExtractionPollSeconds"/> for work left by other nodes or by failures.
/// </summary>
public sealed class FileTextBackgroundService(
    IServiceScopeFactory scopes,
    FileTextGate gate,
    TimeProvider time,
    IOptions<DocumentFileOptions> options,
    ILogger<FileTextBackgroundService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.ExtractionPollSeconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<ExtractFileTexts>().RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Claims expire, so whatever this run had claimed is retried by a later run on any node.
                    logger.LogError(e, "File text extraction run failed");
                }
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(gate.WaitAsync(Timeout.InfiniteTimeSpan, wait.Token), Task.Delay(interval, time, wait.Token));
                await wait.CancelAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

/// <summary>
/// Runs <see cref="SweepOrphanBlobs"/> every <see cref="DocumentFileOptions.OrphanSweepMinutes"/> on this
/// node (the first pass one interval after start, not during it). Every node may run it: see the sweep.
/// </summary>
public sealed class OrphanBlobSweepService(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<DocumentFileOptions> options,
    ILogger<OrphanBlobSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(options.Value.OrphanSweepMinutes);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(interval, time, stoppingToken);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<SweepOrphanBlobs>().RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Nothing is lost: what this pass left is found by the next one.
                    logger.LogError(e, "Orphan blob sweep failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
