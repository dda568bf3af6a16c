using System.ComponentModel;
using Letopis.Core.Approvals;
using Letopis.Core.Common;
using Letopis.Core.Documents;
using Letopis.Core.History;
using Letopis.Web.Auth;
using Letopis.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Api;

/// <summary>One approver of a stage.</summary>
/// <param name="Kind"><c>user</c>, <c>role</c> (every active member), <c>department_head</c>, <c>responsible_head</c> (the head of the document's
/// responsible person) or <c>responsible</c> (the document's responsible person).</param>
/// <param name="UserId">For <c>user</c>: an active user.</param>
/// <param name="RoleId">For <c>role</c>.</param>
/// <param name="DepartmentId">For <c>department_head</c>.</param>
public sealed record ApproverRequest(string? Kind, Guid? UserId, Guid? RoleId, Guid? DepartmentId);

/// <summary>The stage applies only when the card satisfies this.</summary>
/// <param name="Field"><c>amount</c> (the document's amount in roubles; the default).</param>
/// <param name="Operator"><c>greater</c>, <c>greater_or_equal</c>, <c>less</c> or <c>less_or_equal</c>.</param>
/// <param name="Value">The threshold in roubles, 0 or more.</param>
public sealed record StageConditionRequest(string? Field, string? Operator, decimal? Value);

/// <summary>A stage of a scheme, in the order the stages run.</summary>
/// <param name="Key">The stage's id across versions; absent for a new stage (one is made: <c>s</c> + 8 hex digits).</param>
/// <param name="Name">«Юрист»; absent: «Этап N».</param>
/// <param name="ApproverIds">Named users (the short form); errors then name <c>stages[i].approverIds[j]</c>.</param>
/// <param name="Approvers">Approver rules (the full form).</param>
/// <param name="Mode"><c>all</c> (default), <c>any</c> or <c>quorum</c> (N of M, with <c>quorum</c>).</param>
/// <param name="Quorum">For <c>quorum</c>: how many approvals complete the stage, 1 to the number of approvers.</param>
/// <param name="Days">The deadline in working days of the production calendar, 1 to 60 (default 2).</param>
/// <param name="RemindDaysBefore">Working days before the deadline the approver is reminded; 0: no reminder; less than <c>days</c> (default 1).</param>
/// <param name="NotifyOnOverdue">Users told when a task of the stage is overdue.</param>
/// <param name="NotifyApproverHead">Also tell the approver's head on overdue (default true).</param>
/// <param name="Condition">The stage applies only under this condition; absent: always.</param>
public sealed record ApprovalStageRequest(
    string? Key, string? Name, IReadOnlyList<Guid>? ApproverIds, IReadOnlyList<ApproverRequest?>? Approvers, string? Mode, int? Quorum,
    int? Days, int? RemindDaysBefore, IReadOnlyList<Guid>? NotifyOnOverdue, bool? NotifyApproverHead, StageConditionRequest? Condition);

/// <summary>A scheme for a document type: published at once as a new version unless <c>draft</c> is true.</summary>
/// <param name="DocumentTypeCode">The type's code (<c>contract</c>).</param>
/// <param name="DocumentTypeId">Or the type's id.</param>
/// <param name="Name">The scheme's name; absent: kept (a new scheme takes the type's name).</param>
/// <param name="Draft">true: save as the draft, publish nothing.</param>
/// <param name="Comment">What changed, kept with the published version.</param>
/// <param name="Rework">After a return for rework: <c>everyone</c> approves again, or <c>not_yet_approved</c> (default).</param>
/// <param name="Stages">The stages in order; at least one.</param>
/// <param name="Version">The scheme's version read (stale → 409).</param>
public sealed record ApprovalSchemeRequest(
    string? DocumentTypeCode, Guid? DocumentTypeId, string? Name, bool? Draft, string? Comment, string? Rework,
    IReadOnlyList<ApprovalStageRequest?>? Stages, int? Version);

/// <summary>The whole draft of a scheme.</summary>
/// <param name="Name">The scheme's name; absent: kept.</param>
/// <param name="Rework"><c>everyone</c> or <c>not_yet_approved</c> (default).</param>
/// <param name="Stages">The stages in order; at least one.</param>
/// <param name="Version">The scheme's version read (stale → 409).</param>
public sealed record ApprovalDraftRequest(string? Name, string? Rework, IReadOnlyList<ApprovalStageRequest?>? Stages, int? Version);

/// <summary>Publishing the draft.</summary>
/// <param name="Comment">What changed, shown in the list of versions.</param>
/// <param name="Version">The scheme's version read (stale → 409).</param>
public sealed record PublishApprovalSchemeRequest(string? Comment, int? Version);

public static class ApprovalSchemesEndpoints
{
    public static void MapApprovalSchemesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/approval-schemes").WithTags("Approval schemes").RequireAuthorization().WithProblems();
        group.MapGet("", List)
            .WithSummary("Lists approval schemes with their versions and drafts");
        group.MapPost("", Post).Accepts<ApprovalSchemeRequest>("application/json")
            .WithSummary("Saves a document type's approval scheme and publishes it as a new version")
            .WithDescription("201 `{id, version, draft, scheme}`: `version` is the newest published version. Posting again for the same type "
                + "publishes the next version; with `\"draft\": true` the stages become the draft and nothing is published. "
                + "A bad stage → 400 naming the field (`stages[1].approvers`). Needs the approval right.");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Reads an approval scheme");
        group.MapPut("/{id:guid}/draft", SaveDraft).Accepts<ApprovalDraftRequest>("application/json")
            .ProducesProblem(412)
            .WithSummary("Replaces the draft of an approval scheme");
        group.MapDelete("/{id:guid}/draft", DiscardDraft)
            .WithSummary("Discards the draft of an approval scheme");
        group.MapPost("/{id:guid}/publish", Publish).Accepts<PublishApprovalSchemeRequest>("application/json")
            .ProducesProblem(412)
            .WithSummary("Publishes the draft as a new read-only version")
            .WithDescription("No draft → 409 `approval_no_draft`. Running routes keep their version.");
        group.MapGet("/{id:guid}/versions/{number:int}", GetVersion)
            .WithSummary("Reads a published version of an approval scheme");
        group.MapGet("/{id:guid}/compare", Compare)
            .WithSummary("Compares two published versions stage by stage");
        group.MapGet("/{id:guid}/history", History)
            .WithSummary("Lists an approval scheme's changes (name, published version, publication comments)");

        app.MapGet("/api/v1/document-types/{code}/approval-scheme", ForType)
            .WithTags("Approval schemes").RequireAuthorization().ProducesProblem(404)
            .WithSummary("Reads the approval scheme of a document type (by code or id)");
    }

    internal static async Task<Ok<PageOf<ApprovalSchemeDto>>> List(CurrentActor actor, ManageApprovalSchemes handler, CancellationToken ct)
    {
        var items = await handler.ListAsync(await actor.AccessAsync(ct), ct);
        return TypedResults.Ok(new PageOf<ApprovalSchemeDto>(items, items.Count, 1, Math.Max(1, items.Count)));
    }

    internal static async Task<Results<Ok<ApprovalSchemeDto>, ProblemHttpResult>> Get(
        [Description("The scheme's id.")] Guid id, HttpContext http, CurrentActor actor, ManageApprovalSchemes handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.GetAsync(await actor.AccessAsync(ct), id, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<ApprovalSchemeDto>, ProblemHttpResult>> ForType(
        [Description("The document type's code (contract) or id.")] string code, HttpContext http, CurrentActor actor, ManageApprovalSchemes handler,
        ProblemWriter problems, CancellationToken ct)
    {
        var access = await actor.AccessAsync(ct);
        var result = Guid.TryParse(code, out var typeId)
            ? await handler.ForTypeAsync(access, typeId, ct)
            : await handler.ForTypeAsync(access, code, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        if (result.Value is not { } scheme)
            return problems.Result(Error.NotFound());
        http.Response.SetETag(scheme.Version);
        return TypedResults.Ok(scheme);
    }

    internal static async Task<Results<Created<ApprovalSchemeSavedDto>, ProblemHttpResult>> Post(
        ApprovalSchemeRequest request, HttpContext http, CurrentActor actor, ManageApprovalSchemes handler, ProblemWriter problems,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var access = await actor.AccessAsync(ct);
        if (!ManageApprovalSchemes.CanManage(access))
            return problems.Result(Error.Forbidden());
        Guid typeId;
        if (request.DocumentTypeId is { } id)
            typeId = id;
        else if (string.IsNullOrWhiteSpace(request.DocumentTypeCode))
            return problems.Result(Error.Validation(("documentTypeCode", FieldErrors.Required)));
        else if (await handler.TypeIdAsync(request.DocumentTypeCode, ct) is { } found)
            typeId = found;
        else
            return problems.Result(Error.Validation(("documentTypeCode", FieldErrors.NotFound)));

        var (definition, shortForm, inputError) = Definition(request.Stages, request.Rework, text);
        if (inputError is not null)
            return problems.Result(inputError);
        var draft = request.Draft == true;
        var result = await handler.SaveAsync(access, typeId, request.Name, definition, publish: !draft, request.Comment, request.Version, http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(Rename(result.Error!, shortForm, request.DocumentTypeId is null));
        var scheme = result.Value;
        http.Response.SetETag(scheme.Version);
        return TypedResults.Created($"/api/v1/approval-schemes/{scheme.Id}", new ApprovalSchemeSavedDto(scheme.Id, scheme.PublishedVersion, draft, scheme));
    }

    internal static async Task<Results<Ok<ApprovalSchemeDto>, ProblemHttpResult>> SaveDraft(
        [Description("The scheme's id.")] Guid id, ApprovalDraftRequest request, HttpContext http, CurrentActor actor, ManageApprovalSchemes handler,
        ProblemWriter problems, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var access = await actor.AccessAsync(ct);
        var current = await handler.GetAsync(access, id, ct);
        if (!current.IsSuccess)
            return problems.Result(current.Error!);
        var (definition, shortForm, inputError) = Definition(request.Stages, request.Rework, text);
        if (inputError is not null)
            return problems.Result(inputError);
        var result = await handler.SaveAsync(
            access, current.Value.DocumentTypeId, request.Name, definition, publish: false, null, request.Version, http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(Rename(result.Error!, shortForm, false));
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<ApprovalSchemeDto>, ProblemHttpResult>> Publish(
        [Description("The scheme's id.")] Guid id, PublishApprovalSchemeRequest? request, HttpContext http, CurrentActor actor, ManageApprovalSchemes handler,
        ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.PublishAsync(await actor.AccessAsync(ct), id, request?.Comment, request?.Version, http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<ApprovalSchemeDto>, ProblemHttpResult>> DiscardDraft(
        [Description("The scheme's id.")] Guid id, HttpContext http, CurrentActor actor, ManageApprovalSchemes handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.DiscardDraftAsync(await actor.AccessAsync(ct), id, http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<ApprovalSchemeVersionDto>, ProblemHttpResult>> GetVersion(
        [Description("The scheme's id.")] Guid id, [Description("The version's number, from 1.")] int number, CurrentActor actor,
        ManageApprovalSchemes handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.GetVersionAsync(await actor.AccessAsync(ct), id, number, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<ApprovalSchemeComparisonDto>, ProblemHttpResult>> Compare(
        [Description("The scheme's id.")] Guid id,
        [Description("The version on the left (the older one, usually).")] int? left,
        [Description("The version on the right.")] int? right,
        CurrentActor actor, ManageApprovalSchemes handler, ProblemWriter problems, CancellationToken ct)
    {
        if (left is null || right is null)
            return problems.Result(Error.Validation([.. new[] { ("left", left), ("right", right) }.Where(p => p.Item2 is null).Select(p => (p.Item1, FieldErrors.Required))]));
        var result = await handler.CompareAsync(await actor.AccessAsync(ct), id, left.Value, right.Value, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<PageOf<ChangeDto>>, ProblemHttpResult>> History(
        [Description("The scheme's id.")] Guid id, [Description("Page number, from 1.")] int? page, [Description("Page size, at most 500.")] int? pageSize,
        CurrentActor actor, ManageApprovalSchemes handler, GetHistory history, ProblemWriter problems, CancellationToken ct)
    {
        if (!(await handler.GetAsync(await actor.AccessAsync(ct), id, ct)).IsSuccess)
            return problems.Result(Error.NotFound());
        return TypedResults.Ok(await history.HandleAsync(ApprovalScheme.AuditKind, id, PageRequest.From(page, pageSize), ct));
    }

    /// <summary>
    /// The request's stages as the handler takes them, with the defaults of the short form (a name «Этап N», 2 days,
    /// a reminder a day before). <c>ShortForm</c> lists the stages given as <c>approverIds</c>, whose errors are renamed.
    /// </summary>
    private static (ApprovalDefinitionDto Definition, HashSet<int> ShortForm, Error? Error) Definition(
        IReadOnlyList<ApprovalStageRequest?>? stages, string? rework, IStringLocalizer<SharedResource> text)
    {
        var shortForm = new HashSet<int>();
        var errors = new List<(string, string)>();
        var result = new List<ApprovalStageDto>();
        for (var i = 0; i < (stages?.Count ?? 0); i++)
        {
            var s = stages![i];
            if (s is null)
            {
                errors.Add(($"stages[{i}]", FieldErrors.Required));
                continue;
            }
            var approvers = (s.Approvers ?? []).Select(a => a is null ? null! : new ApproverRuleDto(a.Kind ?? "", a.UserId, a.RoleId, a.DepartmentId, null)).ToList();
            if (s.Approvers is null && s.ApproverIds is not null)
                shortForm.Add(i);
            approvers.AddRange((s.ApproverIds ?? []).Select(u => new ApproverRuleDto("user", u, null, null, null)));
            var days = s.Days ?? 2;
            StageConditionDto? condition = null;
            if (s.Condition is { } c)
            {
                if (c.Value is not { } value)
                    errors.Add(($"stages[{i}].condition.value", FieldErrors.Required));
                else
                    condition = new StageConditionDto(c.Field ?? "amount", c.Operator ?? "", value);
            }
            result.Add(new ApprovalStageDto(
                s.Key ?? "", s.Name ?? text["approvals.scheme.stageNumber", i + 1].Value, approvers, s.Mode ?? "all", s.Quorum, days,
                s.RemindDaysBefore ?? (days > 1 ? 1 : 0),
                (s.NotifyOnOverdue ?? []).Select(u => new DocumentPersonDto(u, "")).ToList(), s.NotifyApproverHead ?? true, condition));
        }
        var definition = new ApprovalDefinitionDto(result, rework ?? "");
        return (definition, shortForm, errors.Count > 0 ? Error.Validation([.. errors]) : null);
    }

    /// <summary>Errors of a stage given as <c>approverIds</c> name that field, not the rules it became.</summary>
    private static Error Rename(Error error, HashSet<int> shortForm, bool byCode)
    {
        if (error.FieldErrors is not { Count: > 0 } fields)
            return error;
        var renamed = new Dictionary<string, string[]>();
        foreach (var (field, codes) in fields)
        {
            var name = field;
            if (byCode && field == "documentTypeId")
                name = "documentTypeCode";
            foreach (var i in shortForm)
            {
                var prefix = $"stages[{i}].approvers";
                if (name == prefix)
                    name = $"stages[{i}].approverIds";
                else if (name.StartsWith(prefix + "[", StringComparison.Ordinal))
                {
                    var end = name.IndexOf(']', prefix.Length);
                    name = $"stages[{i}].approverIds" + name[prefix.Length..(end + 1)];
                }
            }
            renamed[name] = renamed.TryGetValue(name, out var existing) ? [.. existing, .. codes] : codes;
        }
        return error with { FieldErrors = renamed };
    }
}
