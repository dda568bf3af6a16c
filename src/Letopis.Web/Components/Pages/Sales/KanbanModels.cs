namespace Letopis.Web.Components.Pages.Sales;

/// <summary>A column of a <see cref="KanbanBoard"/>: one stage with its count and, for deals, its sum.</summary>
/// <param name="StageId">The stage the column shows.</param>
/// <param name="Name">The stage's name in its header.</param>
/// <param name="Color">The header's colour as <c>#rrggbb</c>.</param>
/// <param name="Count">How many records stand in the stage under the viewer's scope and filters.</param>
/// <param name="AmountMinor">Their sum in kopecks; null hides the sum (leads).</param>
public sealed record KanbanColumn(Guid StageId, string Name, string? Color, long Count, long? AmountMinor = null);

/// <summary>A card of a <see cref="KanbanBoard"/>.</summary>
/// <param name="Id">The record's id.</param>
/// <param name="StageId">The stage it stands in when loaded.</param>
/// <param name="Title">Its title, a link to <paramref name="Href"/>.</param>
/// <param name="Href">The record's card.</param>
/// <param name="Lines">Secondary lines: the client, the responsible person, the date.</param>
/// <param name="AmountMinor">The amount in kopecks, shown and moved with the card between column sums.</param>
/// <param name="Currency">ISO code of <paramref name="AmountMinor"/>.</param>
/// <param name="Badge">A short mark («Повторный»).</param>
public sealed record KanbanCard(
    Guid Id, Guid StageId, string Title, string Href, IReadOnlyList<string> Lines,
    long? AmountMinor = null, string Currency = "RUB", string? Badge = null);

/// <summary>A card dropped onto another column; the page decides whether the move stands.</summary>
public sealed record KanbanMove(Guid CardId, Guid FromStageId, Guid ToStageId);

/// <summary>
/// The page's answer to a <see cref="KanbanMove"/>: accepted, or refused with a message (the card
/// goes back and the message is shown), or cancelled by the user in a dialog (the card goes back quietly).
/// </summary>
public sealed record KanbanMoveResult(bool Accepted, string? Message)
{
    public static KanbanMoveResult Ok { get; } = new(true, null);

    public static KanbanMoveResult Cancelled { get; } = new(false, null);

    public static KanbanMoveResult Refused(string message) => new(false, message);
}

/// <summary>A step of a <see cref="StageBar"/>.</summary>
public sealed record StageBarItem(Guid Id, string Name, string? Color, Letopis.Core.Deals.StageSemantic Semantic)
{
    /// <summary>Won, lost or the lead's outcome: a stage that closes the record.</summary>
    public bool IsEnd => Semantic != Letopis.Core.Deals.StageSemantic.Open;
}

/// <summary>What the outcome dialog did: junk, or converted with what was created and the card to go to.</summary>
public sealed record LeadOutcome(bool Converted, Letopis.Core.Leads.Conversion.ConversionResult? Created, string? Target);
