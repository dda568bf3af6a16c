using Letopis.Web.Api;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Letopis.Web.Hosting;

/// <summary>
/// Caps API request bodies (JSON) at <see cref="LetopisOptions.MaxJsonBodyBytes"/>; multipart file
/// uploads are exempt here and enforce their own limit. A declared oversize body is refused before
/// it is read.
/// </summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next, IOptions<LetopisOptions> options)
{
    public async Task InvokeAsync(HttpContext context, ProblemWriter problems)
    {
        if (context.IsApiRequest()
            && !(context.Request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            var limit = options.Value.MaxJsonBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                await problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "body_too_large");
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                feature.MaxRequestBodySize = limit;
        }
        await next(context);
    }
}
