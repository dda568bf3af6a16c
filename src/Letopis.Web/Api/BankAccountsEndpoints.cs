using System.Text.Json.Nodes;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

/// <summary>A bank account of a counterparty (also the shape of a merge patch).</summary>
/// <param name="Bik">БИК, nine digits.</param>
/// <param name="BankName">Bank name.</param>
/// <param name="CorrespondentAccount">Correspondent account, 20 digits, optional; checked against the БИК.</param>
/// <param name="Account">Settlement account, 20 digits; its control digit is checked against the БИК.</param>
/// <param name="IsMain">The main account for documents; the first account is main anyway.</param>
public sealed record BankAccountRequest(string? Bik, string? BankName, string? CorrespondentAccount, string? Account, bool? IsMain);

public static class BankAccountsEndpoints
{
    /// <summary>Maps <c>/api/v1/counterparties/{id}/bank-accounts</c> on the counterparties group.</summary>
    public static void MapBankAccountEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/bank-accounts", List)
            .WithSummary("Lists a counterparty's bank accounts");
        group.MapPost("/{id:guid}/bank-accounts", Create).Accepts<BankAccountRequest>("application/json")
            .WithSummary("Adds a bank account to a counterparty");
        group.MapPatch("/{id:guid}/bank-accounts/{accountId:guid}", Patch).Accepts<BankAccountRequest>("application/json", "application/merge-patch+json")
            .WithSummary("Edits a counterparty's bank account (JSON merge patch)");
        group.MapDelete("/{id:guid}/bank-accounts/{accountId:guid}", Delete)
            .WithSummary("Deletes a counterparty's bank account");
    }

    private static BankAccountFields Fields(JsonObject body) => new(
        body.Field<string?>("bik"), body.Field<string?>("bankName"), body.Field<string?>("correspondentAccount"),
        body.Field<string?>("account"), body.Field<bool?>("isMain"));

    internal static async Task<Results<Ok<PageOf<BankAccountDto>>, ProblemHttpResult>> List(
        Guid id, CurrentActor actor, ManageBankAccounts handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ListAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess
            ? TypedResults.Ok(new PageOf<BankAccountDto>(result.Value, result.Value.Count, 1, Math.Max(1, result.Value.Count)))
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Created<BankAccountDto>, ProblemHttpResult>> Create(
        Guid id, JsonObject body, CurrentActor actor, ManageBankAccounts handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.AddAsync(await actor.AccessAsync(ct), id, Fields(body), ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/counterparties/{id}/bank-accounts/{result.Value.Id}", result.Value)
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<BankAccountDto>, ProblemHttpResult>> Patch(
        Guid id, Guid accountId, JsonObject body, HttpContext http, CurrentActor actor, ManageBankAccounts handler, ProblemWriter problems,
        CancellationToken ct)
    {
        var version = body.VersionField() ?? (http.Request.IfMatchVersion() is { } m ? m : null);
        var result = await handler.UpdateAsync(await actor.AccessAsync(ct), id, accountId, Fields(body), version, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, Guid accountId, CurrentActor actor, ManageBankAccounts handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.DeleteAsync(await actor.AccessAsync(ct), id, accountId, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }
}
