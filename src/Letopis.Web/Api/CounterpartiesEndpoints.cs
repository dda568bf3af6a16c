using System.ComponentModel;
using System.Text.Json.Nodes;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.CustomFields;
using Letopis.Core.History;
using Letopis.Web.Auth;
using Letopis.Web.Components.Shared;
using Letopis.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Api;

/// <summary>A new counterparty (also the shape of a merge patch: absent fields stay unchanged).</summary>
/// <param name="Kind"><c>company</c> (default), <c>entrepreneur</c> or <c>person</c>.</param>
/// <param name="Name">Short name as people say it: «СтройГрад».</param>
/// <param name="FullName">Full legal name: ООО «СтройГрад».</param>
/// <param name="Inn">ИНН: 10 digits for a company, 12 for a person; checksum verified.</param>
/// <param name="Kpp">КПП, 9 characters.</param>
/// <param name="Ogrn">ОГРН (13 digits) or ОГРНИП (15 digits); checksum verified.</param>
/// <param name="Phone">Any common notation; stored in E.164, Russia assumed without a country code.</param>
/// <param name="Fax">Fax number, like the phone.</param>
/// <param name="Email">E-mail address.</param>
/// <param name="Website">Web site.</param>
/// <param name="LegalAddress">Legal address.</param>
/// <param name="RegionId">Entry of the <c>regions</c> reference book.</param>
/// <param name="CategoryId">Entry of the <c>categories</c> reference book.</param>
/// <param name="GroupId">Entry of the <c>groups</c> reference book.</param>
/// <param name="ActivityTypeId">Entry of the <c>activity-types</c> reference book.</param>
/// <param name="AdSourceId">Entry of the <c>ad-sources</c> reference book.</param>
/// <param name="ResponsibleId">Responsible manager; defaults to the caller.</param>
/// <param name="Tags">Free labels, at most 20 of up to 50 characters; a patch replaces the whole set (<c>[]</c> clears it).</param>
/// <param name="ActualAddress">Actual address (office, site), up to 1000 characters.</param>
/// <param name="PostalAddress">Postal address for letters, up to 1000 characters.</param>
public sealed record CounterpartyRequest(
    string? Kind, string? Name, string? FullName, string? Inn, string? Kpp, string? Ogrn, string? Phone, string? Fax,
    string? Email, string? Website, string? LegalAddress, Guid? RegionId, Guid? CategoryId, Guid? GroupId,
    Guid? ActivityTypeId, Guid? AdSourceId, Guid? ResponsibleId, IReadOnlyList<string>? Tags,
    string? ActualAddress = null, string? PostalAddress = null)
{
    /// <summary>Custom field values by code (see <c>/api/v1/custom-fields</c>); in a patch, null clears a code and absent codes stay.</summary>
    public IReadOnlyDictionary<string, object?>? CustomFields { get; init; }
}

/// <summary>A timeline entry: <c>title</c> is worded in the caller's language, <c>text</c> is the note or detail.</summary>
/// <param name="Id">The entry.</param>
/// <param name="At">When it happened.</param>
/// <param name="Kind">What happened (<c>note</c>, <c>document_file</c>, <c>activity_done</c>…).</param>
/// <param name="Title">The entry in the caller's language.</param>
/// <param name="Text">The note, or the detail the kind carries.</param>
/// <param name="UserId">Who did it; null for the system.</param>
/// <param name="UserName">Their name; null for the system.</param>
/// <param name="OnBehalfOfName">The absent colleague a deputy acted for.</param>
/// <param name="EntityKind">The kind of record the entry is about (<c>document</c>, <c>activity</c>, <c>contact</c>).</param>
/// <param name="EntityId">That record.</param>
/// <param name="Link">The page of the record the entry is about (<c>/documents/{id}</c>, <c>/activities/{id}</c>,
/// <c>/contacts/{id}</c>); null for the card's own changes and notes.</param>
/// <param name="Filter">The filter the entry belongs to: <c>calls</c>, <c>notes</c>, <c>documents</c> or <c>changes</c>.</param>
/// <param name="Count">With <c>group=true</c>: how many consecutive entries of this kind about this record the line stands for (1 otherwise).</param>
/// <param name="Entries">With <c>group=true</c> and <c>count</c> above 1: the collapsed entries, newest first (this line is the first of them).</param>
public sealed record TimelineEntryResponse(
    Guid Id, DateTime At, string Kind, string Title, string? Text, Guid? UserId, string? UserName,
    string? OnBehalfOfName, string? EntityKind, Guid? EntityId,
    string? Link = null, string? Filter = null, int Count = 1, IReadOnlyList<TimelineEntryResponse>? Entries = null);

/// <summary>A note for the counterparty's timeline.</summary>
/// <param name="Text">Where things stand, what was agreed, what is expected.</param>
public sealed record AddNoteRequest(string? Text);

public static class CounterpartiesEndpoints
{
    public static void MapCounterpartiesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/counterparties").WithTags("Counterparties").RequireAuthorization().WithProblems();
        group.MapGet("", List)
            .WithSummary("Lists counterparties by filter");
        group.MapPost("", Create).Accepts<CounterpartyRequest>("application/json")
            .WithSummary("Creates a counterparty");
        group.MapGet("/duplicates", Duplicates)
            .WithSummary("Finds counterparties that may duplicate the given name, ИНН, phone or e-mail");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Reads a counterparty's card");
        group.MapPatch("/{id:guid}", Patch).Accepts<CounterpartyRequest>("application/json", "application/merge-patch+json")
            .WithSummary("Edits a counterparty (JSON merge patch)");
        group.MapGet("/{id:guid}/history", History)
            .WithSummary("Lists a counterparty's field changes");
        group.MapGet("/{id:guid}/timeline", TimelineOf)
            .WithSummary("Lists a counterparty's timeline, newest first");
        group.MapPost("/{id:guid}/notes", AddNote)
            .WithSummary("Adds a note to a counterparty's timeline");
        group.MapGet("/{id:guid}/contacts", Contacts)
            .WithSummary("Lists a counterparty's contact persons");
        group.MapPost("/{id:guid}/contacts", AddContact)
            .WithSummary("Adds a new contact person to a counterparty");
        // Bank accounts, contact links and merging live in their own files.
        group.MapBankAccountEndpoints();
        group.MapCounterpartyContactLinkEndpoints();
        group.MapMergeEndpoint();
    }

    private static CounterpartyFields Fields(JsonObject body) => FieldsWithoutCustom(body) with { CustomFields = body.CustomFields() };

    private static CounterpartyFields FieldsWithoutCustom(JsonObject body) => new(
        body.Field<string?>("kind"), body.Field<string?>("name"), body.Field<string?>("fullName"), body.Field<string?>("inn"),
        body.Field<string?>("kpp"), body.Field<string?>("ogrn"), body.Field<string?>("phone"), body.Field<string?>("fax"),
        body.Field<string?>("email"), body.Field<string?>("website"), body.Field<string?>("legalAddress"),
        body.Field<Guid?>("regionId"), body.Field<Guid?>("categoryId"), body.Field<Guid?>("groupId"),
        body.Field<Guid?>("activityTypeId"), body.Field<Guid?>("adSourceId"), body.Field<Guid?>("responsibleId"),
        body.Field<string?>("actualAddress"), body.Field<string?>("postalAddress"))
    {
        Tags = body.Field<IReadOnlyList<string?>?>("tags"),
    };

    internal static async Task<Results<Ok<PageOf<CounterpartyDto>>, ProblemHttpResult>> List(
        [AsParameters] CounterpartyListQuery query, int? page, int? pageSize, HttpContext http, CustomFieldFilter customFields,
        CurrentActor actor, ListCounterparties handler, ProblemWriter problems, CancellationToken ct)
    {
        var filter = await query.ToFilterAsync(http.Request.Query, customFields, ct);
        if (!filter.IsSuccess)
            return problems.Result(filter.Error!);
        return TypedResults.Ok(await handler.HandleAsync(await actor.AccessAsync(ct), filter.Value, PageRequest.From(page, pageSize), ct));
    }

    internal static async Task<Results<Ok<CounterpartyDto>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, CurrentActor actor, ListCounterparties handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.GetAsync(await actor.AccessAsync(ct), id, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    /// <summary>
    /// A card with the ИНН (and the КПП, when given) of an existing one is refused: 409 <c>duplicate_inn</c>
    /// listing the visible ones in <c>duplicates</c> (<c>hidden</c>: others exist that the caller may not see),
    /// unless <c>confirmDuplicate=true</c>. With <c>checkDuplicates=true</c> a card like a visible existing one
    /// (ИНН, phone, e-mail or name) is refused too: 409 <c>duplicates_found</c> listing them.
    /// </summary>
    internal static async Task<Results<Created<CounterpartyDto>, ProblemHttpResult>> Create(
        JsonObject body,
        [Description("true: refuse with 409 and the likely duplicates when the name, ИНН, phone or e-mail match an existing card.")] bool? checkDuplicates,
        [Description("true: create the card even though a card with the same ИНН (and КПП) exists.")] bool? confirmDuplicate,
        CurrentActor actor, CreateCounterparty handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), Fields(body), checkDuplicates == true, confirmDuplicate == true, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/counterparties/{result.Value.Id}", result.Value)
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<CounterpartyDto>, ProblemHttpResult>> Patch(
        Guid id, JsonObject body, HttpContext http, CurrentActor actor, UpdateCounterparty handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, Fields(body), body.VersionField(), http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<PageOf<ChangeDto>>, ProblemHttpResult>> History(
        Guid id, int? page, int? pageSize, CurrentActor actor, ListCounterparties cards, GetHistory history, ProblemWriter problems, CancellationToken ct)
    {
        // The history of a hidden card is as hidden as the card.
        if (!(await cards.GetAsync(await actor.AccessAsync(ct), id, ct)).IsSuccess)
            return problems.Result(Error.NotFound());
        return TypedResults.Ok(await history.HandleAsync(Counterparty.EntityKind, id, PageRequest.From(page, pageSize), ct));
    }

    internal static async Task<Results<Ok<PageOf<ContactDto>>, ProblemHttpResult>> Contacts(
        Guid id, CurrentActor actor, ManageContacts handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ListAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess
            ? TypedResults.Ok(new PageOf<ContactDto>(result.Value, result.Value.Count, 1, Math.Max(1, result.Value.Count)))
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Created<ContactDto>, ProblemHttpResult>> AddContact(
        Guid id, AddContactRequest request, CurrentActor actor, ManageContacts handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.AddAsync(await actor.AccessAsync(ct), id, request, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/counterparties/{id}/contacts/{result.Value.Id}", result.Value)
            : problems.Result(result.Error!);
    }

    private static TimelineEntryResponse Entry(IStringLocalizer<SharedResource> text, TimelineItemDto i) =>
        new(i.Id, i.At, i.Kind, TimelineText.Title(text, i), i.Text, i.UserId, i.UserName, i.OnBehalfOfName, i.EntityKind, i.EntityId,
            TimelineLines.Link(i), TimelineFilters.Of(i.Kind));

    /// <summary>
    /// A page of the timeline, newest first. <c>kind</c> keeps only some entries (comma-separated:
    /// <c>calls</c>, <c>notes</c>, <c>documents</c>, <c>changes</c>). With <c>group=true</c>, consecutive
    /// entries of the same kind about the same record within the page come as one item with
    /// <c>count</c> and <c>entries</c>; <c>page</c>, <c>pageSize</c> and <c>total</c> still count entries.
    /// </summary>
    internal static async Task<Results<Ok<PageOf<TimelineEntryResponse>>, ProblemHttpResult>> TimelineOf(
        Guid id, int? page, int? pageSize,
        [Description("Only these kinds, comma-separated: calls, notes, documents, changes.")] string? kind,
        [Description("true: consecutive entries of one kind about one record come as one entry with count and entries.")] bool? group,
        CurrentActor actor, ReadTimeline handler, IStringLocalizer<SharedResource> text,
        ProblemWriter problems, CancellationToken ct)
    {
        var kinds = TimelineFilters.Parse(kind);
        if (!kinds.IsSuccess)
            return problems.Result(kinds.Error!);
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, PageRequest.From(page, pageSize), kinds.Value, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        var p = result.Value;
        var items = group == true
            ? TimelineLines.Collapse(p.Items).Select(line => line.Count == 1
                ? Entry(text, line.Latest)
                : Entry(text, line.Latest) with { Count = line.Count, Entries = line.Items.Select(i => Entry(text, i)).ToList() }).ToList()
            : p.Items.Select(i => Entry(text, i)).ToList();
        return TypedResults.Ok(new PageOf<TimelineEntryResponse>(items, p.Total, p.Page, p.PageSize));
    }

    internal static async Task<Results<Created<TimelineEntryResponse>, ProblemHttpResult>> AddNote(
        Guid id, AddNoteRequest request, CurrentActor actor, ReadTimeline handler, IStringLocalizer<SharedResource> text,
        ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.AddNoteAsync(await actor.AccessAsync(ct), id, request.Text, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/counterparties/{id}/timeline", Entry(text, result.Value))
            : problems.Result(result.Error!);
    }

    internal static async Task<Ok<List<DuplicateDto>>> Duplicates(
        [Description("Name to compare.")] string? name, [Description("ИНН to compare.")] string? inn, [Description("Phone to compare, in any notation.")] string? phone, [Description("E-mail to compare.")] string? email, CurrentActor actor, FindDuplicates handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(await actor.AccessAsync(ct), name, inn, phone, email, ct));
}
