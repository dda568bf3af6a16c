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
        if (!context.Response.HasStarted && BodyError(exception) is { } error)
        {
            var problem = problems.Create(error);
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

    /// <summary>
    /// A body field that did not bind, named: a wrong type in a merge patch, a value out of range,
    /// or malformed JSON at a known path (a duplicate key, a string where a number belongs).
    /// </summary>
    private static Core.Common.Error? BodyError(Exception exception)
    {
        if (exception is PatchFieldException patch)
            return Core.Common.Error.Validation((patch.FieldName, patch.Code));
        var json = exception as JsonException ?? (exception as BadHttpRequestException)?.InnerException as JsonException;
        var field = (json as JsonFieldException)?.Field ?? JsonInput.FieldOf(json?.Path);
        if (json is null || field is null)
            return null;
        if (json is JsonFieldException { Code: not Core.Common.FieldErrors.DuplicateKey } refused)
            return Core.Common.Error.Validation((field, refused.Code));
        // System.Text.Json names a duplicate only in its message; any other malformed value is just invalid.
        var code = json is JsonFieldException || json.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase)
            ? Core.Common.FieldErrors.DuplicateKey
            : Core.Common.FieldErrors.Invalid;
        return new Core.Common.Error("malformed_json", "The body is not valid JSON.", new Dictionary<string, string[]> { [field] = [code] });
    }
}
