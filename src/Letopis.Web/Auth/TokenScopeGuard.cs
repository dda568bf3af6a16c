using Letopis.Core.Access;
using Letopis.Web.Api;

namespace Letopis.Web.Auth;

/// <summary>
/// Keeps a scoped personal API token to what its scope allows. A <c>leads:create</c> token (a web
/// form, telephony) may only create leads: anything else, reading included, is <c>403</c>
/// <c>token_scope</c>, so a leaked form token cannot read the CRM.
/// </summary>
public sealed class TokenScopeGuard(RequestDelegate next)
{
    public const string ScopeClaim = "letopis:token-scope";

    public const string Code = "token_scope";

    public async Task InvokeAsync(HttpContext context, ProblemWriter problems)
    {
        var scope = context.User.FindFirst(ScopeClaim)?.Value;
        if (scope is null || Allows(scope, context.Request))
        {
            await next(context);
            return;
        }
        await problems.WriteAsync(context, StatusCodes.Status403Forbidden, Code);
    }

    private static bool Allows(string scope, HttpRequest request) =>
        scope == ApiToken.LeadIntake
        && HttpMethods.IsPost(request.Method)
        && request.Path.Equals("/api/v1/leads", StringComparison.OrdinalIgnoreCase);
}
