using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Documents.Files;

/// <summary>
/// The quota limits an administrator set in the application (one row). Until the row exists the
/// limits come from <see cref="QuotaOptions"/>; a null limit is unlimited.
/// </summary>
public class StorageQuotaSetting : IVersioned
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long? CompanyMegabytes { get; set; }

    public long? UserMegabytes { get; set; }

    public DateTime UpdatedAt { get; set; }

    public Guid? UpdatedById { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// Bytes stored, kept as running totals: one row for the whole company (<see cref="CompanyScope"/>)
/// and one per uploader. Every stored version adds its size in the transaction that records it and
/// a deleted file takes its versions' sizes back, so the totals never need a scan of the files.
/// </summary>
public class StorageUsage
{
    public const string CompanyScope = "company";

    public string Scope { get; set; } = "";

    public long Bytes { get; set; }

    public static string UserScope(Guid userId) => "user:" + userId.ToString("N");
}

internal sealed class StorageQuotaConfiguration : IEntityTypeConfiguration<StorageQuotaSetting>, IEntityTypeConfiguration<StorageUsage>
{
    public void Configure(EntityTypeBuilder<StorageQuotaSetting> e)
    {
        e.ToTable("StorageQuotaSettings");
        e.HasKey(q => q.Id);
        e.Property(q => q.Id).ValueGeneratedNever();
        e.Property(q => q.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<StorageUsage> e)
    {
        e.ToTable("StorageUsages");
        e.HasKey(u => u.Scope);
        e.Property(u => u.Scope).HasMaxLength(40);
    }
}

/// <summary>Which limit an upload would break, and the numbers to tell the user.</summary>
public sealed record QuotaRefusal(string Scope, long LimitBytes, long UsedBytes, long SizeBytes)
{
    public const string Code = "quota_exceeded";

    public Error ToError() => new(Code, $"The {Scope} storage quota of {LimitBytes} bytes would be exceeded: {UsedBytes} bytes are used and the file has {SizeBytes}.",
        Extensions: new Dictionary<string, object?>
        {
            ["scope"] = Scope,
            ["limit"] = LimitBytes,
            ["used"] = UsedBytes,
            ["size"] = SizeBytes,
        });
}

/// <summary>Effective limits in bytes (null = unlimited).</summary>
public sealed record QuotaLimits(long? CompanyBytes, long? UserBytes);

/// <summary>The running totals and their limits: read, reserve, release.</summary>
public static class StorageQuotas
{
    public static async Task<QuotaLimits> LimitsAsync(LetopisDb db, QuotaOptions defaults, CancellationToken ct)
    {
        var set = await db.Set<StorageQuotaSetting>().AsNoTracking().SingleOrDefaultAsync(q => q.Id == StorageQuotaSetting.SingletonId, ct);
        var company = set is null ? defaults.CompanyMegabytes : set.CompanyMegabytes;
        var user = set is null ? defaults.UserMegabytes : set.UserMegabytes;
        return new QuotaLimits(company * DocumentFileOptions.Megabyte, user * DocumentFileOptions.Megabyte);
    }

    public static async Task<(long Company, long User)> UsedAsync(LetopisDb db, Guid userId, CancellationToken ct)
    {
        var scopes = new[] { StorageUsage.CompanyScope, StorageUsage.UserScope(userId) };
        var rows = await db.Set<StorageUsage>().AsNoTracking().Where(u => scopes.Contains(u.Scope)).ToListAsync(ct);
        return (rows.FirstOrDefault(r => r.Scope == StorageUsage.CompanyScope)?.Bytes ?? 0,
            rows.FirstOrDefault(r => r.Scope == scopes[1])?.Bytes ?? 0);
    }

    /// <summary>The first limit that <paramref name="size"/> more bytes would break, by the totals as they are now.</summary>
    public static QuotaRefusal? Check(QuotaLimits limits, long companyUsed, long userUsed, long size) =>
        limits.CompanyBytes is { } c && companyUsed + size > c ? new QuotaRefusal("company", c, companyUsed, size)
        : limits.UserBytes is { } u && userUsed + size > u ? new QuotaRefusal("user", u, userUsed, size)
        : null;

    /// <summary>
    /// Adds <paramref name="size"/> to the company's and the uploader's totals, each only if it stays
    /// within its limit: one conditional UPDATE per total, so two uploads racing for the last free
    /// megabytes cannot both get them. Runs inside the caller's transaction; on a refusal the caller
    /// rolls back (the company total may already have been raised).
    /// </summary>
    public static async Task<QuotaRefusal?> ReserveAsync(LetopisDb db, Guid userId, long size, QuotaLimits limits, CancellationToken ct)
    {
        foreach (var (scope, limit, name) in new[] { (StorageUsage.CompanyScope, limits.CompanyBytes, "company"), (StorageUsage.UserScope(userId), limits.UserBytes, "user") })
        {
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "StorageUsages" ("Scope", "Bytes") VALUES ({scope}, 0) ON CONFLICT ("Scope") DO NOTHING""", ct);
            var updated = limit is { } max
                ? await db.Database.ExecuteSqlAsync($"""UPDATE "StorageUsages" SET "Bytes" = "Bytes" + {size} WHERE "Scope" = {scope} AND "Bytes" + {size} <= {max}""", ct)
                : await db.Database.ExecuteSqlAsync($"""UPDATE "StorageUsages" SET "Bytes" = "Bytes" + {size} WHERE "Scope" = {scope}""", ct);
            if (updated == 0)
            {
                var used = await db.Set<StorageUsage>().AsNoTracking().Where(u => u.Scope == scope).Select(u => u.Bytes).SingleAsync(ct);
                return new QuotaRefusal(name, limit!.Value, used, size);
            }
        }
        return null;
    }

    /// <summary>Takes deleted bytes back from the company's and each uploader's totals.</summary>
    public static async Task ReleaseAsync(LetopisDb db, IEnumerable<(Guid UserId, long Size)> versions, CancellationToken ct)
    {
        var byUser = versions.GroupBy(v => v.UserId).Select(g => (Scope: StorageUsage.UserScope(g.Key), Size: g.Sum(v => v.Size))).ToList();
        var total = byUser.Sum(u => u.Size);
        if (total == 0)
            return;
        foreach (var (scope, size) in byUser.Append((StorageUsage.CompanyScope, total)))
            await db.Database.ExecuteSqlAsync($"""UPDATE "StorageUsages" SET "Bytes" = CASE WHEN "Bytes" > {size} THEN "Bytes" - {size} ELSE 0 END WHERE "Scope" = {scope}""", ct);
    }
}
