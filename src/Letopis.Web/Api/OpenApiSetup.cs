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
        }));

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
