using System.ComponentModel;
using System.Text.Json.Nodes;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.History;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

/// <summary>Changes to a contact person (JSON merge patch: absent fields stay).</summary>
/// <param name="FullName">Surname, name, patronymic.</param>
/// <param name="Phone">Phone in any common notation.</param>
/// <param name="Phone2">A second (mobile) phone.</param>
/// <param name="Email">E-mail address.</param>
/// <param name="Notes">Anything worth knowing.</param>
/// <param name="Consent">Consent to processing of personal data (152-ФЗ): true records it (today unless <c>consentOn</c> says), false withdraws it.</param>
/// <param name="ConsentOn">The day consent was given.</param>
/// <param name="BirthDate">Shortcut for the birthday entry of <c>importantDates</c>.</param>
/// <param name="ImportantDates">The whole list of important dates (replaces the current one).</param>
/// <param name="Version">The version the caller read (stale: 409).</param>
public sealed record ContactPatchRequest(
    string? FullName, string? Phone, string? Phone2, string? Email, string? Notes, bool? Consent, DateOnly? ConsentOn,
    DateOnly? BirthDate, IReadOnlyList<ContactDateInput>? ImportantDates, int? Version);

/// <summary>Links a person already known to Letopis to this counterparty.</summary>
/// <param name="ContactId">The person (visible to the caller through another counterparty).</param>
/// <param name="Position">Their position at this counterparty.</param>
/// <param name="IsMain">Make them this counterparty's main contact.</param>
public sealed record LinkContactRequest(Guid? ContactId, string? Position, bool? IsMain);

/// <summary>The person's place at a counterparty (merge patch).</summary>
/// <param name="Position">Position at this counterparty.</param>
/// <param name="IsMain"><c>true</c> makes them the main contact (the previous main one stops being main).</param>
public sealed record ContactLinkRequest(string? Position, bool? IsMain);

public static class ContactsEndpoints
{
    public static void MapContactsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/contacts").WithTags("Contacts").RequireAuthorization().WithProblems();
        group.MapGet("", List)
            .WithSummary("Lists contact persons")
            .WithDescription("A page of the contact persons the caller can see through a visible counterparty, ordered by name; "
                + "`q` keeps those whose full name contains the text.");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Reads a contact person's card");
        group.MapPatch("/{id:guid}", Patch).Accepts<ContactPatchRequest>("application/json", "application/merge-patch+json")
            .WithSummary("Edits a contact person (JSON merge patch)");
        group.MapGet("/{id:guid}/history", History)
            .WithSummary("Lists a contact person's field changes");
    }

    /// <summary>Maps linking, editing the link and unlinking on the counterparties group.</summary>
    public static void MapCounterpartyContactLinkEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/contacts/link", Link)
            .WithSummary("Links an existing contact person to a counterparty");
        group.MapPatch("/{id:guid}/contacts/{contactId:guid}", PatchLink).Accepts<ContactLinkRequest>("application/json", "application/merge-patch+json")
            .WithSummary("Edits a contact person's position or main flag at a counterparty");
        group.MapDelete("/{id:guid}/contacts/{contactId:guid}", Unlink)
            .WithSummary("Unlinks a contact person from a counterparty");
    }

    internal static async Task<Ok<PageOf<ContactSearchItem>>> List(
        [Description("Part of the full name, any case.")] string? q,
        [Description("Page number, from 1.")] int? page,
        [Description("Items per page (default 50, at most 500).")] int? pageSize,
        CurrentActor actor, ManageContacts handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.ListAsync(await actor.AccessAsync(ct), q, PageRequest.From(page, pageSize), ct));

    internal static async Task<Results<Ok<ContactCardDto>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, CurrentActor actor, ManageContacts handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.GetAsync(await actor.AccessAsync(ct), id, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<ContactCardDto>, ProblemHttpResult>> Patch(
        Guid id, JsonObject body, HttpContext http, CurrentActor actor, ManageContacts handler, ProblemWriter problems, CancellationToken ct)
    {
        var fields = new ContactFields(
            body.Field<string?>("fullName"), body.Field<string?>("phone"), body.Field<string?>("phone2"), body.Field<string?>("email"),
            body.Field<string?>("notes"), body.Field<bool?>("consent"), body.Field<DateOnly?>("consentOn"), body.Field<DateOnly?>("birthDate"),
            body.Field<List<ContactDateInput>?>("importantDates") is { HasValue: true } dates
                ? new Optional<IReadOnlyList<ContactDateInput>?>(true, dates.Value)
                : default);
        var result = await handler.UpdateAsync(await actor.AccessAsync(ct), id, fields, body.VersionField(), http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<PageOf<ChangeDto>>, ProblemHttpResult>> History(
        Guid id, int? page, int? pageSize, CurrentActor actor, ManageContacts contacts, GetHistory history, ProblemWriter problems,
        CancellationToken ct)
    {
        // A person's history is as hidden as the person.
        if (!await contacts.VisibleAsync(await actor.AccessAsync(ct), id, ct))
            return problems.Result(Error.NotFound());
        return TypedResults.Ok(await history.HandleAsync(ContactPerson.EntityKind, id, PageRequest.From(page, pageSize), ct));
    }

    internal static async Task<Results<Created<ContactDto>, ProblemHttpResult>> Link(
        Guid id, LinkContactRequest request, CurrentActor actor, ManageContacts handler, ProblemWriter problems, CancellationToken ct)
    {
        if (request.ContactId is not { } contactId)
            return problems.Result(Error.Validation(("contactId", FieldErrors.Required)));
        var result = await handler.LinkExistingAsync(await actor.AccessAsync(ct), id, contactId, request.Position, request.IsMain == true, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/contacts/{contactId}", result.Value)
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<ContactDto>, ProblemHttpResult>> PatchLink(
        Guid id, Guid contactId, JsonObject body, CurrentActor actor, ManageContacts handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.UpdateLinkAsync(await actor.AccessAsync(ct), id, contactId,
            new ContactLinkFields(body.Field<string?>("position"), body.Field<bool?>("isMain")), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Unlink(
        Guid id, Guid contactId, CurrentActor actor, ManageContacts handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.UnlinkAsync(await actor.AccessAsync(ct), id, contactId, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }
}
