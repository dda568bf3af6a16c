using System.ComponentModel;
using System.Text.Json.Nodes;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.History;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

/// <summary>One of our legal entities (also the shape of a merge patch).</summary>
/// <param name="Name">Short name: «СтройГрад».</param>
/// <param name="FullName">Full legal name.</param>
/// <param name="Inn">ИНН, checksum verified.</param>
/// <param name="Kpp">КПП.</param>
/// <param name="Ogrn">ОГРН or ОГРНИП, checksum verified.</param>
/// <param name="Address">Legal address.</param>
/// <param name="Bik">БИК of the bank.</param>
/// <param name="BankName">Bank name.</param>
/// <param name="CorrespondentAccount">Correspondent account, checked against the БИК.</param>
/// <param name="Account">Settlement account, checked against the БИК.</param>
/// <param name="SignatoryPosition">Who signs: position.</param>
/// <param name="SignatoryName">Who signs: full name.</param>
/// <param name="IsArchived">Archived entities stay on old documents but leave pick lists.</param>
public sealed record OurCompanyRequest(
    string? Name, string? FullName, string? Inn, string? Kpp, string? Ogrn, string? Address, string? Bik, string? BankName,
    string? CorrespondentAccount, string? Account, string? SignatoryPosition, string? SignatoryName, bool? IsArchived);

public static class OurCompaniesEndpoints
{
    public static void MapOurCompaniesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/our-companies").WithTags("Our companies").RequireAuthorization().WithProblems();
        group.MapGet("", List)
            .WithSummary("Lists our companies (the legal entities documents are signed by)");
        group.MapPost("", Create).Accepts<OurCompanyRequest>("application/json")
            .WithSummary("Creates one of our companies");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Reads one of our companies");
        group.MapPatch("/{id:guid}", Patch).Accepts<OurCompanyRequest>("application/json", "application/merge-patch+json")
            .WithSummary("Edits one of our companies (JSON merge patch)");
        group.MapGet("/{id:guid}/history", History)
            .WithSummary("Lists the changes of one of our companies");
    }

    private static OurCompanyFields Fields(JsonObject b) => new(
        b.Field<string?>("name"), b.Field<string?>("fullName"), b.Field<string?>("inn"), b.Field<string?>("kpp"), b.Field<string?>("ogrn"),
        b.Field<string?>("address"), b.Field<string?>("bik"), b.Field<string?>("bankName"), b.Field<string?>("correspondentAccount"),
        b.Field<string?>("account"), b.Field<string?>("signatoryPosition"), b.Field<string?>("signatoryName"), b.Field<bool?>("isArchived"));

    internal static async Task<Ok<PageOf<OurCompanyDto>>> List([Description("Also list archived companies.")] bool? includeArchived, ManageOurCompanies handler, CancellationToken ct)
    {
        var items = await handler.ListAsync(includeArchived ?? false, ct);
        return TypedResults.Ok(new PageOf<OurCompanyDto>(items, items.Count, 1, Math.Max(1, items.Count)));
    }

    internal static async Task<Results<Ok<OurCompanyDto>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, ManageOurCompanies handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.GetAsync(id, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Created<OurCompanyDto>, ProblemHttpResult>> Create(
        JsonObject body, CurrentActor actor, ManageOurCompanies handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.CreateAsync(await actor.AccessAsync(ct), Fields(body), ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/our-companies/{result.Value.Id}", result.Value)
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<OurCompanyDto>, ProblemHttpResult>> Patch(
        Guid id, JsonObject body, HttpContext http, CurrentActor actor, ManageOurCompanies handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.UpdateAsync(await actor.AccessAsync(ct), id, Fields(body), body.VersionField(), http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<PageOf<ChangeDto>>, ProblemHttpResult>> History(
        Guid id, int? page, int? pageSize, ManageOurCompanies handler, GetHistory history, ProblemWriter problems, CancellationToken ct)
    {
        if (!(await handler.GetAsync(id, ct)).IsSuccess)
            return problems.Result(Error.NotFound());
        return TypedResults.Ok(await history.HandleAsync(OurCompany.EntityKind, id, PageRequest.From(page, pageSize), ct));
    }
}
