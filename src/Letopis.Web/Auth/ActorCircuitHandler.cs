using System.Security.Claims;
using Letopis.Core.Access;
using Letopis.Core.Data;
using Letopis.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Letopis.Web.Auth;

/// <summary>
/// Blazor circuits have no HttpContext after the first request: this keeps the circuit's
/// <see cref="CurrentActor"/> in step with its authentication state before each inbound event, and
/// ends the circuit when its user's sessions were ended (a password change or reset, a role change,
/// a deactivation) while it was open.
/// </summary>
public sealed class ActorCircuitHandler(
    AuthenticationStateProvider auth, CurrentActor actor, ViewerClock clock, IServiceScopeFactory scopes,
    NavigationManager navigation, TimeProvider time, IOptions<IdentityOptions> identity) : CircuitHandler
{
    /// <summary>
    /// How often a circuit in use re-reads its user's security stamp: one primary-key read per
    /// interval while the user acts, none while the page sits idle, instead of one per keystroke.
    /// </summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(10);

    private DateTimeOffset? _checkedAt;
    private string? _renewedStamp;
    private bool _ended;

    /// <summary>
    /// The circuit's own user changed their password: the stamp moved under this circuit, which is
    /// renewed (the page reloads through <c>/account/renew</c>) rather than ended.
    /// </summary>
    public void Renewed(string securityStamp)
    {
        _renewedStamp = securityStamp;
        _checkedAt = null;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            if (!await ActAsync())
                return;
            await next(context);
        };

    /// <summary>
    /// Brings the actor up to date before an event; false when the circuit's sign-in no longer holds:
    /// the event is dropped and the page reloads, which takes the browser to the sign-in page.
    /// </summary>
    internal async Task<bool> ActAsync()
    {
        if (_ended)
            return false;
        var state = await auth.GetAuthenticationStateAsync();
        var id = state.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var userId = Guid.TryParse(id, out var parsed) ? parsed : (Guid?)null;
        if (userId is { } signedIn && !await HoldsAsync(state.User, signedIn))
        {
            _ended = true;
            actor.Set(null, null);
            // The reload carries the cookie to the server, which drops it and asks for the password again.
            navigation.Refresh(forceReload: true);
            return false;
        }
        if (actor.UserId != userId)
            actor.Set(userId, null);
        if (clock.UserId != userId)
            await clock.LoadAsync(scopes, userId, CancellationToken.None);
        return true;
    }

    private async Task<bool> HoldsAsync(ClaimsPrincipal user, Guid userId)
    {
        var now = time.GetUtcNow();
        if (_checkedAt is { } last && now - last < CheckInterval)
            return true;
        UserAccessState? state;
        await using (var scope = scopes.CreateAsyncScope())
            state = await AccessCache.ReadUserStateAsync(scope.ServiceProvider.GetRequiredService<LetopisDb>(), userId);
        _checkedAt = now;
        return state is not null && state.Holds(_renewedStamp ?? user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType));
    }
}
