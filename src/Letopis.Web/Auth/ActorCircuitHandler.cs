using System.Security.Claims;
using Letopis.Web.Components.Shared;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Letopis.Web.Auth;

/// <summary>
/// Blazor circuits have no HttpContext after the first request: this keeps the circuit's
/// <see cref="CurrentActor"/> in step with its authentication state before each inbound event.
/// </summary>
public sealed class ActorCircuitHandler(
    AuthenticationStateProvider auth, CurrentActor actor, ViewerClock clock, IServiceScopeFactory scopes) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var state = await auth.GetAuthenticationStateAsync();
            var id = state.User.FindFirstValue(ClaimTypes.NameIdentifier);
            var userId = Guid.TryParse(id, out var parsed) ? parsed : (Guid?)null;
            if (actor.UserId != userId)
                actor.Set(userId, null);
            if (clock.UserId != userId)
                await clock.LoadAsync(scopes, userId, CancellationToken.None);
            await next(context);
        };
}
