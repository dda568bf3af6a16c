using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Letopis.Core.Documents.Files;

/// <summary>Bytes used and the limit (null: unlimited).</summary>
public sealed record StorageAmountDto(long UsedBytes, long? LimitBytes);

/// <summary>What the caller sees of storage: the company's total and their own.</summary>
public sealed record StorageUsageDto(StorageAmountDto Company, StorageAmountDto User);

/// <summary>One user's stored bytes, for the administrator.</summary>
public sealed record UserStorageDto(Guid UserId, string FullName, long UsedBytes);

/// <summary>The quota settings as an administrator sees them: the limits in force, the configured defaults, and who uses most.</summary>
public sealed record QuotaSettingsDto(
    long? CompanyMegabytes, long? UserMegabytes, long? DefaultCompanyMegabytes, long? DefaultUserMegabytes,
    long CompanyUsedBytes, IReadOnlyList<UserStorageDto> TopUsers, int Version);

/// <summary>New limits in megabytes; null is unlimited, an absent field stays as it is.</summary>
public sealed record QuotaSettingsFields(Optional<long?> CompanyMegabytes, Optional<long?> UserMegabytes);

/// <summary>
/// Storage quotas as SaaS CRMs sell them: a company-wide limit and a per-user limit. Everyone sees
/// their usage; only an administrator changes the limits (until then the configured defaults hold).
/// </summary>
public sealed class ManageStorageQuota(LetopisDb db, TimeProvider time, ICurrentActor actor, IOptions<QuotaOptions> defaults)
{
    public const int TopUsers = 20;

    public async Task<StorageUsageDto> UsageAsync(AccessContext access, CancellationToken ct)
    {
        var limits = await StorageQuotas.LimitsAsync(db, defaults.Value, ct);
        var (company, user) = await StorageQuotas.UsedAsync(db, actor.UserId ?? access.UserId, ct);
        return new StorageUsageDto(new StorageAmountDto(company, limits.CompanyBytes), new StorageAmountDto(user, limits.UserBytes));
    }

    public async Task<Result<QuotaSettingsDto>> GetAsync(AccessContext access, CancellationToken ct)
    {
        if (!access.IsAdmin)
            return Error.Forbidden();
        return await ReadAsync(ct);
    }

    public async Task<Result<QuotaSettingsDto>> SetAsync(AccessContext access, QuotaSettingsFields fields, int? expectedVersion, CancellationToken ct)
    {
        if (!access.IsAdmin)
            return Error.Forbidden();
        var errors = new List<(string, string)>();
        if (fields.CompanyMegabytes is { HasValue: true, Value: < 0 })
            errors.Add(("companyMegabytes", FieldErrors.Invalid));
        else if (fields.CompanyMegabytes is { HasValue: true, Value: > QuotaOptions.MaxMegabytes })
            errors.Add(("companyMegabytes", FieldErrors.OutOfRange));
        if (fields.UserMegabytes is { HasValue: true, Value: < 0 })
            errors.Add(("userMegabytes", FieldErrors.Invalid));
        else if (fields.UserMegabytes is { HasValue: true, Value: > QuotaOptions.MaxMegabytes })
            errors.Add(("userMegabytes", FieldErrors.OutOfRange));
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var setting = await db.Set<StorageQuotaSetting>().SingleOrDefaultAsync(q => q.Id == StorageQuotaSetting.SingletonId, ct);
        if (setting is null)
        {
            setting = new StorageQuotaSetting { CompanyMegabytes = defaults.Value.CompanyMegabytes, UserMegabytes = defaults.Value.UserMegabytes };
            db.Add(setting);
        }
        else if (expectedVersion is { } expected && expected != setting.Version)
        {
            return Error.StaleVersion();
        }
        if (fields.CompanyMegabytes.HasValue)
            setting.CompanyMegabytes = fields.CompanyMegabytes.Value;
        if (fields.UserMegabytes.HasValue)
            setting.UserMegabytes = fields.UserMegabytes.Value;
        setting.UpdatedAt = time.GetUtcNow().UtcDateTime;
        setting.UpdatedById = actor.UserId;
        await db.SaveChangesAsync(ct);
        return await ReadAsync(ct);
    }

    private async Task<QuotaSettingsDto> ReadAsync(CancellationToken ct)
    {
        var setting = await db.Set<StorageQuotaSetting>().AsNoTracking().SingleOrDefaultAsync(q => q.Id == StorageQuotaSetting.SingletonId, ct);
        var company = await db.Set<StorageUsage>().AsNoTracking().Where(u => u.Scope == StorageUsage.CompanyScope).Select(u => u.Bytes).SingleOrDefaultAsync(ct);
        var users = await db.Set<StorageUsage>().AsNoTracking()
            .Where(u => u.Scope.StartsWith("user:") && u.Bytes > 0)
            .OrderByDescending(u => u.Bytes)
            .Take(TopUsers)
            .ToListAsync(ct);
        var ids = users.Select(u => Guid.ParseExact(u.Scope[5..], "N")).ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        var d = defaults.Value;
        return new QuotaSettingsDto(
            setting is null ? d.CompanyMegabytes : setting.CompanyMegabytes,
            setting is null ? d.UserMegabytes : setting.UserMegabytes,
            d.CompanyMegabytes, d.UserMegabytes, company,
            users.Select((u, i) => new UserStorageDto(ids[i], names.GetValueOrDefault(ids[i], ""), u.Bytes)).ToList(),
            setting?.Version ?? 0);
    }
}
