using Letopis.Web.Api;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Letopis.Web.Hosting;

/// <summary>
/// Caps API request bodies (JSON) at <see cref="LetopisOptions.MaxJsonBodyBytes"/>; multipart file
/// uploads are exempt here and enforce their own limit. A declared oversize body is refused before
/// it is read. Query values may not hold NUL. JSON is read as UTF-8 only: a body declaring another charset gets a 415 here rather
/// than failing inside the reader.
/// </summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next, IOptions<LetopisOptions> options)
{
    public async Task InvokeAsync(HttpContext context, ProblemWriter problems)
    {
        if (context.IsApiRequest()
            && !(context.Request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            // PostgreSQL text cannot hold NUL; a query value with one is refused before any handler sees it.
            foreach (var (name, values) in context.Request.Query)
            {
                if (values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
                {
                    var problem = problems.Create(Core.Common.Error.Validation((name, Core.Common.TextRules.ControlCharacters)));
                    context.Response.StatusCode = problem.Status!.Value;
                    await context.Response.WriteAsJsonAsync(problem, JsonOptions.Web, "application/problem+json", context.RequestAborted);
                    return;
                }
            }
            if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
                && type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
                && !type.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            {
                await problems.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type");
                return;
            }
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
