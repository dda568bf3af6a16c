using Letopis.Web.Api;

namespace Letopis.Web.Hosting;

/// <summary>
/// The request-line and header limits, answered as problems: Kestrel refuses what breaks its own
/// limits before any middleware runs, with an empty body. Kestrel's limits are therefore set
/// higher (<see cref="KestrelLineBytes"/>, <see cref="KestrelHeaderBytes"/>) and the documented
/// ones are enforced here: a target over 8 KB gets 414, headers over 32 KB get 431, both
/// application/problem+json. Only a request beyond Kestrel's own limits, or one that is not HTTP
/// at all (a broken request line), still gets Kestrel's bare 400/414/431.
/// </summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next)
{
    public const int MaxTargetBytes = 8 * 1024;
    public const int MaxHeaderBytes = 32 * 1024;
    public const int KestrelLineBytes = 64 * 1024;
    public const int KestrelHeaderBytes = 128 * 1024;

    public async Task InvokeAsync(HttpContext context, ProblemWriter problems)
    {
        var request = context.Request;
        var target = request.PathBase.Value!.Length + request.Path.Value!.Length + request.QueryString.Value!.Length;
        if (target > MaxTargetBytes)
        {
            await problems.WriteAsync(context, StatusCodes.Status414UriTooLong, "uri_too_long");
            return;
        }
        var headers = 0;
        foreach (var (name, values) in request.Headers)
        {
            headers += name.Length + 4;
            foreach (var value in values)
                headers += value?.Length ?? 0;
        }
        if (headers > MaxHeaderBytes)
        {
            await problems.WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "headers_too_large");
            return;
        }
        await next(context);
    }
}
