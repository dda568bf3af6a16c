using System.Security.Claims;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Web.Api;
using Letopis.Web.Components.Shared;
using Letopis.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Letopis.Web.Auth;

/// <summary>
/// After authentication: refuses disabled accounts and sign-ins their user's security stamp has
/// moved past (a password change or reset, a role change, a deactivation), and when the request says it acts for an
/// absent colleague (<c>X-On-Behalf-Of</c>), checks that a deputyship covers today.
/// </summary>
public sealed class ActorMiddleware(RequestDelegate next)
{
    public const string OnBehalfOfHeader = "X-On-Behalf-Of";

    public async Task InvokeAsync(
        HttpContext context, CurrentActor actor, LetopisDb db, TimeProvider time, CompanyTimeZone company, ProblemWriter problems, ViewerClock clock,
        IServiceScopeFactory scopes, IOptions<IdentityOptions> identity)
    {
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } raw && Guid.TryParse(raw, out var userId))
        {
            // Static files, health checks and sign-in pages need no account check: it would cost a
            // database round trip on every asset the browser fetches.
            if (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is null)
            {
                actor.Set(userId, null);
                await next(context);
                return;
            }

            var state = await AccessCache.ReadUserStateAsync(db, userId);
            if (state is not { IsActive: true })
            {
                await problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "account_disabled");
                return;
            }
            // The stamp comes with the same primary-key read: ending sessions costs no extra round trip.
            if (!state.Holds(context.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType)))
            {
                await RefuseEndedSessionAsync(context, problems);
                return;
            }

            Guid? onBehalfOf = null;
            if (context.Request.Headers.TryGetValue(OnBehalfOfHeader, out var header))
            {
                var today = company.Today(time);
                if (!Guid.TryParse(header, out var principalId)
                    || !await db.Deputyships.AnyAsync(d => d.DeputyId == userId && d.PrincipalId == principalId
                                                          && d.StartsOn <= today && d.EndsOn >= today, context.RequestAborted))
                {
                    await problems.WriteAsync(context, StatusCodes.Status403Forbidden, "not_a_deputy");
                    return;
                }
                onBehalfOf = principalId;
            }
            actor.Set(userId, onBehalfOf, state.Stamp);
            // Pages rendered on the server (prerendering) show times in the viewer's zone; the API needs no clock.
            if (!context.IsApiRequest())
                await clock.LoadAsync(scopes, userId, context.RequestAborted);
        }
        await next(context);
    }

    private static async Task RefuseEndedSessionAsync(HttpContext context, ProblemWriter problems)
    {
        if (context.IsApiRequest())
        {
            await problems.WriteAsync(context, StatusCodes.Status401Unauthorized, SessionExpired);
            return;
        }
        // A page: drop the cookie that no longer holds and ask for the password again.
        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        context.Response.Redirect($"/login?error=expired&returnUrl={Uri.EscapeDataString(back)}");
    }

    public const string SessionExpired = "session_expired";
}
