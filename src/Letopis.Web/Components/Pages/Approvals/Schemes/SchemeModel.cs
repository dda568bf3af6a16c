using Letopis.Core.Approvals;
using Letopis.Core.Documents;
using Letopis.Web.Components.Shared;

namespace Letopis.Web.Components.Pages.Approvals.Schemes;

/// <summary>The scheme as the editor changes it; turned into an <see cref="ApprovalDefinitionDto"/> to save.</summary>
public sealed class SchemeModel
{
    public string Name { get; set; } = "";

    public string Rework { get; set; } = "not_yet_approved";

    public List<StageModel> Stages { get; } = [];

    public static SchemeModel From(string name, ApprovalDefinitionDto? definition)
    {
        var model = new SchemeModel { Name = name, Rework = definition?.Rework ?? "not_yet_approved" };
        foreach (var stage in definition?.Stages ?? [])
            model.Stages.Add(StageModel.From(stage));
        if (model.Stages.Count == 0)
            model.Stages.Add(new StageModel());
        return model;
    }

    public ApprovalDefinitionDto ToDto() => new(Stages.Select(s => s.ToDto()).ToList(), Rework);

    public void Move(int index, int by)
    {
        var target = index + by;
        if (index < 0 || index >= Stages.Count || target < 0 || target >= Stages.Count)
            return;
        (Stages[index], Stages[target]) = (Stages[target], Stages[index]);
    }
}

public sealed class StageModel
{
    /// <summary>Empty for a stage added in the editor: the server gives it a key when it is saved.</summary>
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public List<ApproverModel> Approvers { get; } = [new ApproverModel()];

    public string Mode { get; set; } = "all";

    public int? Quorum { get; set; }

    public int Days { get; set; } = 2;

    public int RemindDaysBefore { get; set; } = 1;

    public List<PickedUser> NotifyOnOverdue { get; } = [];

    public bool NotifyApproverHead { get; set; } = true;

    public bool HasCondition { get; set; }

    public string ConditionOperator { get; set; } = "greater";

    public decimal? ConditionValue { get; set; }

    public static StageModel From(ApprovalStageDto dto)
    {
        var stage = new StageModel
        {
            Key = dto.Key,
            Name = dto.Name,
            Mode = dto.Mode,
            Quorum = dto.Quorum,
            Days = dto.Days,
            RemindDaysBefore = dto.RemindDaysBefore,
            NotifyApproverHead = dto.NotifyApproverHead,
            HasCondition = dto.Condition is not null,
            ConditionOperator = dto.Condition?.Operator ?? "greater",
            ConditionValue = dto.Condition?.Value,
        };
        stage.Approvers.Clear();
        stage.Approvers.AddRange(dto.Approvers.Select(ApproverModel.From));
        stage.NotifyOnOverdue.AddRange(dto.NotifyOnOverdue.Select(p => new PickedUser(p.Id, p.FullName)));
        return stage;
    }

    public ApprovalStageDto ToDto() => new(
        Key, Name,
        Approvers.Select(a => a.ToDto()).ToList(),
        Mode, Mode == "quorum" ? Quorum : null, Days, RemindDaysBefore,
        NotifyOnOverdue.Select(u => new DocumentPersonDto(u.Id, u.FullName)).ToList(),
        NotifyApproverHead,
        HasCondition && ConditionValue is { } value ? new StageConditionDto("amount", ConditionOperator, value) : null);
}

public sealed class ApproverModel
{
    public static readonly string[] Kinds = ["user", "role", "department_head", "responsible_head", "responsible"];

    public string Kind { get; set; } = "user";

    public PickedUser? User { get; set; }

    public Guid? RoleId { get; set; }

    public Guid? DepartmentId { get; set; }

    public static ApproverModel From(ApproverRuleDto dto) => new()
    {
        Kind = dto.Kind,
        User = dto.UserId is { } id ? new PickedUser(id, dto.Name ?? "") : null,
        RoleId = dto.RoleId,
        DepartmentId = dto.DepartmentId,
    };

    public ApproverRuleDto ToDto() => Kind switch
    {
        "user" => new ApproverRuleDto(Kind, User?.Id, null, null, null),
        "role" => new ApproverRuleDto(Kind, null, RoleId, null, null),
        "department_head" => new ApproverRuleDto(Kind, null, null, DepartmentId, null),
        _ => new ApproverRuleDto(Kind, null, null, null, null),
    };
}
