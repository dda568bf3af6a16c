using Letopis.Core.Documents;

namespace Letopis.Core.Correspondence;

// ---- Requests ----

/// <summary>One assignment of a new resolution.</summary>
/// <param name="ExecutorId">The lead executor («ответственный исполнитель»), an active user.</param>
/// <param name="CoExecutorIds">Co-executors («соисполнители»), active users.</param>
/// <param name="Text">What is to be done.</param>
/// <param name="DueOn">Due date (<c>YYYY-MM-DD</c>), today or later in the company's days.</param>
/// <param name="ControllerId">Set: the assignment is «на контроле» and this user accepts or returns its report.</param>
public sealed record AssignmentRequest(Guid? ExecutorId, IReadOnlyList<Guid>? CoExecutorIds, string? Text, DateOnly? DueOn, Guid? ControllerId);

/// <summary>A resolution («резолюция») on a letter: an optional text and one or more assignments.</summary>
public sealed record WriteResolutionRequest(string? Text, IReadOnlyList<AssignmentRequest>? Assignments);

/// <summary>An executor's report on an assignment («отчёт об исполнении»).</summary>
public sealed record AssignmentReportRequest(string? Text);

/// <summary>The controller's verdict: accept (comment optional) or return for rework (comment required).</summary>
/// <param name="Comment">Why it is returned; a note on acceptance.</param>
/// <param name="Version">The assignment's version as last read; a stale one gets 409.</param>
public sealed record AssignmentReviewRequest(string? Comment, int? Version = null);

/// <summary>An executor asks for a later due date («перенос срока»).</summary>
public sealed record AssignmentExtensionRequest(DateOnly? DueOn, string? Reason);

/// <summary>The controller's (or, not on control, the author's) answer to a request for a later date.</summary>
public sealed record AssignmentExtensionDecisionRequest(bool? Approve, string? Comment);

/// <summary>Records that an outgoing letter was sent.</summary>
/// <param name="SentOn">The day it was sent; today by default.</param>
/// <param name="DeliveryMethod"><c>post</c>, <c>courier</c>, <c>email</c>, <c>by_hand</c> or <c>edo</c>; the card's when absent.</param>
/// <param name="TrackingNumber">The post's or the courier's tracking number.</param>
public sealed record SendLetterRequest(DateOnly? SentOn, string? DeliveryMethod, string? TrackingNumber);

/// <summary>Filters of the assignments list; every one optional.</summary>
/// <param name="Mine">Where the caller is an executor (lead or co-executor).</param>
/// <param name="Controlled">Where the caller is the controller.</param>
/// <param name="Overdue">Open or reported past the due date.</param>
/// <param name="Status"><c>open</c>, <c>reported</c>, <c>done</c>, <c>cancelled</c>, or several separated by commas; open and reported by default.</param>
/// <param name="DocumentId">The assignments of one letter.</param>
public sealed record AssignmentQuery(bool Mine = false, bool Controlled = false, bool Overdue = false, string? Status = null, Guid? DocumentId = null);

// ---- Responses ----

/// <summary>A file attached to a report: a version of a file of the letter.</summary>
public sealed record AssignmentFileDto(Guid FileId, Guid FileVersionId, int Version, string Name, long Size);

/// <summary>
/// A report with the controller's verdict. <c>Outcome</c>: <c>accepted</c>, <c>returned</c>, or null while it waits
/// (or when the assignment was not on control).
/// </summary>
public sealed record AssignmentReportDto(
    Guid Id, DocumentPersonDto? Author, string Text, DateTime At, string? Outcome, string? ReviewComment, DateTime? ReviewedAt,
    DocumentPersonDto? ReviewedBy, IReadOnlyList<AssignmentFileDto> Files);

/// <summary>
/// An assignment as the letter's card and the assignment page show it.
/// <c>Status</c>: <c>open</c>, <c>reported</c>, <c>done</c>, <c>cancelled</c>; <c>Closure</c>: <c>accepted</c>, <c>reported</c>, <c>reply</c>.
/// <c>Actions</c>: what the caller may do now — <c>report</c>, <c>attach</c>, <c>accept</c>, <c>return</c>, <c>request_extension</c>,
/// <c>decide_extension</c>, <c>cancel</c>.
/// </summary>
public sealed record AssignmentDto(
    Guid Id, Guid DocumentId, string? DocumentNumber, string DocumentTitle, Guid ResolutionId, int Number, string Text,
    DocumentPersonDto Executor, IReadOnlyList<DocumentPersonDto> CoExecutors, DocumentPersonDto? Controller, DocumentPersonDto? Author,
    DateOnly DueOn, bool Overdue, string Status, string? Closure, DateTime? ClosedAt, DocumentPersonDto? ClosedBy,
    Guid? ReplyDocumentId, string? ReplyDocumentNumber, DateOnly? ExtensionRequestedTo, string? ExtensionReason,
    IReadOnlyList<AssignmentReportDto> Reports, IReadOnlyList<string> Actions, DateTime CreatedAt, int Version);

/// <summary>A resolution with its assignments, in order.</summary>
public sealed record ResolutionDto(
    Guid Id, Guid DocumentId, DocumentPersonDto? Author, string? Text, DateTime CreatedAt, IReadOnlyList<AssignmentDto> Assignments);

/// <summary>A line of the assignments list («Поручения»). <c>Lead</c>: the caller is the lead executor.</summary>
public sealed record AssignmentListItemDto(
    Guid Id, Guid DocumentId, string? DocumentNumber, string DocumentTitle, string? CounterpartyName, int Number, string Text,
    DocumentPersonDto Executor, int CoExecutorCount, DocumentPersonDto? Controller, bool Lead, DateOnly DueOn, bool Overdue, string Status,
    DateOnly? ExtensionRequestedTo, int Version);

/// <summary>The badge numbers of «Поручения»: open (and reported) as executor, and as controller, with how many are overdue.</summary>
/// <param name="Waiting">Reports waiting for the caller's verdict, and requests for a later date waiting for the caller's decision.</param>
public sealed record AssignmentCountsDto(int Mine, int MineOverdue, int Controlled, int ControlledOverdue, int Waiting);

/// <summary>A letter on the secretary's desk.</summary>
/// <param name="NearestDueOn">The earliest due date of its open assignments.</param>
/// <param name="OpenAssignments">How many of its assignments are open or reported.</param>
public sealed record DeskLetterDto(
    Guid Id, string? Number, DateOnly RegisteredOn, string TypeCode, string Title, string? CounterpartyName,
    string? IncomingNumber, DateOnly? IncomingDate, DocumentPersonDto? Addressee, DateOnly? NearestDueOn, int OpenAssignments, bool Overdue);

/// <summary>One list of the desk: how many letters are in it, and the first of them.</summary>
public sealed record DeskListDto(int Count, IReadOnlyList<DeskLetterDto> Items);

/// <summary>
/// «Канцелярия»: incoming letters awaiting registration (no sender's number or date, or no scan), awaiting a
/// resolution, awaiting a reply (assignments open and no reply sent); outgoing letters awaiting sending.
/// </summary>
public sealed record CorrespondenceDeskDto(
    DeskListDto AwaitingRegistration, DeskListDto AwaitingResolution, DeskListDto AwaitingReply, DeskListDto AwaitingSending);
