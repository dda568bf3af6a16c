using System.ComponentModel.DataAnnotations;

namespace Letopis.Core.Documents.Files;

/// <summary>Document files (<c>Letopis:Files:*</c>).</summary>
public sealed class DocumentFileOptions
{
    public const string Section = "Letopis:Files";

    /// <summary>The largest file accepted, in megabytes (MiB); a larger upload is refused with 413.</summary>
    [Range(1, 1024 * 1024)]
    public long MaxMegabytes { get; set; } = 2048;

    /// <summary>How often a node looks for files whose text waits to be extracted (besides being woken by its own uploads).</summary>
    [Range(1, 86400)]
    public int ExtractionPollSeconds { get; set; } = 30;

    /// <summary>Files larger than this are stored and served but their text is not extracted.</summary>
    [Range(1, 1024 * 1024)]
    public long ExtractMaxMegabytes { get; set; } = 100;

    /// <summary>At most this much text of one file is kept and indexed.</summary>
    [Range(1000, 10_000_000)]
    public int MaxExtractedChars { get; set; } = 300_000;

    /// <summary>How long a node owns the extraction it claimed; after that another node may retry it.</summary>
    [Range(10, 86400)]
    public int ClaimSeconds { get; set; } = 600;

    /// <summary>How often a node looks for stored blobs that no file version references (see <see cref="SweepOrphanBlobs"/>).</summary>
    [Range(1, 10080)]
    public int OrphanSweepMinutes { get; set; } = 15;

    /// <summary>
    /// A blob is swept only when it was written longer ago than this and no version references it. An
    /// upload records its version within half of it or is refused, so a blob being recorded is never swept.
    /// </summary>
    [Range(10, 525600)]
    public int OrphanGraceMinutes { get; set; } = 60;

    public long MaxBytes => MaxMegabytes * Megabyte;

    public TimeSpan OrphanGrace => TimeSpan.FromMinutes(OrphanGraceMinutes);

    public const long Megabyte = 1024 * 1024;
}

/// <summary>
/// Storage quotas (<c>Letopis:Quota:*</c>): the defaults until an administrator sets limits in the
/// application. Unset means unlimited.
/// </summary>
public sealed class QuotaOptions
{
    public const string Section = "Letopis:Quota";

    /// <summary>The largest limit whose bytes a <c>long</c> holds (8 EiB).</summary>
    public const long MaxMegabytes = long.MaxValue / DocumentFileOptions.Megabyte;

    [Range(0, MaxMegabytes)]
    public long? CompanyMegabytes { get; set; }

    [Range(0, MaxMegabytes)]
    public long? UserMegabytes { get; set; }
}
