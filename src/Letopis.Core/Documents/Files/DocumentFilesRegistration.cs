using Microsoft.Extensions.DependencyInjection;

namespace Letopis.Core.Documents.Files;

public static class DocumentFilesRegistration
{
    /// <summary>The handlers of document files and storage quotas (the host adds extractors, claimers and the background loop).</summary>
    public static IServiceCollection AddLetopisDocumentFileHandlers(this IServiceCollection services)
    {
        services.AddScoped<UploadDocumentFile>();
        services.AddScoped<ReadDocumentFiles>();
        services.AddScoped<PreviewDocumentFile>();
        services.AddScoped<DeleteDocumentFile>();
        services.AddScoped<ManageStorageQuota>();
        services.AddScoped<ExtractFileTexts>();
        services.AddScoped<SweepOrphanBlobs>();
        services.AddScoped<SeedDemoFiles>();
        services.AddSingleton<FileTextGate>();
        return services;
    }
}
