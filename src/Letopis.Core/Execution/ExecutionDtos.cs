namespace Letopis.Core.Execution;

/// <summary>A new control point of a contract's plan, or the whole point on update.</summary>
/// <param name="Kind"><c>stage</c>, <c>delivery</c>, <c>payment</c>, <c>act</c>, <c>work_order</c> or <c>schedule</c>.</param>
/// <param name="Title">What is due: «Этап 1. Проектирование», «Аванс 30 %».</param>
/// <param name="DueOn">The control date, <c>YYYY-MM-DD</c>; not before the contract starts (valid from, else signed by us).</param>
/// <param name="Amount">The planned amount (a payment's sum, a stage's value) in the contract's currency; kopecks exactly.</param>
/// <param name="ResponsibleId">Who answers for the point; the contract's responsible person by default.</param>
/// <param name="ActRequired">Once done, the point expects an act of completed work (stages: true by default).</param>
/// <param name="Note">Anything worth knowing.</param>
/// <param name="Version">On update: the point's version as last read; a stale one gets 409.</param>
public sealed record ControlPointRequest(
    string? Kind, string? Title, DateOnly? DueOn, decimal? Amount, Guid? ResponsibleId, bool? ActRequired, string? Note, int? Version = null);

/// <summary>A control point as the contract's plan, the settlement and the department view show it.</summary>
/// <param name="Kind"><c>stage</c>, <c>delivery</c>, <c>payment</c>, <c>act</c>, <c>work_order</c>, <c>schedule</c>.</param>
/// <param name="Status"><c>open</c>, <c>done</c> or <c>cancelled</c>.</param>
/// <param name="Amount">Planned amount; null when the point carries no sum.</param>
/// <param name="Paid">Sum of the payments recorded against it.</param>
/// <param name="Acted">Amount of the act or invoice that closes it.</param>
/// <param name="Left">Planned minus paid (negative after an over-payment); null without a planned amount.</param>
/// <param name="Overdue">Open and its control date is before the company's today.</param>
/// <param name="LacksAct">Done, expects an act and none is linked yet.</param>
/// <param name="DocumentNumber">The contract's registration number (lists across contracts).</param>
/// <param name="DocumentTitle">The contract's title (lists across contracts).</param>
public sealed record ControlPointDto(
    Guid Id, Guid DocumentId, string? DocumentNumber, string? DocumentTitle, Guid? CounterpartyId, string? CounterpartyName,
    string Kind, string Title, DateOnly DueOn, decimal? Amount, decimal Paid, decimal Acted, decimal? Left, string Currency,
    Guid? ResponsibleId, string? ResponsibleName, Guid? DepartmentId, string Status, DateOnly? DoneOn, bool Overdue,
    bool ActRequired, bool LacksAct, Guid? ClosingDocumentId, string? ClosingDocumentNumber, string? ClosingDocumentTitle,
    string? MissReason, string? Note, int Order, int Version);

/// <summary>Marks a point done.</summary>
/// <param name="DoneOn">When it was done (the company's today by default; not in the future).</param>
/// <param name="ClosingDocumentId">The act or invoice that closes it, from the contract's tree.</param>
/// <param name="Version">The point's version as last read; a stale one gets 409.</param>
public sealed record CompleteControlPointRequest(DateOnly? DoneOn, Guid? ClosingDocumentId, int? Version = null);

/// <summary>Links the act or invoice that closes a point; its amount becomes the point's acted amount.</summary>
/// <param name="ClosingDocumentId">A document of the contract's tree (an act, an invoice); null unlinks.</param>
public sealed record LinkClosingDocumentRequest(Guid? ClosingDocumentId);

/// <summary>Why a control date was missed («причина срыва срока»).</summary>
/// <param name="Reason">The reason; empty clears it.</param>
public sealed record MissReasonRequest(string? Reason);

/// <summary>Copies another document's plan (a schedule, another contract) into this one.</summary>
/// <param name="FromDocumentId">The document whose points are copied (one the caller may read).</param>
/// <param name="ShiftDays">Days added to every control date (may be negative); 0 by default.</param>
public sealed record CopyControlPlanRequest(Guid? FromDocumentId, int? ShiftDays);

/// <summary>An actual payment against a planned one.</summary>
/// <param name="Amount">Paid amount, more than zero; kopecks exactly.</param>
/// <param name="PaidOn">Payment date, <c>YYYY-MM-DD</c> (today by default).</param>
/// <param name="Note">Payment order number and the like.</param>
/// <param name="Confirm">true: record it even when it is more than is left of the plan (an over-payment).</param>
public sealed record PaymentRequest(decimal? Amount, DateOnly? PaidOn, string? Note, bool? Confirm);

/// <summary>A recorded payment.</summary>
public sealed record ControlPaymentDto(
    Guid Id, Guid ControlPointId, Guid DocumentId, decimal Amount, string Currency, DateOnly PaidOn, string? Note,
    DateTime CreatedAt, Guid? CreatedById, string? CreatedByName);

/// <summary>«Взаиморасчёты» of one contract: planned vs paid vs acted, the balance, what is overdue, which done stages lack an act.</summary>
/// <param name="Balance">Planned minus paid.</param>
public sealed record SettlementDto(
    Guid DocumentId, string? Number, string Title, decimal Planned, decimal Paid, decimal Acted, decimal Balance, string Currency,
    IReadOnlyList<ControlPointDto> Overdue, IReadOnlyList<ControlPointDto> StagesWithoutAct);

/// <summary>One contract's line of a counterparty's settlement.</summary>
public sealed record ContractSettlementDto(
    Guid DocumentId, string? Number, string Title, decimal Planned, decimal Paid, decimal Acted, decimal Balance, string Currency,
    int OverdueCount);

/// <summary>«Взаиморасчёты» with a counterparty: the totals over its contracts, each contract's line, the overdue points.</summary>
/// <param name="Currency">The currency of the totals: contracts in another currency are listed but not added up.</param>
/// <param name="OverdueCount">Overdue points over all its contracts.</param>
/// <param name="Overdue">The earliest overdue points (at most 100).</param>
/// <param name="StagesWithoutAct">Done points that still lack an act (at most 100).</param>
public sealed record CounterpartySettlementDto(
    Guid CounterpartyId, string CounterpartyName, decimal Planned, decimal Paid, decimal Acted, decimal Balance, string Currency,
    int OverdueCount, IReadOnlyList<ContractSettlementDto> Contracts, IReadOnlyList<ControlPointDto> Overdue,
    IReadOnlyList<ControlPointDto> StagesWithoutAct);

/// <summary>A filter of the control points across contracts (the department view).</summary>
/// <param name="Overdue">true: open points past their date only.</param>
/// <param name="DepartmentId">Points whose responsible person is in this department or below.</param>
/// <param name="ResponsibleId">Points of this person.</param>
/// <param name="CounterpartyId">Points of this counterparty's contracts.</param>
/// <param name="Status"><c>open</c>, <c>done</c> or <c>cancelled</c>.</param>
public sealed record ControlPointQuery(bool? Overdue, Guid? DepartmentId, Guid? ResponsibleId, Guid? CounterpartyId, string? Status);

/// <summary>A reminder rule on control dates, of a document type or of one contract.</summary>
/// <param name="PointKind">Only points of this kind (<c>stage</c>, <c>payment</c>, …); absent: every kind.</param>
/// <param name="DaysBefore">Working days before the control date (0: on the day), at 09:00 company time.</param>
/// <param name="NotifyResponsible">Remind the point's responsible person.</param>
/// <param name="RoleId">Remind every active member of this role (a group).</param>
/// <param name="DepartmentId">Remind every active member of this department.</param>
/// <param name="UserId">Remind this person.</param>
public sealed record ControlReminderRuleRequest(
    string? PointKind, int? DaysBefore, bool? NotifyResponsible, Guid? RoleId, Guid? DepartmentId, Guid? UserId);

/// <summary>A reminder rule as listed.</summary>
public sealed record ControlReminderRuleDto(
    Guid Id, Guid? DocumentTypeId, string? DocumentTypeCode, Guid? DocumentId, string? PointKind, int DaysBefore,
    bool NotifyResponsible, Guid? RoleId, string? RoleName, Guid? DepartmentId, string? DepartmentName, Guid? UserId, string? UserName);

/// <summary>An exported workbook.</summary>
public sealed record SettlementFile(string FileName, byte[] Content);

/// <summary>How many points of the filter one responsible person has (the department view's counts).</summary>
public sealed record ControlPointCountDto(Guid? ResponsibleId, string? ResponsibleName, Guid? DepartmentId, string? DepartmentName, int Count);
