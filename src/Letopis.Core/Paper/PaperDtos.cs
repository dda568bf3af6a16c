using Letopis.Core.Documents;

namespace Letopis.Core.Paper;

// ---- Storage places ----

/// <summary>A storage place with its full path and the number of copies that belong there.</summary>
/// <param name="Path">Names from the top of the tree joined by « / ».</param>
/// <param name="CopiesCount">Copies whose place this is (lying there, or due back there).</param>
/// <param name="ChildrenCount">Places directly under this one.</param>
public sealed record StoragePlaceDto(
    Guid Id, string Name, Guid? ParentId, string Path, string? Note, int CopiesCount, int ChildrenCount, int Version);

/// <summary>A storage place as a copy names it.</summary>
public sealed record StoragePlaceRefDto(Guid Id, string Name, string Path);

/// <summary>A new storage place.</summary>
/// <param name="Name">Its name, unique among its siblings.</param>
/// <param name="ParentId">The place it lies in; none: a top-level place (an office).</param>
/// <param name="Note">Anything worth knowing.</param>
public sealed record CreateStoragePlaceRequest(string? Name, Guid? ParentId, string? Note);

/// <summary>A rename or a move of a storage place (the whole subtree follows).</summary>
/// <param name="Name">The new name.</param>
/// <param name="ParentId">The new parent; none: top level.</param>
/// <param name="Note">Anything worth knowing.</param>
/// <param name="Version">The version the caller read (stale: 409).</param>
public sealed record UpdateStoragePlaceRequest(string? Name, Guid? ParentId, string? Note, int? Version);

// ---- Copies ----

/// <summary>
/// A paper copy. <c>kind</c>: <c>original</c>, <c>copy</c>; <c>owner</c>: <c>ours</c>, <c>counterparty</c>;
/// <c>state</c>: <c>in_place</c>, <c>out</c>, <c>sent</c>; <c>sentMethod</c>: <c>post</c>, <c>courier</c>,
/// <c>email</c>, <c>by_hand</c>, <c>edo</c>. <c>Overdue</c>: out and due back before today (company calendar).
/// </summary>
public sealed record PaperCopyDto(
    Guid Id, Guid DocumentId, string? DocumentNumber, string DocumentTitle, Guid? CounterpartyId, string? CounterpartyName,
    string Kind, int Number, string Owner, string State,
    StoragePlaceRefDto? StoragePlace, DocumentPersonDto? Holder, Guid? HolderDepartmentId, string? HolderDepartmentName,
    DateTimeOffset? OutSince, DateOnly? DueBack, bool Overdue, string? Purpose,
    string? SentMethod, string? TrackingNumber, string? Note, int Version);

/// <summary>
/// «Where is the original now, and who has it»: the document's original (ours first, then the
/// counterparty's, lowest number first), or null when no original is recorded.
/// </summary>
public sealed record PaperWhereaboutsDto(
    Guid CopyId, int Number, string Owner, string State, StoragePlaceRefDto? StoragePlace, DocumentPersonDto? Holder,
    DateTimeOffset? OutSince, DateOnly? DueBack, bool Overdue, string? SentMethod, string? TrackingNumber);

/// <summary>A document's paper copies with the at-a-glance answer about its original.</summary>
public sealed record DocumentCopiesDto(Guid DocumentId, PaperWhereaboutsDto? Original, IReadOnlyList<PaperCopyDto> Copies, bool CanEdit);

/// <summary>
/// One movement. <c>kind</c>: <c>placed</c>, <c>moved</c>, <c>handed_out</c>, <c>returned</c>, <c>sent</c>, <c>received</c>.
/// On a hand-out, <c>ReturnedAt</c> is filled once the copy came back.
/// </summary>
public sealed record PaperMovementDto(
    Guid Id, Guid CopyId, string CopyKind, int CopyNumber, string Kind, DateTimeOffset At, DocumentPersonDto? By,
    DocumentPersonDto? Holder, string? Purpose, DateOnly? DueBack, DateTimeOffset? ReturnedAt,
    StoragePlaceRefDto? From, StoragePlaceRefDto? To, string? Method, string? TrackingNumber, string? Note);

/// <summary>A paper copy recorded for a document.</summary>
/// <param name="Kind"><c>original</c> or <c>copy</c>.</param>
/// <param name="StoragePlaceId">Where it lies.</param>
/// <param name="Owner"><c>ours</c> (default) or <c>counterparty</c>.</param>
/// <param name="Number">The exemplar number; the next free one when absent.</param>
/// <param name="Note">Anything worth knowing.</param>
public sealed record CreatePaperCopyRequest(string? Kind, Guid? StoragePlaceId, string? Owner = null, int? Number = null, string? Note = null);

/// <summary>Handing a copy to a colleague.</summary>
/// <param name="HolderId">The active user who takes it.</param>
/// <param name="DueBack">The day it is due back (today or later).</param>
/// <param name="Purpose">What it is taken for.</param>
/// <param name="Version">The copy's version the caller read (stale: 409).</param>
public sealed record HandOutPaperCopyRequest(Guid? HolderId, DateOnly? DueBack, string? Purpose = null, int? Version = null);

/// <summary>A copy comes back from its holder.</summary>
/// <param name="StoragePlaceId">Where it is put; its own place when absent.</param>
/// <param name="Version">The copy's version the caller read (stale: 409).</param>
public sealed record ReturnPaperCopyRequest(Guid? StoragePlaceId = null, int? Version = null);

/// <summary>A copy lying in place is moved to another place.</summary>
/// <param name="StoragePlaceId">The new place.</param>
/// <param name="Version">The copy's version the caller read (stale: 409).</param>
public sealed record MovePaperCopyRequest(Guid? StoragePlaceId, int? Version = null);

/// <summary>A copy is dispatched to the counterparty.</summary>
/// <param name="Method"><c>post</c>, <c>courier</c>, <c>email</c>, <c>by_hand</c> or <c>edo</c>.</param>
/// <param name="TrackingNumber">The post or courier tracking number.</param>
/// <param name="SentOn">The day it was sent; today when absent (not in the future).</param>
/// <param name="Version">The copy's version the caller read (stale: 409).</param>
public sealed record SendPaperCopyRequest(string? Method, string? TrackingNumber = null, DateOnly? SentOn = null, int? Version = null);

/// <summary>A sent copy comes back from the counterparty.</summary>
/// <param name="StoragePlaceId">Where it is put.</param>
/// <param name="ReceivedOn">The day it arrived; today when absent (not in the future).</param>
/// <param name="SignedByCounterparty">It comes back signed by the counterparty: the document records the day and, when its life cycle allows, becomes signed.</param>
/// <param name="Version">The copy's version the caller read (stale: 409).</param>
public sealed record ReceivePaperCopyRequest(Guid? StoragePlaceId, DateOnly? ReceivedOn = null, bool? SignedByCounterparty = null, int? Version = null);

/// <summary>A new exemplar arrives from the counterparty.</summary>
/// <param name="StoragePlaceId">Where it is put.</param>
/// <param name="Kind"><c>original</c> (default) or <c>copy</c>.</param>
/// <param name="Owner"><c>ours</c> (default: the counterparty signed our exemplar) or <c>counterparty</c>.</param>
/// <param name="ReceivedOn">The day it arrived; today when absent (not in the future).</param>
/// <param name="SignedByCounterparty">It is signed by the counterparty (default for an original).</param>
/// <param name="Method">How it came: <c>post</c>, <c>courier</c>, <c>email</c>, <c>by_hand</c> or <c>edo</c>.</param>
/// <param name="TrackingNumber">The post or courier tracking number.</param>
/// <param name="Note">Anything worth knowing.</param>
public sealed record ReceiveNewPaperCopyRequest(
    Guid? StoragePlaceId, string? Kind = null, string? Owner = null, DateOnly? ReceivedOn = null, bool? SignedByCounterparty = null,
    string? Method = null, string? TrackingNumber = null, string? Note = null);

/// <summary>Filters of the copies list.</summary>
/// <param name="Out">Only copies handed out (true) or only those not out (false).</param>
/// <param name="Overdue">Only copies out past their due date.</param>
/// <param name="HolderId">Only copies with this holder.</param>
/// <param name="DepartmentId">Only copies whose holder's department is this one or below it.</param>
/// <param name="DocumentId">Only copies of this document.</param>
public sealed record PaperCopyQuery(bool? Out = null, bool? Overdue = null, Guid? HolderId = null, Guid? DepartmentId = null, Guid? DocumentId = null);

/// <summary>Counts for the office's lists.</summary>
public sealed record PaperCopyCountsDto(int Out, int Overdue);

/// <summary>A handover act («Акт приёма-передачи») for a batch of copies.</summary>
/// <param name="CopyIds">The copies handed over (each visible to the caller; at most 500).</param>
/// <param name="ToId">Who receives them; the holder of the copies when absent.</param>
/// <param name="Format"><c>html</c> (default) or <c>pdf</c>.</param>
public sealed record HandoverActRequest(IReadOnlyList<Guid>? CopyIds, Guid? ToId = null, string? Format = null);

/// <summary>A rendered handover act.</summary>
public sealed record HandoverActFile(string FileName, string ContentType, byte[] Content);

/// <summary>Error codes of paper copies (the web layer localizes them).</summary>
public static class PaperErrors
{
    /// <summary>The copy is already handed out.</summary>
    public const string CopyOut = "copy_out";

    /// <summary>The copy lies in its place: there is nothing to return.</summary>
    public const string CopyInPlace = "copy_in_place";

    /// <summary>The copy is with the counterparty: it cannot be handed out, moved or returned.</summary>
    public const string CopySent = "copy_sent";

    /// <summary>The copy is not with the counterparty: there is nothing to receive.</summary>
    public const string CopyNotSent = "copy_not_sent";

    /// <summary>The storage place still holds copies or other places.</summary>
    public const string StoragePlaceNotEmpty = "storage_place_not_empty";

    /// <summary>Field error: the user is inactive.</summary>
    public const string Inactive = "inactive";

    /// <summary>Field error: a date before today.</summary>
    public const string InPast = "in_past";

    /// <summary>Field error: a date after today.</summary>
    public const string InFuture = "in_future";
}
