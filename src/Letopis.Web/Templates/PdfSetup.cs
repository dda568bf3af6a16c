using Letopis.Core.Templates;
using Letopis.Infrastructure.Pdf;
using Microsoft.Extensions.Options;

namespace Letopis.Web.Templates;

public static class PdfSetup
{
    /// <summary>
    /// The PDF engine (warm chromium for HTML, LibreOffice for DOCX), one per node. Registered whether or
    /// not the packages are installed: a missing one is reported per request as <c>pdf_engine_missing</c>.
    /// </summary>
    public static IServiceCollection AddLetopisPdf(this IServiceCollection services)
    {
        services.AddOptions<PdfOptions>().BindConfiguration(PdfOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new PdfEngine(
            sp.GetRequiredService<IOptions<PdfOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IPdfEngine>(sp => sp.GetRequiredService<PdfEngine>());
        return services;
    }
}
