using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Letopis.Web.Auth;

/// <summary>
/// Blazor circuits have no HttpContext after the first request: this keeps the circuit's
/// <see cref="CurrentActor"/> in step with its authentication state before each inbound event.
/// </summary>
public sealed class ActorCircuitHandler(AuthenticationStateProvider auth, CurrentActor actor) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var state = await auth.GetAuthenticationStateAsync();
            var id = state.User.FindFirstValue(ClaimTypes.NameIdentifier);
            var userId = Guid.TryParse(id, out var parsed) ? parsed : (Guid?)null;
            if (actor.UserId != userId)
                actor.Set(userId, null);
            await next(context);
        };
}
