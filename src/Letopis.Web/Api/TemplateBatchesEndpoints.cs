using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.CustomFields;
using Letopis.Core.Storage;
using Letopis.Core.Templates;
using Letopis.Core.Templates.Bulk;
using Letopis.Web.Auth;
using Letopis.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;

namespace Letopis.Web.Api;

/// <summary>A batch to start: one template generated for every counterparty of a directory filter.</summary>
/// <param name="TemplateId">A template of counterparties (<c>target</c> <c>counterparty</c>) that is not archived.</param>
/// <param name="Output"><c>html</c>, <c>pdf</c> or <c>docx</c>.</param>
/// <param name="Register">Register each file as a new document of the template's type (needs a template with a type and the right to create documents).</param>
/// <param name="Filter">
/// The directory's filter with the names of <c>GET /api/v1/counterparties</c>: <c>q</c>, <c>regionId</c>, <c>categoryId</c>,
/// <c>groupId</c>, <c>activityTypeId</c>, <c>adSourceId</c>, <c>responsibleId</c>, <c>kind</c>, <c>tag</c>, <c>sort</c> and
/// <c>cf.&lt;code&gt;</c> (with <c>.from</c>/<c>.to</c>); a value is a string or an array of strings. Empty: every counterparty the caller may read.
/// </param>
public sealed record StartTemplateBatchBody(Guid? TemplateId, string? Output, bool? Register, JsonObject? Filter);

public static class TemplateBatchesEndpoints
{
    private static readonly HashSet<string> FilterNames =
        ["q", "regionId", "categoryId", "groupId", "activityTypeId", "adSourceId", "responsibleId", "kind", "tag", "sort"];

    /// <summary>Refusals about what the batch would hold or be made from: the request was understood and cannot be done.</summary>
    private static readonly HashSet<string> Unprocessable =
    [
        TemplateBatchErrors.Empty, TemplateBatchErrors.TooLarge, TemplateBatchErrors.Archived, TemplateBatchErrors.NotRegistrable,
        TemplateBatchErrors.WrongTarget, TemplateBatchErrors.OutputNotSupported,
    ];

    public static void MapTemplateBatchesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/template-batches").WithTags("Template batches").RequireAuthorization().WithProblems();
        group.MapPost("", Start).Accepts<StartTemplateBatchBody>("application/json").ProducesProblem(422)
            .WithSummary("Starts generating a template for every counterparty of a directory filter")
            .WithDescription("The batch holds the counterparties the caller may read that pass the filter, in the directory's order, fixed now; "
                + "it runs in the background and survives a restart. 422 `template_batch_empty` when none match, 422 `template_batch_too_large` "
                + "with `limit` and `total` above the limit (nothing is written); 422 `template_archived`, `wrong_target` (not a template of "
                + "counterparties), `template_not_registrable` (register without a document type) or `output_not_supported`.");
        group.MapGet("", List)
            .WithSummary("Lists the caller's batches, newest first");
        group.MapGet("/count", Count)
            .WithSummary("Counts the counterparties a batch over this directory filter would hold")
            .WithDescription("Takes the query parameters of `GET /api/v1/counterparties`.");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Reads a batch: status, total, succeeded, failed and progress in percent");
        group.MapGet("/{id:guid}/items", Items)
            .WithSummary("Lists a batch's items in order: counterparty, document, file or error");
        group.MapGet("/{id:guid}/items/{itemId:guid}/content", ItemContent)
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .WithSummary("Downloads the generated file of an item that was not registered");
        group.MapPost("/{id:guid}/cancel", Cancel)
            .WithSummary("Cancels a batch: it stops after the item being generated")
            .WithDescription("409 `template_batch_finished` when the batch has already completed or been cancelled.");
    }

    internal static async Task<Results<Created<TemplateBatchDto>, ProblemHttpResult>> Start(
        StartTemplateBatchBody body, CustomFieldFilter customFields, CurrentActor actor, StartTemplateBatch handler,
        ProblemWriter problems, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (body.TemplateId is not { } templateId)
            return problems.Result(Error.Validation(("templateId", FieldErrors.Required)));
        var raw = FilterQuery(body.Filter);
        if (!raw.IsSuccess)
            return problems.Result(raw.Error!);
        var filter = await FilterOf(raw.Value, customFields, ct);
        if (!filter.IsSuccess)
            return problems.Result(filter.Error!);
        var queryText = QueryString.Create(raw.Value.SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)))).Value?.TrimStart('?');
        var result = await handler.HandleAsync(await actor.AccessAsync(ct),
            new StartTemplateBatchRequest(templateId, body.Output, body.Register ?? false, filter.Value, queryText), ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/template-batches/{result.Value.Id}", result.Value)
            : Problem(problems, text, result.Error!);
    }

    /// <summary>The number of counterparties, as <c>{"total": N, "limit": L}</c>.</summary>
    internal static async Task<Results<Ok<BatchCount>, ProblemHttpResult>> Count(
        [AsParameters] CounterpartyListQuery query, HttpContext http, CustomFieldFilter customFields, CurrentActor actor,
        StartTemplateBatch handler, Microsoft.Extensions.Options.IOptions<TemplateBatchOptions> options, ProblemWriter problems, CancellationToken ct)
    {
        var filter = await query.ToFilterAsync(http.Request.Query, customFields, ct);
        if (!filter.IsSuccess)
            return problems.Result(filter.Error!);
        return TypedResults.Ok(new BatchCount(await handler.CountAsync(await actor.AccessAsync(ct), filter.Value, ct), options.Value.MaxItems));
    }

    internal static async Task<Ok<PageOf<TemplateBatchDto>>> List(
        [Description("Page number, from 1.")] int? page, [Description("Page size, 50 by default, at most 500.")] int? pageSize,
        CurrentActor actor, ReadTemplateBatches handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.ListAsync(await actor.AccessAsync(ct), PageRequest.From(page, pageSize), ct));

    internal static async Task<Results<Ok<TemplateBatchDto>, ProblemHttpResult>> Get(
        Guid id, CurrentActor actor, ReadTemplateBatches handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.GetAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<PageOf<TemplateBatchItemDto>>, ProblemHttpResult>> Items(
        Guid id, [Description("pending, done or failed: only the items of that status.")] string? status,
        [Description("Page number, from 1.")] int? page, [Description("Page size, 50 by default, at most 500.")] int? pageSize,
        CurrentActor actor, ReadTemplateBatches handler, ProblemWriter problems, CancellationToken ct)
    {
        TemplateBatchItemStatus? only = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<TemplateBatchItemStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(status[0]))
                return problems.Result(Error.Validation(("status", FieldErrors.Invalid)));
            only = parsed;
        }
        var result = await handler.ItemsAsync(await actor.AccessAsync(ct), id, only, PageRequest.From(page, pageSize), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ItemContent(
        Guid id, Guid itemId, CurrentActor actor, ReadTemplateBatches handler, IBlobStore blobs, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ItemFileAsync(await actor.AccessAsync(ct), id, itemId, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        var stream = await blobs.OpenReadAsync(result.Value.BlobKey, ct);
        if (stream is null)
            return problems.Result(Error.NotFound());
        return TypedResults.File(stream, ContentTypeOf(result.Value.FileName), result.Value.FileName);
    }

    internal static async Task<Results<Ok<TemplateBatchDto>, ProblemHttpResult>> Cancel(
        Guid id, CurrentActor actor, CancelTemplateBatch handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    private static string ContentTypeOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".html" => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    };

    private static ProblemHttpResult Problem(ProblemWriter problems, IStringLocalizer<SharedResource> text, Error error)
    {
        var problem = problems.Create(error);
        if (Unprocessable.Contains(error.Code))
            problem.Status = StatusCodes.Status422UnprocessableEntity;
        if (error.Code == TemplateBatchErrors.TooLarge && error.Extensions is { } numbers)
            problem.Detail = text["templateBatch.tooLarge", ((int)numbers["limit"]!).ToString("N0", CultureInfo.CurrentCulture),
                ((int)numbers["total"]!).ToString("N0", CultureInfo.CurrentCulture)];
        return TypedResults.Problem(problem);
    }

    /// <summary>The filter object as query parameters: each value a string (or a number or boolean) or an array of them.</summary>
    private static Result<Dictionary<string, StringValues>> FilterQuery(JsonObject? filter)
    {
        var pairs = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (key, node) in filter ?? [])
        {
            if (!FilterNames.Contains(key) && !key.StartsWith("cf.", StringComparison.Ordinal))
                return Error.Validation(("filter." + key, FieldErrors.Invalid));
            if (node is null)
                continue;
            var values = new List<string>();
            foreach (var value in node is JsonArray array ? array.ToList() : [node])
            {
                if (value is not JsonValue scalar || scalar.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
                    return Error.Validation(("filter." + key, FieldErrors.Invalid));
                values.Add(scalar.GetValueKind() == JsonValueKind.String ? scalar.GetValue<string>() : scalar.ToJsonString());
            }
            if (values.Count > 0)
                pairs[key] = new StringValues([.. values]);
        }
        return pairs;
    }

    private static async Task<Result<CounterpartyFilter>> FilterOf(Dictionary<string, StringValues> pairs, CustomFieldFilter customFields, CancellationToken ct)
    {
        string[]? Many(string name) => pairs.TryGetValue(name, out var v) ? v.Select(s => s ?? "").ToArray() : null;
        string? One(string name) => pairs.TryGetValue(name, out var v) ? v.ToString() : null;
        var query = new CounterpartyListQuery(One("q"), Many("regionId"), Many("categoryId"), Many("groupId"), Many("activityTypeId"),
            Many("adSourceId"), Many("responsibleId"), One("kind"), Many("tag"), One("sort"));
        var filter = await query.ToFilterAsync(new QueryCollection(pairs), customFields, ct);
        if (filter.IsSuccess || filter.Error!.FieldErrors is not { Count: > 0 } fields)
            return filter;
        // The fields are named as the request names them: inside the filter.
        return filter.Error with { FieldErrors = fields.ToDictionary(f => "filter." + f.Key, f => f.Value) };
    }
}

/// <summary>How many counterparties a batch would hold, and the most one batch may hold.</summary>
/// <param name="Total">The counterparties the caller may read that pass the filter.</param>
/// <param name="Limit">The most one batch may hold.</param>
public sealed record BatchCount(int Total, int Limit);
