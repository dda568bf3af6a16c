using System.ComponentModel;
using System.Text.Json.Nodes;
using Letopis.Core.Common;
using Letopis.Core.CustomFields;
using Letopis.Core.History;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

/// <summary>The custom field values of a contact person (merge patch: null clears a code, absent codes stay).</summary>
/// <param name="CustomFields">Values by field code.</param>
/// <param name="Version">The contact's version as last read; a stale one gets 409.</param>
public sealed record ContactCustomFieldsRequest(IReadOnlyDictionary<string, JsonNode?>? CustomFields, int? Version);

public static class CustomFieldsEndpoints
{
    public static void MapCustomFieldsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/custom-fields").WithTags("Custom fields").RequireAuthorization().WithProblems();
        group.MapGet("", List)
            .WithSummary("Lists custom field definitions");
        group.MapPost("", Create)
            .WithSummary("Creates a custom field");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Reads a custom field definition");
        group.MapPatch("/{id:guid}", Patch).Accepts<CustomFieldPatchRequest>("application/json", "application/merge-patch+json")
            .WithSummary("Edits a custom field definition (JSON merge patch)");
        group.MapDelete("/{id:guid}", Delete)
            .WithSummary("Deletes a custom field");
        group.MapGet("/{id:guid}/history", History)
            .WithSummary("Lists a custom field's changes");

        var contacts = app.MapGroup("/api/v1/contacts").WithTags("Custom fields").RequireAuthorization().WithProblems();
        contacts.MapPatch("/{id:guid}/custom-fields", PatchContact)
            .WithSummary("Sets a contact person's custom field values (JSON merge patch)");
    }

    internal static async Task<Ok<PageOf<CustomFieldDto>>> List(
        [Description("Only fields of this entity: lead, contact, company, deal or document.")] string? entity, [Description("true: only archived fields; false: only active ones; absent: all.")] bool? archived, ManageCustomFields handler, CancellationToken ct)
    {
        var items = await handler.ListAsync(entity, archived, ct);
        return TypedResults.Ok(new PageOf<CustomFieldDto>(items, items.Count, 1, Math.Max(1, items.Count)));
    }

    internal static async Task<Results<Ok<CustomFieldDto>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, ManageCustomFields handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.GetAsync(id, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Created<CustomFieldDto>, ProblemHttpResult>> Create(
        CreateCustomFieldRequest request, CurrentActor actor, ManageCustomFields handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.CreateAsync(await actor.AccessAsync(ct), request, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/custom-fields/{result.Value.Id}", result.Value)
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<CustomFieldDto>, ProblemHttpResult>> Patch(
        Guid id, JsonObject body, HttpContext http, CurrentActor actor, ManageCustomFields handler, ProblemWriter problems, CancellationToken ct)
    {
        var patch = new CustomFieldPatch(
            body.Field<string?>("label"), body.Field<bool?>("required"), body.Field<IReadOnlyList<string>?>("options"),
            body.Field<int?>("order"), body.Field<bool?>("archived"));
        var result = await handler.UpdateAsync(await actor.AccessAsync(ct), id, patch, body.VersionField(), http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, CurrentActor actor, ManageCustomFields handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.DeleteAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<PageOf<ChangeDto>>, ProblemHttpResult>> History(
        Guid id, int? page, int? pageSize, ManageCustomFields handler, GetHistory history, ProblemWriter problems, CancellationToken ct)
    {
        if (!(await handler.GetAsync(id, ct)).IsSuccess)
            return problems.Result(Error.NotFound());
        return TypedResults.Ok(await history.HandleAsync(CustomField.EntityKind, id, PageRequest.From(page, pageSize), ct));
    }

    internal static async Task<Results<Ok<IReadOnlyDictionary<string, object?>>, ProblemHttpResult>> PatchContact(
        Guid id, ContactCustomFieldsRequest request, CurrentActor actor, UpdateContactCustomFields handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, request.CustomFields, request.Version, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }
}

/// <summary>The editable parts of a custom field (merge patch). Entity, code, type and <c>multiple</c> never change.</summary>
/// <param name="Label">The name people see.</param>
/// <param name="Required">Whether new records must fill it in.</param>
/// <param name="Options">The full new list of options; removing an option still in use gets 409 <c>custom_field_option_in_use</c>.</param>
/// <param name="Order">Position on forms.</param>
/// <param name="Archived">Hide from forms and filters, keeping the values.</param>
/// <param name="Version">The version as last read.</param>
public sealed record CustomFieldPatchRequest(string? Label, bool? Required, IReadOnlyList<string>? Options, int? Order, bool? Archived, int? Version);
