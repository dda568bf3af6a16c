using Letopis.Core.Common;
using Letopis.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Api;

/// <summary>
/// Turns errors into RFC 9457 problems with a stable <c>code</c>, a title in the caller's
/// language, and <c>errors</c> naming each invalid field.
/// </summary>
public sealed class ProblemWriter(IStringLocalizer<SharedResource> text, IProblemDetailsService problems)
{
    public static int StatusOf(string code) => code switch
    {
        ErrorCodes.NotFound or "route_not_found" => StatusCodes.Status404NotFound,
        ErrorCodes.Forbidden or "not_a_deputy" or "token_scope" or Hosting.CrossSiteRequestGuard.Code => StatusCodes.Status403Forbidden,
        ErrorCodes.Validation or "outcome_required" or "malformed_json" or "bad_request" or "upload_incomplete" => StatusCodes.Status400BadRequest,
        VersionCheck.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        "body_too_large" or "quota_exceeded" or "file_too_large" or "preview_too_large" => StatusCodes.Status413PayloadTooLarge,
        "not_previewable" => StatusCodes.Status415UnsupportedMediaType,
        "uri_too_long" => StatusCodes.Status414UriTooLong,
        "headers_too_large" => StatusCodes.Status431RequestHeaderFieldsTooLarge,
        "unauthorized" or "invalid_credentials" or "locked_out" or "account_disabled" or "session_expired" => StatusCodes.Status401Unauthorized,
        "internal_error" or "file_corrupted" => StatusCodes.Status500InternalServerError,
        // The server lacks a system package (named in the problem); HTML printing still works.
        Letopis.Core.Templates.PdfErrors.EngineMissing => StatusCodes.Status503ServiceUnavailable,
        Letopis.Core.Templates.PdfErrors.EngineFailed => StatusCodes.Status502BadGateway,
        _ => StatusCodes.Status409Conflict,
    };

    public static string CodeOfStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "bad_request",
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
        StatusCodes.Status404NotFound => "route_not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status413PayloadTooLarge => "body_too_large",
        StatusCodes.Status414UriTooLong => "uri_too_long",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "headers_too_large",
        StatusCodes.Status429TooManyRequests => "too_many_requests",
        _ => status >= 500 ? "internal_error" : "error",
    };

    public ProblemDetails Create(Error error)
    {
        var status = StatusOf(error.Code);
        var problem = Create(status, error.Code, error.Message);
        if (error.FieldErrors is { Count: > 0 } fields)
        {
            problem.Extensions["errors"] = fields.ToDictionary(
                f => f.Key,
                f => f.Value.Select(code => FieldMessage(f.Key, code)).ToArray());
            problem.Extensions["fieldCodes"] = fields;
        }
        if (error.Extensions is not null)
        {
            foreach (var (key, value) in error.Extensions)
                problem.Extensions[key] = value;
        }
        return problem;
    }

    public ProblemDetails Create(int status, string code, string? fallback = null)
    {
        var title = text["error." + code];
        return new ProblemDetails
        {
            Status = status,
            Title = title.ResourceNotFound ? fallback ?? code : title.Value,
            Type = $"https://letopis.dev/problems/{code.Replace('_', '-')}",
            Extensions = { ["code"] = code },
        };
    }

    public ProblemHttpResult Result(Error error) => TypedResults.Problem(Create(error));

    public async Task WriteAsync(HttpContext context, int status, string code, Exception? exception = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = Create(status, code),
            Exception = exception,
        };
        // A client that accepts only HTML (a form post) still gets the problem, not a 500 for want of a writer.
        if (!await problems.TryWriteAsync(problem))
            await context.Response.WriteAsJsonAsync(problem.ProblemDetails, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    public string FieldMessage(string field, string code) => Components.Shared.UiText.FieldMessage(text, field, code);
}
