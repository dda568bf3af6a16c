using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Letopis.Web.Auth;

/// <summary>
/// A password change made in a Blazor circuit moves the user's security stamp, but a circuit has no
/// response to put the new cookie on. It hands the browser a short-lived protected note naming the
/// user and the new stamp instead; <c>GET /account/renew</c> redeems it for a cookie under that stamp.
/// The note opens nothing by itself: the browser must also hold that user's previous cookie, and
/// the stamp must not have moved again since (an administrator's reset wins).
/// </summary>
public sealed class SignInRenewal(IDataProtectionProvider protection, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private readonly IDataProtector _protector = protection.CreateProtector("Letopis.SignInRenewal");

    public string Issue(Guid userId, string securityStamp) =>
        _protector.Protect($"{userId:N}|{(time.GetUtcNow() + Lifetime).ToUnixTimeSeconds()}|{securityStamp}");

    /// <summary>The user and stamp of a note still within its lifetime; null for anything else.</summary>
    public (Guid UserId, string SecurityStamp)? Read(string? note)
    {
        if (string.IsNullOrEmpty(note))
            return null;
        string plain;
        try
        {
            plain = _protector.Unprotect(note);
        }
        catch (CryptographicException)
        {
            return null;
        }
        var parts = plain.Split('|', 3);
        if (parts.Length != 3 || !Guid.TryParse(parts[0], out var userId) || !long.TryParse(parts[1], out var expires)
            || time.GetUtcNow().ToUnixTimeSeconds() > expires)
            return null;
        return (userId, parts[2]);
    }
}
