using System.Text.Json.Nodes;
using Letopis.Core.Common;

namespace Letopis.Core.Documents;

/// <summary>A document type as the API and the settings screen show it.</summary>
/// <param name="Kind"><c>contract</c>, <c>appendix</c>, <c>supplementary_agreement</c>, <c>act</c>, <c>invoice</c>, <c>work_order</c>,
/// <c>schedule</c>, <c>incoming_letter</c>, <c>outgoing_letter</c>, <c>internal_memo</c>, <c>protocol</c>, <c>other</c>.</param>
/// <param name="FieldSettings">Optional card field → <c>hidden</c>, <c>shown</c> or <c>required</c>.</param>
/// <param name="CustomFieldSettings">Every active document custom field by code → its effective <c>hidden</c>, <c>shown</c> or
/// <c>required</c> on documents of this type (a field the type does not name: as the field is defined).</param>
public sealed record DocumentTypeDto(
    Guid Id, string Code, string Name, string Kind, Guid? JournalId, string? JournalName, string? NumberPattern,
    IReadOnlyList<Guid> AllowedParentTypeIds, IReadOnlyList<string> AllowedParentTypeCodes,
    IReadOnlyList<Guid> ExpectedChildTypeIds, IReadOnlyList<string> ExpectedChildTypeCodes,
    IReadOnlyDictionary<string, string> FieldSettings, IReadOnlyDictionary<string, string> CustomFieldSettings,
    Guid? DefaultResponsibleId, string? DefaultResponsibleName, bool Archived, int Order, int Version)
{
    /// <summary><c>masculine</c>, <c>feminine</c> or <c>neuter</c>: the gender of the name in Russian, which statuses agree with.</summary>
    public string Gender { get; init; } = "masculine";
}

/// <summary>The fields of a document type as a create or merge-patch request carries them (absent: unchanged).</summary>
public sealed record DocumentTypeFields
{
    public Optional<string?> Code { get; init; }

    public Optional<string?> Name { get; init; }

    public Optional<string?> Kind { get; init; }

    /// <summary><c>masculine</c> (default), <c>feminine</c> or <c>neuter</c>.</summary>
    public Optional<string?> Gender { get; init; }

    public Optional<Guid?> JournalId { get; init; }

    /// <summary>On create without <see cref="JournalId"/>: a new journal of the type's own with this pattern. On patch: the type's journal's pattern.</summary>
    public Optional<string?> NumberPattern { get; init; }

    /// <summary>With <see cref="NumberPattern"/>: <c>never</c>, <c>yearly</c> or <c>per_parent</c>; guessed from the pattern when absent.</summary>
    public Optional<string?> CounterReset { get; init; }

    public Optional<IReadOnlyList<Guid>?> AllowedParentTypeIds { get; init; }

    public Optional<IReadOnlyList<Guid>?> ExpectedChildTypeIds { get; init; }

    public Optional<IReadOnlyDictionary<string, string?>?> FieldSettings { get; init; }

    /// <summary>Document custom field code → mode; replaces the type's settings (fields it does not name are used as defined).</summary>
    public Optional<IReadOnlyDictionary<string, string?>?> CustomFieldSettings { get; init; }

    public Optional<Guid?> DefaultResponsibleId { get; init; }

    public Optional<bool?> Archived { get; init; }

    public Optional<int?> Order { get; init; }
}

/// <summary>A registration journal.</summary>
/// <param name="CounterReset"><c>never</c>, <c>yearly</c> or <c>per_parent</c>.</param>
/// <param name="TypeCodes">The types registered in it.</param>
public sealed record JournalDto(Guid Id, string Name, string Pattern, string CounterReset, bool Archived, IReadOnlyList<string> TypeCodes, int Version);

/// <summary>The fields of a journal (create or merge patch).</summary>
public sealed record JournalFields
{
    public Optional<string?> Name { get; init; }

    public Optional<string?> Pattern { get; init; }

    public Optional<string?> CounterReset { get; init; }

    public Optional<bool?> Archived { get; init; }
}

/// <summary>The card fields of a document as a registration or merge-patch request carries them (absent: unchanged).</summary>
public sealed record DocumentFields
{
    public Optional<string?> Title { get; init; }

    public Optional<string?> Summary { get; init; }

    public Optional<DateOnly?> RegisteredOn { get; init; }

    /// <summary>The counterparty; a new document under a parent takes the parent's when this is empty.</summary>
    public Optional<Guid?> CounterpartyId { get; init; }

    /// <summary>Our legal entity; a new document under a parent takes the parent's when this is empty.</summary>
    public Optional<Guid?> OurCompanyId { get; init; }

    public Optional<Guid?> ParentId { get; init; }

    /// <summary>The deal the document belongs to (a contract, an invoice, an offer of the sale); one the caller may see.</summary>
    public Optional<Guid?> DealId { get; init; }

    public Optional<decimal?> Amount { get; init; }

    public Optional<int?> VatRate { get; init; }

    /// <summary>Absent with a rate: computed from the amount (VAT included).</summary>
    public Optional<decimal?> VatAmount { get; init; }

    public Optional<string?> Currency { get; init; }

    /// <summary>Both parties signed on this date: sets both dates below unless they are given.</summary>
    public Optional<DateOnly?> SignedOn { get; init; }

    public Optional<DateOnly?> SignedByUsOn { get; init; }

    public Optional<DateOnly?> SignedByCounterpartyOn { get; init; }

    public Optional<DateOnly?> ValidFrom { get; init; }

    public Optional<DateOnly?> ValidTo { get; init; }

    public Optional<Guid?> ResponsibleId { get; init; }

    /// <summary>The whole set of co-responsible users (replaces the old one).</summary>
    public Optional<IReadOnlyList<Guid>?> CoResponsibleIds { get; init; }

    /// <summary>Only at registration (a paper already signed is registered as <c>signed</c>); afterwards the status endpoint.</summary>
    public Optional<string?> Status { get; init; }

    public Optional<string?> IncomingNumber { get; init; }

    public Optional<DateOnly?> IncomingDate { get; init; }

    /// <summary>How a letter came or went: <c>post</c>, <c>courier</c>, <c>email</c>, <c>by_hand</c>, <c>edo</c>.</summary>
    public Optional<string?> DeliveryMethod { get; init; }

    /// <summary>Pages of a letter.</summary>
    public Optional<int?> Pages { get; init; }

    /// <summary>What came or goes with a letter («Приложения»).</summary>
    public Optional<string?> Attachments { get; init; }

    /// <summary>To whom an incoming letter is addressed (an active user); they write its resolution.</summary>
    public Optional<Guid?> AddresseeId { get; init; }

    /// <summary>An outgoing letter: the incoming letter it answers («В ответ на»), one the caller sees.</summary>
    public Optional<Guid?> ReplyToId { get; init; }

    /// <summary>An outgoing letter: the day it was sent.</summary>
    public Optional<DateOnly?> SentOn { get; init; }

    /// <summary>The post's or the courier's tracking number.</summary>
    public Optional<string?> TrackingNumber { get; init; }

    /// <summary>Custom field values by code; null clears a code, absent codes stay.</summary>
    public IReadOnlyDictionary<string, JsonNode?>? CustomFields { get; init; }
}

/// <summary>A new document: its type (by code or id) and its card fields.</summary>
public sealed record RegisterDocumentRequest(string? TypeCode, Guid? TypeId, DocumentFields Fields);

/// <summary>A user next to a document (responsible, co-responsible).</summary>
public sealed record DocumentPersonDto(Guid Id, string FullName);

/// <summary>A document as a line of a list, a parent or a child on a card.</summary>
public sealed record DocumentSummaryDto(
    Guid Id, string? Number, DateOnly RegisteredOn, string TypeCode, string TypeName, string Kind, string Title, string Status,
    decimal? Amount, string Currency)
{
    /// <summary>The gender of the type's name (<c>masculine</c>, <c>feminine</c>, <c>neuter</c>): a status agrees with it in Russian.</summary>
    public string TypeGender { get; init; } = "masculine";
}

/// <summary>A free link as seen from one document: <c>direction</c> <c>out</c> (this one links the other) or <c>in</c>.</summary>
/// <param name="Kind"><c>see_also</c> or <c>replaces</c>.</param>
public sealed record DocumentLinkDto(Guid Id, string Kind, string Direction, DocumentSummaryDto Document);

/// <summary>A file of a document with its current version.</summary>
public sealed record DocumentFileSummaryDto(
    Guid Id, string Name, int Version, long Size, string ContentType, string Sha256, DateTime UploadedAt, Guid? UploadedById);

/// <summary>The document card.</summary>
/// <param name="Status"><c>draft</c>, <c>on_approval</c>, <c>approved</c>, <c>signed</c>, <c>in_force</c>, <c>executed</c>, <c>terminated</c>, <c>rejected</c>.</param>
/// <param name="NextStatuses">The statuses a person may move the document to next (an approval route moves the others).</param>
/// <param name="SignedOn">The later of both signatures, once both parties signed.</param>
public sealed record DocumentDto(
    Guid Id, Guid TypeId, string TypeCode, string TypeName, string Kind, string? Number, DateOnly RegisteredOn, Guid? JournalId,
    string Title, string? Summary, Guid? CounterpartyId, string? CounterpartyName, Guid? OurCompanyId, string? OurCompanyName,
    Guid? ParentId, DocumentSummaryDto? Parent, Guid RootId,
    decimal? Amount, int? VatRate, decimal? VatAmount, string Currency,
    DateOnly? SignedOn, DateOnly? SignedByUsOn, DateOnly? SignedByCounterpartyOn, DateOnly? ValidFrom, DateOnly? ValidTo,
    Guid? ResponsibleId, string? ResponsibleName, IReadOnlyList<DocumentPersonDto> CoResponsible,
    string Status, IReadOnlyList<string> NextStatuses, string? IncomingNumber, DateOnly? IncomingDate,
    IReadOnlyDictionary<string, object?> CustomFields,
    IReadOnlyList<DocumentSummaryDto> Children, IReadOnlyList<DocumentLinkDto> Links, IReadOnlyList<DocumentFileSummaryDto> Files,
    DateTime CreatedAt, Guid? CreatedById, int Version)
{
    /// <summary>The gender of the type's name (<c>masculine</c>, <c>feminine</c>, <c>neuter</c>): a status agrees with it in Russian.</summary>
    public string TypeGender { get; init; } = "masculine";

    /// <summary>The deal the document belongs to.</summary>
    public Guid? DealId { get; init; }

    /// <summary>A letter's delivery method: <c>post</c>, <c>courier</c>, <c>email</c>, <c>by_hand</c>, <c>edo</c>.</summary>
    public string? DeliveryMethod { get; init; }

    /// <summary>Pages of a letter.</summary>
    public int? Pages { get; init; }

    /// <summary>What came or goes with a letter.</summary>
    public string? Attachments { get; init; }

    /// <summary>To whom an incoming letter is addressed.</summary>
    public DocumentPersonDto? Addressee { get; init; }

    public Guid? AddresseeId { get; init; }

    /// <summary>The incoming letter an outgoing one answers («В ответ на»), when the caller sees it.</summary>
    public Guid? ReplyToId { get; init; }

    public DocumentSummaryDto? ReplyTo { get; init; }

    /// <summary>The outgoing letters answering this one that the caller sees.</summary>
    public IReadOnlyList<DocumentSummaryDto> Replies { get; init; } = [];

    /// <summary>An outgoing letter: the day it was sent (null: not sent yet).</summary>
    public DateOnly? SentOn { get; init; }

    public string? TrackingNumber { get; init; }
}

/// <summary>A line of the document registry.</summary>
public sealed record DocumentListItemDto(
    Guid Id, string? Number, DateOnly RegisteredOn, Guid TypeId, string TypeCode, string TypeName, string Kind, string Title,
    Guid? CounterpartyId, string? CounterpartyName, Guid? ParentId, string Status, decimal? Amount, string Currency,
    Guid? ResponsibleId, string? ResponsibleName, int Version)
{
    /// <summary>The deal the document belongs to.</summary>
    public Guid? DealId { get; init; }

    /// <summary>The first day of validity.</summary>
    public DateOnly? ValidFrom { get; init; }

    /// <summary>The last day of validity.</summary>
    public DateOnly? ValidTo { get; init; }

    /// <summary>Our own legal entity that is a party to it.</summary>
    public Guid? OurCompanyId { get; init; }

    public string? OurCompanyName { get; init; }

    /// <summary>In a grouped page: 0 for a group's head (a contract), 1 and more for the documents under it; 0 otherwise.</summary>
    public int Depth { get; init; }

    /// <summary>The gender of the type's name (<c>masculine</c>, <c>feminine</c>, <c>neuter</c>): a status agrees with it in Russian.</summary>
    public string TypeGender { get; init; } = "masculine";
}

/// <summary>Registry filters; every one is optional.</summary>
/// <param name="Status">One status (<c>signed</c>) or several separated by commas.</param>
/// <param name="From">Registered on or after.</param>
/// <param name="To">Registered on or before.</param>
/// <param name="ExpiringWithinDays">Validity ends between today and today plus this many days (company days).</param>
/// <param name="Grouped">A page of contracts, each followed by its filtered documents (see <see cref="DocumentListItemDto.Depth"/>).</param>
public sealed record DocumentFilter(
    Guid? CounterpartyId = null, string? TypeCode = null, string? Status = null, Guid? ResponsibleId = null, string? Q = null,
    DateOnly? From = null, DateOnly? To = null, Guid? ParentId = null, int? ExpiringWithinDays = null, bool Grouped = false,
    Guid? DealId = null);

/// <summary>An accounting document type a node expects as a child, and whether one is provided (signed, in force or executed).</summary>
public sealed record ExpectedChildDto(string TypeCode, string TypeName, bool Provided);

/// <summary>A node of a document tree with the nodes under it that the caller may see.</summary>
/// <param name="Missing">The expected types not provided yet (empty when complete or nothing is expected).</param>
public sealed record DocumentTreeNode(
    Guid Id, Guid? ParentId, string? Number, DateOnly RegisteredOn, string TypeCode, string TypeName, string Kind, string Title,
    string Status, decimal? Amount, string Currency, Guid? CounterpartyId, Guid? ResponsibleId, int FilesCount,
    IReadOnlyList<ExpectedChildDto> Expected, IReadOnlyList<string> Missing, IReadOnlyList<DocumentTreeNode> Children)
{
    /// <summary>The gender of the type's name (<c>masculine</c>, <c>feminine</c>, <c>neuter</c>): a status agrees with it in Russian.</summary>
    public string TypeGender { get; init; } = "masculine";
}

/// <summary>
/// The whole tree around one document. Nodes the caller may not see are left out; a visible node
/// under a hidden one becomes a root of its own.
/// </summary>
public sealed record DocumentTreeDto(Guid FocusId, IReadOnlyList<DocumentTreeNode> Roots);

/// <summary>Every tree holding a document of one counterparty: the documents part of the combined card.</summary>
/// <param name="Total">How many visible documents the trees hold.</param>
public sealed record CounterpartyDocumentsDto(Guid CounterpartyId, IReadOnlyList<DocumentTreeNode> Roots, int Total);
