using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Access;

public sealed record ApiTokenDto(Guid Id, string Name, string Hint, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt)
{
    /// <summary>What the token may do: null for everything its owner may, <c>leads:create</c> for creating leads only.</summary>
    public string? Scope { get; init; }
}

/// <summary>The token as issued: <see cref="Token"/> is shown this once and never stored.</summary>
public sealed record IssuedApiToken(Guid Id, string Name, string Token, DateTime? ExpiresAt)
{
    /// <summary>What the token may do: null for everything its owner may, <c>leads:create</c> for creating leads only.</summary>
    public string? Scope { get; init; }
}

/// <summary>The owner of a valid token and what the token may do.</summary>
public sealed record ApiTokenOwner(Guid UserId, string? Scope);

/// <summary>A personal API token for scripts and integrations.</summary>
/// <param name="Name">What the token is for ("1C exchange", "telephony").</param>
/// <param name="ExpiresOn">Last day the token works; none for no expiry.</param>
/// <param name="Scope">None: the token may do everything its owner may; <c>leads:create</c>: it may only create
/// leads (<c>POST /api/v1/leads</c>), for a web form or telephony that must not read the CRM.</param>
public sealed record IssueApiTokenRequest(string? Name, DateOnly? ExpiresOn, string? Scope = null);

public sealed class ManageApiTokens(LetopisDb db, TimeProvider time)
{
    public async Task<List<ApiTokenDto>> ListAsync(Guid userId, CancellationToken ct) =>
        await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt)
            .Select(t => new ApiTokenDto(t.Id, t.Name, t.Hint, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt) { Scope = t.Scope })
            .ToListAsync(ct);

    public async Task<Result<IssuedApiToken>> IssueAsync(Guid userId, IssueApiTokenRequest request, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(request.Name))
            errors.Add(("name", FieldErrors.Required));
        else if (request.Name.Trim().Length > TextLimits.Short)
            errors.Add(("name", FieldErrors.TooLong));
        else
            TextRules.Check(request.Name.Trim(), "name", errors);
        if (request.ExpiresOn is { } e && e < DateOnly.FromDateTime(now))
            errors.Add(("expiresOn", "in_past"));
        var scope = string.IsNullOrWhiteSpace(request.Scope) ? null : request.Scope.Trim();
        if (scope is not null && scope != ApiToken.LeadIntake)
            errors.Add(("scope", FieldErrors.Invalid));
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var secret = ApiToken.NewSecret();
        var token = new ApiToken
        {
            UserId = userId,
            Name = request.Name!.Trim(),
            TokenHash = ApiToken.Hash(secret),
            Hint = secret[..(ApiToken.Prefix.Length + 4)],
            CreatedAt = now,
            ExpiresAt = request.ExpiresOn?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            Scope = scope,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new IssuedApiToken(token.Id, token.Name, secret, token.ExpiresAt) { Scope = token.Scope };
    }

    public async Task<Result<bool>> RevokeAsync(Guid userId, Guid id, CancellationToken ct)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == userId, ct);
        if (token is null)
            return Error.NotFound();
        token.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The owner of a valid token, or null for an unknown, revoked or expired one.</summary>
    public async Task<Guid?> AuthenticateAsync(string secret, CancellationToken ct) =>
        (await OwnerAsync(secret, ct))?.UserId;

    /// <summary>The owner of a valid token with the token's scope, or null for an unknown, revoked or expired one.</summary>
    public async Task<ApiTokenOwner?> OwnerAsync(string secret, CancellationToken ct)
    {
        var hash = ApiToken.Hash(secret);
        var now = time.GetUtcNow().UtcDateTime;
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null || token.RevokedAt is not null || (token.ExpiresAt is { } exp && exp <= now))
            return null;
        // Recording every use would turn each API read into a write; once a minute is enough to show activity.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return new ApiTokenOwner(token.UserId, token.Scope);
    }
}
