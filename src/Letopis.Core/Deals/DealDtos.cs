using System.Text.Json.Nodes;
using Letopis.Core.Common;

namespace Letopis.Core.Deals;

/// <summary>A record named by its id and name (a pipeline, a company, a lead, a reference entry, a user).</summary>
public sealed record NamedRef(Guid Id, string Name);

/// <summary>The stage a deal stands in.</summary>
/// <param name="Semantic"><c>open</c>, <c>won</c> or <c>lost</c>.</param>
public sealed record DealStageRef(Guid Id, string Name, string Semantic, string? Color);

/// <summary>A contact person of a deal, the main one first.</summary>
public sealed record DealContactDto(Guid Id, string FullName, string? Phone, string? Email);

/// <summary>A line item with its sums.</summary>
/// <param name="Quantity">Up to three decimals.</param>
/// <param name="Price">The price of one unit with VAT.</param>
/// <param name="VatRate">Percent; null: without VAT.</param>
/// <param name="Amount">Quantity × price, rounded half away from zero to the kopeck.</param>
/// <param name="VatAmount">The VAT included in the amount.</param>
public sealed record DealItemDto(Guid Id, string Name, decimal Quantity, string? Unit, decimal Price, int? VatRate, decimal Amount, decimal VatAmount);

/// <summary>A line item as a form or the API gives it.</summary>
public sealed record DealItemInput(string? Name, decimal? Quantity, string? Unit, decimal? Price, int? VatRate);

/// <summary>A deal's card.</summary>
/// <param name="Amount">With VAT; the sum of the items when there are any.</param>
/// <param name="VatAmount">The VAT of the items (0 without items).</param>
/// <param name="Lead">The lead it was converted from, when the caller may see it.</param>
public sealed record DealDto(
    Guid Id, string Title, decimal Amount, string Currency, decimal VatAmount,
    NamedRef Pipeline, DealStageRef Stage, Guid? CompanyId, NamedRef? Company,
    IReadOnlyList<Guid> ContactIds, IReadOnlyList<DealContactDto> Contacts, IReadOnlyList<DealItemDto> Items,
    DateOnly? ExpectedCloseOn, Guid? ResponsibleId, NamedRef? Responsible, Guid? SourceId, NamedRef? Source,
    Guid? LostReasonId, NamedRef? LostReason, string? LostComment, string? Comment, NamedRef? Lead,
    DateTime StageChangedAt, DateTime? ClosedAt, DateTime CreatedAt, Guid? CreatedById,
    IReadOnlyDictionary<string, object?> CustomFields, int Version);

/// <summary>A deal in a list or on a board's card.</summary>
public sealed record DealCardDto(
    Guid Id, string Title, decimal Amount, string Currency, Guid PipelineId, Guid StageId,
    NamedRef? Company, NamedRef? Responsible, DateOnly? ExpectedCloseOn, DateTime CreatedAt, DateTime? ClosedAt);

/// <summary>A column of a board: its stage, the count and sum of all the deals in it the caller may see, and the first cards.</summary>
public sealed record DealBoardColumnDto(StageDto Stage, long Count, decimal Amount, IReadOnlyList<DealCardDto> Cards);

/// <summary>A pipeline's board.</summary>
public sealed record DealBoardDto(PipelineDto Pipeline, IReadOnlyList<DealBoardColumnDto> Columns);

/// <summary>
/// The fields of a new deal, or a merge patch of one (absent fields stay as they are). Set only what
/// you change: <c>new DealFields { Title = "Поставка", PipelineId = id }</c>.
/// </summary>
public sealed record DealFields
{
    public Optional<string?> Title { get; init; }

    /// <summary>Only on creation: a deal changes pipeline through <see cref="MoveDeal"/>.</summary>
    public Optional<Guid?> PipelineId { get; init; }

    /// <summary>Only on creation: a deal changes stage through <see cref="MoveDeal"/>.</summary>
    public Optional<Guid?> StageId { get; init; }

    public Optional<Guid?> CompanyId { get; init; }

    public Optional<IReadOnlyList<Guid>?> ContactIds { get; init; }

    /// <summary>In roubles (two decimals); refused when the deal has items (their sum is the amount).</summary>
    public Optional<decimal?> Amount { get; init; }

    public Optional<string?> Currency { get; init; }

    public Optional<DateOnly?> ExpectedCloseOn { get; init; }

    public Optional<Guid?> ResponsibleId { get; init; }

    public Optional<Guid?> SourceId { get; init; }

    public Optional<string?> Comment { get; init; }

    /// <summary>Replaces all the items (an empty list removes them).</summary>
    public Optional<IReadOnlyList<DealItemInput?>?> Items { get; init; }

    /// <summary>Custom field values by code; null clears a code, absent codes stay.</summary>
    public IReadOnlyDictionary<string, JsonNode?>? CustomFields { get; init; }
}

/// <summary>Where a deal goes.</summary>
/// <param name="StageId">The target stage.</param>
/// <param name="PipelineId">Another pipeline to move to; the stage must be one of its own.</param>
/// <param name="LostReasonId">A <c>lost-reasons</c> entry; required by a lost stage.</param>
/// <param name="LostComment">Free words on why it was lost.</param>
public sealed record MoveDealRequest(Guid? StageId, Guid? PipelineId = null, Guid? LostReasonId = null, string? LostComment = null);

/// <summary>The filter of a deals list.</summary>
/// <param name="Status"><c>open</c>, <c>won</c> or <c>lost</c>.</param>
/// <param name="Mine">Only the caller's deals.</param>
/// <param name="Q">Text in the title.</param>
public sealed record DealFilter(
    Guid? PipelineId = null, Guid? StageId = null, string? Status = null, Guid? ResponsibleId = null,
    bool Mine = false, Guid? CompanyId = null, string? Q = null);
