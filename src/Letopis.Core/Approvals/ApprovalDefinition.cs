using System.Text.Json;
using System.Text.Json.Serialization;

namespace Letopis.Core.Approvals;

/// <summary>How a stage completes: every approver, any one of them, or <see cref="ApprovalStageDefinition.Quorum"/> of them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApprovalMode>))]
public enum ApprovalMode
{
    All,
    Any,
    Quorum,
}

/// <summary>Who approves at a stage.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApproverKind>))]
public enum ApproverKind
{
    /// <summary>A named user (<see cref="ApproverRule.UserId"/>).</summary>
    User,

    /// <summary>Every active member of a role (<see cref="ApproverRule.RoleId"/>).</summary>
    Role,

    /// <summary>The head of a named department (<see cref="ApproverRule.DepartmentId"/>).</summary>
    DepartmentHead,

    /// <summary>The head of the department of the document's responsible person.</summary>
    ResponsibleHead,

    /// <summary>The document's responsible person.</summary>
    Responsible,
}

/// <summary>After a return for rework, who approves again when the author resubmits.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReworkPolicy>))]
public enum ReworkPolicy
{
    /// <summary>The route starts again from its first stage; every approval is asked again.</summary>
    Everyone,

    /// <summary>Approvals already given stand; only those who had not approved decide again.</summary>
    NotYetApproved,
}

/// <summary>A card field a stage condition compares.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConditionField>))]
public enum ConditionField
{
    /// <summary>The document's amount in roubles (with VAT).</summary>
    Amount,
}

[JsonConverter(typeof(JsonStringEnumConverter<ConditionOperator>))]
public enum ConditionOperator
{
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
}

/// <summary>One approver of a stage: a rule resolved to people when the stage starts.</summary>
public sealed record ApproverRule(ApproverKind Kind, Guid? UserId = null, Guid? RoleId = null, Guid? DepartmentId = null);

/// <summary>The stage applies only when the card satisfies this (e.g. amount above a threshold adds the director).</summary>
public sealed record StageCondition(ConditionField Field, ConditionOperator Operator, decimal Value);

/// <summary>
/// A stage of a scheme. <see cref="Key"/> names the stage across versions (it survives edits of the
/// name and order), so a running route can be moved to a newer version stage by stage.
/// </summary>
public sealed record ApprovalStageDefinition
{
    public string Key { get; init; } = "";

    public string Name { get; init; } = "";

    public IReadOnlyList<ApproverRule> Approvers { get; init; } = [];

    public ApprovalMode Mode { get; init; } = ApprovalMode.All;

    /// <summary>For <see cref="ApprovalMode.Quorum"/>: how many approvals complete the stage.</summary>
    public int? Quorum { get; init; }

    /// <summary>The deadline in working days of the production calendar from the moment the stage starts.</summary>
    public int Days { get; init; } = 2;

    /// <summary>How many working days before the deadline the approver is reminded; 0: no reminder.</summary>
    public int RemindDaysBefore { get; init; } = 1;

    /// <summary>People told when a task of this stage is overdue, besides the approver's head.</summary>
    public IReadOnlyList<Guid> NotifyOnOverdue { get; init; } = [];

    /// <summary>Also tell the approver's department head when the task is overdue.</summary>
    public bool NotifyApproverHead { get; init; } = true;

    /// <summary>Null: the stage always applies.</summary>
    public StageCondition? Condition { get; init; }
}

/// <summary>A scheme's content: its stages in order and what a resubmission after rework asks again.</summary>
public sealed record ApprovalDefinition
{
    public IReadOnlyList<ApprovalStageDefinition> Stages { get; init; } = [];

    public ReworkPolicy Rework { get; init; } = ReworkPolicy.NotYetApproved;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ApprovalDefinition FromJson(string json) =>
        JsonSerializer.Deserialize<ApprovalDefinition>(json, Json) ?? new ApprovalDefinition();

    /// <summary>Whether the stage applies to a document with this amount (kopecks; null: no amount).</summary>
    public static bool Applies(StageCondition? condition, long? amountMinor)
    {
        if (condition is null)
            return true;
        if (amountMinor is not { } minor)
            return false;
        var amount = minor / 100m;
        return condition.Operator switch
        {
            ConditionOperator.Greater => amount > condition.Value,
            ConditionOperator.GreaterOrEqual => amount >= condition.Value,
            ConditionOperator.Less => amount < condition.Value,
            ConditionOperator.LessOrEqual => amount <= condition.Value,
            _ => false,
        };
    }
}
