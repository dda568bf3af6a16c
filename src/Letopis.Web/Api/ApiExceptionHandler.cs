using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Api;

/// <summary>
/// The one exception handler: malformed requests get their 4xx problem; anything unexpected is
/// logged and answered with a 500 problem that reveals nothing of the server.
/// </summary>
public sealed class ApiExceptionHandler(ProblemWriter problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is PatchFieldException patch && !context.Response.HasStarted)
        {
            var problem = problems.Create(Core.Common.Error.Validation((patch.FieldName, Core.Common.FieldErrors.Invalid)));
            context.Response.StatusCode = problem.Status!.Value;
            await context.Response.WriteAsJsonAsync(problem, JsonOptions.Web, "application/problem+json", ct);
            return true;
        }
        var (status, code) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (413, "body_too_large"),
            BadHttpRequestException { InnerException: JsonException } => (400, "malformed_json"),
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == 400 ? "bad_request" : ProblemWriter.CodeOfStatus(bad.StatusCode)),
            JsonException => (400, "malformed_json"),
            DbUpdateConcurrencyException => (409, Core.Common.ErrorCodes.StaleVersion),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, "client_closed"),
            _ => (500, "internal_error"),
        };
        if (status == 500)
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        if (context.Response.HasStarted || status == 499)
            return true;
        await problems.WriteAsync(context, status, code);
        return true;
    }
}
