using System.Text.Json;
using Letopis.Core.Common;
using Microsoft.OpenApi;

namespace Letopis.Web.Api;

public static class OpenApiSetup
{
    public static IServiceCollection AddLetopisOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Letopis API",
                Version = "v1",
                Description = "CRM and document workflow. Authenticate with `POST /api/v1/auth/token` or a personal API token " +
                              "(`Authorization: Bearer …`). Errors are RFC 9457 problems with a stable `code`; lists are paged " +
                              "with `page` and `pageSize`; writes honour `If-Match` and the body's `version`.",
            };
            return Task.CompletedTask;
        }).AddOperationTransformer((operation, context, _) =>
        {
            Describe(operation, context.Description.RelativePath ?? "");
            return Task.CompletedTask;
        }));

    /// <summary>
    /// Query parameters are named as clients write them (camelCase, like the JSON; binding ignores
    /// case), and the parameters every list or card shares — ids in the path, <c>page</c>,
    /// <c>pageSize</c> — get their one description here instead of on each of a hundred handlers.
    /// </summary>
    internal static void Describe(OpenApiOperation operation, string route)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In == ParameterLocation.Query && parameter.Name is { Length: > 0 } name)
                parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(name);
            if (string.IsNullOrWhiteSpace(parameter.Description))
                parameter.Description = Shared(parameter, route);
        }
    }

    private static string? Shared(OpenApiParameter parameter, string route) => parameter.Name switch
    {
        "page" => "Page number, from 1.",
        "pageSize" => $"Items per page (default {PageRequest.DefaultSize}, at most {PageRequest.MaxSize}).",
        { } name when parameter.In == ParameterLocation.Path && (name == "id" || name.EndsWith("Id", StringComparison.Ordinal))
            => $"Id of the {RecordOf(route, name)}.",
        _ => null,
    };

    /// <summary>«api/v1/counterparties/{id}/bank-accounts/{accountId}», accountId → «bank account».</summary>
    private static string RecordOf(string route, string name)
    {
        var segments = route.Split('/');
        var at = Array.FindIndex(segments, s => s.StartsWith("{" + name, StringComparison.Ordinal));
        var plural = at > 0 ? segments[at - 1] : name[..^2];
        if (plural.StartsWith('{'))
            return "entry";
        var singular = plural.EndsWith("ies", StringComparison.Ordinal) ? plural[..^3] + "y"
            : plural.EndsWith("sses", StringComparison.Ordinal) ? plural[..^2]
            : plural.EndsWith('s') ? plural[..^1]
            : plural;
        return singular.Replace('-', ' ');
    }

    /// <summary>
    /// Documents the problem responses every Letopis endpoint group can give, and checks the
    /// group's route and query parameters (<see cref="ParameterInput"/>).
    /// </summary>
    public static RouteGroupBuilder WithProblems(this RouteGroupBuilder group)
    {
        foreach (var status in new[] { 400, 401, 403, 404, 409, 412 })
            group.ProducesProblem(status);
        group.AddEndpointFilterFactory(ParameterInput.Filter);
        return group;
    }
}
