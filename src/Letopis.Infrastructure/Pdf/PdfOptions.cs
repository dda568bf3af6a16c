using System.ComponentModel.DataAnnotations;

namespace Letopis.Infrastructure.Pdf;

/// <summary>
/// The PDF engines, bound from <c>Letopis:Pdf</c>. Both are optional system packages: without them PDF
/// requests fail with <c>pdf_engine_missing</c> naming the package, and everything else works.
/// </summary>
public sealed class PdfOptions
{
    public const string Section = "Letopis:Pdf";

    /// <summary>Debian's headless-capable browser (package <c>chromium</c>); HTML is printed by it.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>Tabs of the one warm browser that print at the same time; more calls wait for a free tab.</summary>
    [Range(1, 16)]
    public int PagePoolSize { get; set; } = 2;

    /// <summary>LibreOffice's <c>soffice</c> (package <c>libreoffice-writer-nogui</c>); empty: found on PATH.</summary>
    public string? SofficePath { get; set; }

    /// <summary>LibreOffice processes converting DOCX at the same time (each takes a CPU core and ~150 MB).</summary>
    [Range(1, 16)]
    public int DocxConcurrency { get; set; } = 2;

    /// <summary>Where DOCX conversions keep their files and LibreOffice profiles; empty: the system's temp folder.</summary>
    public string? WorkDirectory { get; set; }

    /// <summary>One conversion longer than this is stopped and fails with <c>pdf_engine_failed</c>.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How long a missing engine is remembered before its executable is looked for again.</summary>
    [Range(1, 86400)]
    public int RecheckSeconds { get; set; } = 60;
}
