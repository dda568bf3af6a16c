using Letopis.Core.Common;

namespace Letopis.Core.Access;

/// <summary>
/// A period (vacation, business trip) during which <see cref="DeputyId"/> acts for
/// <see cref="PrincipalId"/>: sees their agenda and approvals; every action records both names.
/// </summary>
public class Deputyship : IVersioned, IAudited
{
    public static string AuditKind => "deputyship";

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PrincipalId { get; set; }

    public Guid DeputyId { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    public string? Reason { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }

    public bool IsActiveOn(DateOnly day) => StartsOn <= day && day <= EndsOn;
}

/// <summary>A personal API token: only its SHA-256 hash is stored; the secret is shown once.</summary>
public class ApiToken
{
    public const string Prefix = "ltp_";

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public string Name { get; set; } = "";

    public string TokenHash { get; set; } = "";

    /// <summary>The first characters of the secret, so the owner can tell tokens apart.</summary>
    public string Hint { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>What the token may do: null for everything its owner may; <see cref="LeadIntake"/> for creating leads only (web forms, telephony).</summary>
    public string? Scope { get; set; }

    /// <summary>The scope of a token that may only create leads.</summary>
    public const string LeadIntake = "leads:create";

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    public static string NewSecret() =>
        Prefix + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Who is acting: the signed-in user, and the absent colleague they stand in for, if any.</summary>
public interface ICurrentActor
{
    Guid? UserId { get; }

    Guid? OnBehalfOfId { get; }
}
