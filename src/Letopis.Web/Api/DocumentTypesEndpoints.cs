using System.ComponentModel;
using System.Text.Json.Nodes;
using Letopis.Core.Common;
using Letopis.Core.Documents;
using Letopis.Core.History;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

/// <summary>A document type (also the shape of a merge patch: absent fields stay unchanged).</summary>
/// <param name="Code">Latin identifier (<c>contract</c>, <c>work-order</c>), unique, never changes.</param>
/// <param name="Name">The name people see: «Договор».</param>
/// <param name="Kind"><c>contract</c>, <c>appendix</c>, <c>supplementary_agreement</c>, <c>act</c>, <c>invoice</c>, <c>work_order</c>, <c>schedule</c>,
/// <c>incoming_letter</c>, <c>outgoing_letter</c>, <c>internal_memo</c>, <c>protocol</c> or <c>other</c> (default).</param>
/// <param name="JournalId">The registration journal; documents of a type without one get no number.</param>
/// <param name="NumberPattern">Instead of <c>journalId</c> on create: a journal of the type's own with this pattern
/// (<c>Д-{yyyy}-{n:0000}</c>; tokens <c>{n}</c>, <c>{n:000}</c>, <c>{yyyy}</c>, <c>{yy}</c>, <c>{MM}</c>, <c>{parent}</c>, <c>{type}</c>).
/// On a patch: the pattern of the type's journal.</param>
/// <param name="CounterReset">With <c>numberPattern</c>: <c>never</c>, <c>yearly</c> or <c>per_parent</c>; guessed from the pattern when absent.</param>
/// <param name="AllowedParentTypeIds">Types whose documents may be parents of this one (empty: top level only).</param>
/// <param name="ExpectedChildTypeIds">Accounting documents a document of this type expects (a contract: acts and invoices).</param>
/// <param name="FieldSettings">Optional card field → <c>hidden</c>, <c>shown</c> or <c>required</c>; a patch replaces the whole map.</param>
/// <param name="CustomFieldSettings">Document custom field code → <c>hidden</c>, <c>shown</c> or <c>required</c> on documents of this type;
/// a field not named is used as defined (shown; required when the field is). A patch replaces the whole map; an unknown code → 400
/// <c>errors["customFieldSettings.&lt;code&gt;"]</c>.</param>
/// <param name="DefaultResponsibleId">Responsible for new documents of this type unless the registration names someone.</param>
/// <param name="Archived">No new documents of an archived type.</param>
/// <param name="Order">Position in lists.</param>
/// <param name="Gender">The grammatical gender of the name in Russian — <c>masculine</c>, <c>feminine</c> or <c>neuter</c> — which
/// statuses agree with («Накладная подписана»); absent or null: the usual one of the kind (an appendix is neuter, others masculine).</param>
public sealed record DocumentTypeRequest(
    string? Code, string? Name, string? Kind, Guid? JournalId, string? NumberPattern, string? CounterReset,
    IReadOnlyList<Guid>? AllowedParentTypeIds, IReadOnlyList<Guid>? ExpectedChildTypeIds, IReadOnlyDictionary<string, string>? FieldSettings,
    IReadOnlyDictionary<string, string>? CustomFieldSettings, Guid? DefaultResponsibleId, bool? Archived, int? Order, string? Gender = null);

/// <summary>A registration journal (also the shape of a merge patch).</summary>
/// <param name="Name">«Договоры».</param>
/// <param name="Pattern">Number pattern, e.g. <c>Д-{yyyy}-{n:0000}</c>; an unknown token → 400 <c>errors.pattern</c>.</param>
/// <param name="CounterReset"><c>never</c>, <c>yearly</c> (the pattern must hold the year) or <c>per_parent</c> (it must hold <c>{parent}</c>).</param>
/// <param name="Archived">Archived journals are not offered to new types.</param>
public sealed record JournalRequest(string? Name, string? Pattern, string? CounterReset, bool? Archived);

public static class DocumentTypesEndpoints
{
    public static void MapDocumentTypesEndpoints(this IEndpointRouteBuilder app)
    {
        var types = app.MapGroup("/api/v1/document-types").WithTags("Document types").RequireAuthorization().WithProblems();
        types.MapGet("", ListTypes)
            .WithSummary("Lists document types");
        types.MapPost("", CreateType).Accepts<DocumentTypeRequest>("application/json")
            .WithSummary("Creates a document type");
        types.MapGet("/{id:guid}", GetDocumentType)
            .WithSummary("Reads a document type");
        types.MapPatch("/{id:guid}", PatchType).Accepts<DocumentTypeRequest>("application/json", "application/merge-patch+json")
            .WithSummary("Edits a document type (JSON merge patch)");
        types.MapGet("/{id:guid}/history", TypeHistory)
            .WithSummary("Lists a document type's changes");

        var journals = app.MapGroup("/api/v1/journals").WithTags("Document types").RequireAuthorization().WithProblems();
        journals.MapGet("", ListJournals)
            .WithSummary("Lists registration journals");
        journals.MapPost("", CreateJournal).Accepts<JournalRequest>("application/json")
            .WithSummary("Creates a registration journal");
        journals.MapGet("/{id:guid}", GetJournal)
            .WithSummary("Reads a registration journal");
        journals.MapPatch("/{id:guid}", PatchJournal).Accepts<JournalRequest>("application/json", "application/merge-patch+json")
            .WithSummary("Edits a registration journal (JSON merge patch)");
    }

    private static DocumentTypeFields TypeFields(JsonObject body) => new()
    {
        Code = body.Field<string?>("code"),
        Name = body.Field<string?>("name"),
        Kind = body.Field<string?>("kind"),
        Gender = body.Field<string?>("gender"),
        JournalId = body.Field<Guid?>("journalId"),
        NumberPattern = body.Field<string?>("numberPattern"),
        CounterReset = body.Field<string?>("counterReset"),
        AllowedParentTypeIds = body.Field<IReadOnlyList<Guid>?>("allowedParentTypeIds"),
        ExpectedChildTypeIds = body.Field<IReadOnlyList<Guid>?>("expectedChildTypeIds"),
        FieldSettings = body.Field<IReadOnlyDictionary<string, string?>?>("fieldSettings"),
        CustomFieldSettings = body.Field<IReadOnlyDictionary<string, string?>?>("customFieldSettings"),
        DefaultResponsibleId = body.Field<Guid?>("defaultResponsibleId"),
        Archived = body.Field<bool?>("archived"),
        Order = body.Field<int?>("order"),
    };

    private static JournalFields JournalFieldsOf(JsonObject body) => new()
    {
        Name = body.Field<string?>("name"),
        Pattern = body.Field<string?>("pattern"),
        CounterReset = body.Field<string?>("counterReset"),
        Archived = body.Field<bool?>("archived"),
    };

    internal static async Task<Ok<PageOf<DocumentTypeDto>>> ListTypes([Description("true: only archived types; false: only active ones; absent: all.")] bool? archived, ManageDocumentTypes handler, CancellationToken ct)
    {
        var items = await handler.ListAsync(archived, ct);
        return TypedResults.Ok(new PageOf<DocumentTypeDto>(items, items.Count, 1, Math.Max(1, items.Count)));
    }

    internal static async Task<Results<Ok<DocumentTypeDto>, ProblemHttpResult>> GetDocumentType(
        Guid id, HttpContext http, ManageDocumentTypes handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.GetAsync(id, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Created<DocumentTypeDto>, ProblemHttpResult>> CreateType(
        JsonObject body, CurrentActor actor, ManageDocumentTypes handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.CreateAsync(await actor.AccessAsync(ct), TypeFields(body), ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/document-types/{result.Value.Id}", result.Value)
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<DocumentTypeDto>, ProblemHttpResult>> PatchType(
        Guid id, JsonObject body, HttpContext http, CurrentActor actor, ManageDocumentTypes handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.UpdateAsync(await actor.AccessAsync(ct), id, TypeFields(body), body.VersionField(), http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<PageOf<ChangeDto>>, ProblemHttpResult>> TypeHistory(
        Guid id, int? page, int? pageSize, ManageDocumentTypes handler, GetHistory history, ProblemWriter problems, CancellationToken ct)
    {
        if (!(await handler.GetAsync(id, ct)).IsSuccess)
            return problems.Result(Error.NotFound());
        return TypedResults.Ok(await history.HandleAsync(DocumentType.EntityKind, id, PageRequest.From(page, pageSize), ct));
    }

    internal static async Task<Ok<PageOf<JournalDto>>> ListJournals([Description("true: only archived journals; false: only active ones; absent: all.")] bool? archived, ManageJournals handler, CancellationToken ct)
    {
        var items = await handler.ListAsync(archived, ct);
        return TypedResults.Ok(new PageOf<JournalDto>(items, items.Count, 1, Math.Max(1, items.Count)));
    }

    internal static async Task<Results<Ok<JournalDto>, ProblemHttpResult>> GetJournal(
        Guid id, HttpContext http, ManageJournals handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.GetAsync(id, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Created<JournalDto>, ProblemHttpResult>> CreateJournal(
        JsonObject body, CurrentActor actor, ManageJournals handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.CreateAsync(await actor.AccessAsync(ct), JournalFieldsOf(body), ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/journals/{result.Value.Id}", result.Value)
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<JournalDto>, ProblemHttpResult>> PatchJournal(
        Guid id, JsonObject body, HttpContext http, CurrentActor actor, ManageJournals handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.UpdateAsync(await actor.AccessAsync(ct), id, JournalFieldsOf(body), body.VersionField(), http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }
}
