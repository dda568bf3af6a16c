using Letopis.Core.Documents;

namespace Letopis.Core.Approvals;

// ---- Schemes ----

/// <summary>An approver rule as the API spells it: <c>kind</c> is <c>user</c>, <c>role</c>, <c>department_head</c>, <c>responsible_head</c> or <c>responsible</c>.</summary>
public sealed record ApproverRuleDto(string Kind, Guid? UserId, Guid? RoleId, Guid? DepartmentId, string? Name);

/// <summary>A stage condition: <c>field</c> <c>amount</c>, <c>operator</c> <c>greater</c>, <c>greater_or_equal</c>, <c>less</c>, <c>less_or_equal</c>.</summary>
public sealed record StageConditionDto(string Field, string Operator, decimal Value);

/// <summary>A stage as the API and the editor see it. <c>mode</c>: <c>all</c>, <c>any</c>, <c>quorum</c>.</summary>
public sealed record ApprovalStageDto(
    string Key, string Name, IReadOnlyList<ApproverRuleDto> Approvers, string Mode, int? Quorum, int Days,
    int RemindDaysBefore, IReadOnlyList<DocumentPersonDto> NotifyOnOverdue, bool NotifyApproverHead, StageConditionDto? Condition);

/// <summary>A scheme's content. <c>rework</c>: <c>everyone</c> or <c>not_yet_approved</c>.</summary>
public sealed record ApprovalDefinitionDto(IReadOnlyList<ApprovalStageDto> Stages, string Rework);

public sealed record ApprovalSchemeVersionSummaryDto(Guid Id, int Number, DateTimeOffset PublishedAt, DocumentPersonDto? PublishedBy, string? Comment, int RunningRoutes);

/// <summary>A scheme with its draft (null when nothing is edited beyond the newest version) and its versions, newest first.</summary>
public sealed record ApprovalSchemeDto(
    Guid Id, Guid DocumentTypeId, string DocumentTypeCode, string DocumentTypeName, string Name,
    int PublishedVersion, ApprovalDefinitionDto? Published, ApprovalDefinitionDto? Draft, DateTimeOffset? DraftUpdatedAt,
    IReadOnlyList<ApprovalSchemeVersionSummaryDto> Versions, int Version);

public sealed record ApprovalSchemeVersionDto(Guid Id, Guid SchemeId, int Number, DateTimeOffset PublishedAt, DocumentPersonDto? PublishedBy, string? Comment, ApprovalDefinitionDto Definition);

// ---- Routes and tasks ----

/// <summary>A file version an approver saw when deciding.</summary>
public sealed record ApprovalFileDto(Guid FileVersionId, string Name, int Version, string Sha256);

/// <summary>
/// One approver's task. <c>status</c>: <c>pending</c>, <c>approved</c>, <c>rejected</c>, <c>rework</c>, <c>closed</c>.
/// <c>Overdue</c>: pending past its deadline, or decided after it.
/// </summary>
public sealed record ApprovalTaskDto(
    Guid Id, Guid RouteId, Guid StageId, int Round, string Status,
    DocumentPersonDto? Assignee, DocumentPersonDto? OriginalAssignee, bool AssigneeInactive, string? Unresolved,
    DateTimeOffset ReceivedAt, DateTimeOffset DueAt, bool Overdue,
    DateTimeOffset? DecidedAt, DocumentPersonDto? DecidedBy, DocumentPersonDto? OnBehalfOf,
    string? Comment, string? DelayReason, DocumentPersonDto? DelegatedBy, string? DelegationComment,
    IReadOnlyList<ApprovalFileDto> Files, int Version);

/// <summary>A stage of a route. <c>status</c>: <c>pending</c>, <c>active</c>, <c>approved</c>, <c>rejected</c>, <c>returned</c>, <c>skipped</c>, <c>stopped</c>.</summary>
public sealed record ApprovalRouteStageDto(
    Guid Id, int Index, string Key, string Name, string Mode, int Required, int Days, string Status,
    DateTimeOffset? StartedAt, DateTimeOffset? DueAt, DateTimeOffset? FinishedAt, IReadOnlyList<ApprovalTaskDto> Tasks);

/// <summary>
/// A route as the card shows it. <c>status</c>: <c>running</c>, <c>rework</c>, <c>approved</c>, <c>rejected</c>,
/// <c>withdrawn</c>, <c>cancelled</c>. <c>NewestVersion</c> is the scheme's newest published version.
/// </summary>
public sealed record ApprovalRouteDto(
    Guid Id, Guid DocumentId, Guid SchemeId, string SchemeName, int SchemeVersion, int NewestVersion,
    string Status, int CurrentStage, int Round, DateTimeOffset StartedAt, DocumentPersonDto StartedBy,
    DateTimeOffset? FinishedAt, string? Outcome, IReadOnlyList<ApprovalRouteStageDto> Stages, int Version);

/// <summary>A pending task in «На согласовании»; <c>OnBehalfOf</c> is set when the caller sees it as a deputy.</summary>
public sealed record ApprovalInboxItemDto(
    Guid TaskId, Guid RouteId, Guid DocumentId, string DocumentTitle, string? DocumentNumber, string TypeName,
    Guid? CounterpartyId, string? CounterpartyName, string StageName, DocumentPersonDto Author,
    DateTimeOffset ReceivedAt, DateTimeOffset DueAt, bool Overdue, DocumentPersonDto? OnBehalfOf, int Version);

/// <summary>Starting a route: an optional word to the approvers.</summary>
public sealed record StartApprovalRequest(string? Comment);

/// <summary>A decision: <c>approve</c>, <c>reject</c> or <c>rework</c>; a comment is required for anything but approve, and a delay reason for an overdue task.</summary>
public sealed record ApprovalDecisionRequest(string? Decision, string? Comment, string? DelayReason, int? Version);

/// <summary>Handing a task to someone else (delegation by the approver, reassignment by a user with the right).</summary>
public sealed record PassApprovalTaskRequest(Guid? UserId, string? Comment);

/// <summary>Resubmitting after rework, or withdrawing / cancelling a route, with an optional or required comment.</summary>
public sealed record ApprovalRouteCommentRequest(string? Comment);

// ---- Control ----

/// <summary>How one running route would land on the newest version: <c>CanMove</c> false names why (<c>Problem</c>).</summary>
public sealed record RouteMovePreviewDto(
    Guid RouteId, Guid DocumentId, string DocumentTitle, string? DocumentNumber, int FromVersion, int ToVersion,
    string? FromStage, string? ToStage, IReadOnlyList<string> CarriedOver, bool CanMove, string? Problem);

public sealed record MoveRoutesRequest(IReadOnlyList<Guid>? RouteIds, int? ToVersion);

public sealed record MoveRoutesResultDto(IReadOnlyList<Guid> Moved, IReadOnlyList<RouteMovePreviewDto> LeftAlone);

/// <summary>An overdue approval for a head: pending past its deadline, or decided late with its reason.</summary>
public sealed record OverdueApprovalDto(
    Guid TaskId, Guid DocumentId, string DocumentTitle, string? DocumentNumber, string StageName,
    DocumentPersonDto? Assignee, string? DepartmentName, DateTimeOffset DueAt, DateTimeOffset? DecidedAt,
    double OverdueDays, string? DelayReason);

/// <summary>Average approval time (received → decided) in hours, with how many decisions it is over.</summary>
public sealed record ApprovalTimeDto(string Name, Guid? Id, int Decisions, double AverageHours, int Late);

public sealed record ApprovalStatisticsDto(IReadOnlyList<ApprovalTimeDto> ByStage, IReadOnlyList<ApprovalTimeDto> ByApprover, DateOnly From, DateOnly To);
