using System.Text.RegularExpressions;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Approvals;

/// <summary>
/// What a scheme must satisfy before it is saved or published. Errors name the JSON path of the
/// field (<c>stages[1].approvers</c>, <c>stages[0].approvers[2].userId</c>), so the API and the
/// editor point at the exact place. A stage without a key gets a new one (<c>s</c> + 8 hex digits):
/// the key follows the stage through later versions, which is how running routes move between them.
/// </summary>
public static partial class ApprovalSchemeRules
{
    public const int MinDays = 1;

    /// <summary>Three months of working days: a longer deadline is a typo, not a plan.</summary>
    public const int MaxDays = 60;

    public const int KeyMax = 40;

    public const string NoStages = "approval_no_stages";
    public const string NoApprovers = "approval_no_approvers";
    public const string UserInactive = "approval_user_inactive";
    public const string QuorumRange = "approval_quorum_range";
    public const string DaysRange = "approval_days_range";
    public const string RemindRange = "approval_remind_range";
    public const string Negative = "approval_negative";

    /// <summary>The people, roles and departments a definition may name, as the database knows them now.</summary>
    public sealed record Directory(
        IReadOnlyDictionary<Guid, bool> UserActive,
        IReadOnlyDictionary<Guid, int> RoleActiveMembers,
        IReadOnlySet<Guid> Departments);

    /// <summary>Loads what <paramref name="definition"/> refers to, then checks it.</summary>
    public static async Task<Result<ApprovalDefinition>> ValidateAsync(LetopisDb db, ApprovalDefinitionDto? definition, CancellationToken ct)
    {
        var stages = definition?.Stages ?? [];
        var approvers = stages.Where(s => s is not null).SelectMany(s => s.Approvers ?? []).Where(a => a is not null).ToList();
        var userIds = approvers.Select(a => a.UserId)
            .Concat(stages.Where(s => s is not null).SelectMany(s => (s.NotifyOnOverdue ?? []).Select(p => (Guid?)p?.Id)))
            .OfType<Guid>().Distinct().ToList();
        var roleIds = approvers.Select(a => a.RoleId).OfType<Guid>().Distinct().ToList();
        var departmentIds = approvers.Select(a => a.DepartmentId).OfType<Guid>().Distinct().ToList();

        var users = userIds.Count == 0
            ? new Dictionary<Guid, bool>()
            : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.IsActive, ct);
        var roles = new Dictionary<Guid, int>();
        if (roleIds.Count > 0)
        {
            foreach (var id in await db.Roles.AsNoTracking().Where(r => roleIds.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct))
                roles[id] = 0;
            var members = await db.UserRoles.AsNoTracking().Where(ur => roleIds.Contains(ur.RoleId))
                .Join(db.Users.Where(u => u.IsActive), ur => ur.UserId, u => u.Id, (ur, _) => ur.RoleId)
                .ToListAsync(ct);
            foreach (var id in members)
                roles[id] = roles.GetValueOrDefault(id) + 1;
        }
        var departments = departmentIds.Count == 0
            ? []
            : (await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct)).ToHashSet();
        return Validate(definition, new Directory(users, roles, departments));
    }

    /// <summary>Checks a definition against <paramref name="directory"/>; every error at once, or the definition to store.</summary>
    public static Result<ApprovalDefinition> Validate(ApprovalDefinitionDto? definition, Directory directory)
    {
        var errors = new List<(string, string)>();
        var rework = ReworkPolicy.NotYetApproved;
        if (definition?.Rework is { } reworkText && !string.IsNullOrWhiteSpace(reworkText))
        {
            if (ApiNames.Parse<ReworkPolicy>(reworkText) is { } parsed)
                rework = parsed;
            else
                errors.Add(("rework", FieldErrors.Invalid));
        }

        var input = definition?.Stages ?? [];
        if (input.Count == 0)
            errors.Add(("stages", NoStages));

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in input)
        {
            if (!string.IsNullOrWhiteSpace(stage?.Key))
                keys.Add(stage.Key.Trim());
        }

        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        var stages = new List<ApprovalStageDefinition>();
        for (var i = 0; i < input.Count; i++)
        {
            var path = $"stages[{i}]";
            var stage = input[i];
            if (stage is null)
            {
                errors.Add((path, FieldErrors.Required));
                continue;
            }

            string key;
            if (string.IsNullOrWhiteSpace(stage.Key))
                key = NewKey(keys);
            else
            {
                key = stage.Key.Trim();
                if (key.Length > KeyMax || !KeyPattern().IsMatch(key))
                    errors.Add(($"{path}.key", FieldErrors.Invalid));
                else if (!seenKeys.Add(key))
                    errors.Add(($"{path}.key", FieldErrors.Duplicate));
            }

            var name = TextRules.Field(stage.Name, $"{path}.name", ApprovalScheme.NameMax, errors, required: true);

            var approvers = new List<ApproverRule>();
            var people = 0;
            var rules = stage.Approvers ?? [];
            if (rules.Count == 0)
                errors.Add(($"{path}.approvers", NoApprovers));
            var seenRules = new HashSet<ApproverRule>();
            for (var j = 0; j < rules.Count; j++)
            {
                var rulePath = $"{path}.approvers[{j}]";
                var rule = Approver(rules[j], rulePath, directory, errors, out var count);
                if (rule is null)
                    continue;
                if (!seenRules.Add(rule))
                {
                    errors.Add((rulePath, FieldErrors.Duplicate));
                    continue;
                }
                approvers.Add(rule);
                people += count;
            }

            var mode = ApprovalMode.All;
            if (!string.IsNullOrWhiteSpace(stage.Mode))
            {
                if (ApiNames.Parse<ApprovalMode>(stage.Mode) is { } m)
                    mode = m;
                else
                    errors.Add(($"{path}.mode", FieldErrors.Invalid));
            }
            int? quorum = null;
            if (mode == ApprovalMode.Quorum)
            {
                if (stage.Quorum is not { } q)
                    errors.Add(($"{path}.quorum", FieldErrors.Required));
                else if (q < 1 || (rules.Count > 0 && q > Math.Max(people, 1)))
                    errors.Add(($"{path}.quorum", QuorumRange));
                else
                    quorum = q;
            }

            if (stage.Days is < MinDays or > MaxDays)
                errors.Add(($"{path}.days", DaysRange));
            if (stage.RemindDaysBefore < 0 || (stage.RemindDaysBefore > 0 && stage.RemindDaysBefore >= stage.Days))
                errors.Add(($"{path}.remindDaysBefore", RemindRange));

            var notify = new List<Guid>();
            var notifyInput = stage.NotifyOnOverdue ?? [];
            for (var k = 0; k < notifyInput.Count; k++)
            {
                var notifyPath = $"{path}.notifyOnOverdue[{k}]";
                var id = notifyInput[k]?.Id;
                if (id is not { } userId || userId == Guid.Empty)
                    errors.Add((notifyPath, FieldErrors.Required));
                else if (!directory.UserActive.TryGetValue(userId, out var active))
                    errors.Add((notifyPath, FieldErrors.NotFound));
                else if (!active)
                    errors.Add((notifyPath, UserInactive));
                else if (!notify.Contains(userId))
                    notify.Add(userId);
            }

            StageCondition? condition = null;
            if (stage.Condition is { } c)
            {
                var field = ApiNames.Parse<ConditionField>(string.IsNullOrWhiteSpace(c.Field) ? "amount" : c.Field);
                var op = ApiNames.Parse<ConditionOperator>(c.Operator);
                if (field is null)
                    errors.Add(($"{path}.condition.field", FieldErrors.Invalid));
                if (op is null)
                    errors.Add(($"{path}.condition.operator", string.IsNullOrWhiteSpace(c.Operator) ? FieldErrors.Required : FieldErrors.Invalid));
                if (c.Value < 0)
                    errors.Add(($"{path}.condition.value", Negative));
                else if (c.Value > 1_000_000_000_000m)
                    errors.Add(($"{path}.condition.value", FieldErrors.OutOfRange));
                if (field is { } f && op is { } o)
                    condition = new StageCondition(f, o, c.Value);
            }

            stages.Add(new ApprovalStageDefinition
            {
                Key = key,
                Name = name ?? "",
                Approvers = approvers,
                Mode = mode,
                Quorum = quorum,
                Days = stage.Days,
                RemindDaysBefore = stage.RemindDaysBefore,
                NotifyOnOverdue = notify,
                NotifyApproverHead = stage.NotifyApproverHead,
                Condition = condition,
            });
        }

        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        return new ApprovalDefinition { Stages = stages, Rework = rework };
    }

    /// <summary>One approver rule, checked; <paramref name="people"/> is how many people it stands for today (a role: its active members).</summary>
    private static ApproverRule? Approver(ApproverRuleDto? dto, string path, Directory directory, List<(string, string)> errors, out int people)
    {
        people = 1;
        if (dto is null)
        {
            errors.Add((path, FieldErrors.Required));
            return null;
        }
        if (ApiNames.Parse<ApproverKind>(dto.Kind) is not { } kind)
        {
            errors.Add(($"{path}.kind", string.IsNullOrWhiteSpace(dto.Kind) ? FieldErrors.Required : FieldErrors.Invalid));
            return null;
        }
        switch (kind)
        {
            case ApproverKind.User:
                if (dto.UserId is not { } userId || userId == Guid.Empty)
                    errors.Add(($"{path}.userId", FieldErrors.Required));
                else if (!directory.UserActive.TryGetValue(userId, out var active))
                    errors.Add(($"{path}.userId", FieldErrors.NotFound));
                else if (!active)
                    errors.Add(($"{path}.userId", UserInactive));
                else
                    return new ApproverRule(kind, UserId: userId);
                return null;
            case ApproverKind.Role:
                if (dto.RoleId is not { } roleId || roleId == Guid.Empty)
                    errors.Add(($"{path}.roleId", FieldErrors.Required));
                else if (!directory.RoleActiveMembers.TryGetValue(roleId, out var members))
                    errors.Add(($"{path}.roleId", FieldErrors.NotFound));
                else
                {
                    people = members;
                    return new ApproverRule(kind, RoleId: roleId);
                }
                return null;
            case ApproverKind.DepartmentHead:
                if (dto.DepartmentId is not { } departmentId || departmentId == Guid.Empty)
                    errors.Add(($"{path}.departmentId", FieldErrors.Required));
                else if (!directory.Departments.Contains(departmentId))
                    errors.Add(($"{path}.departmentId", FieldErrors.NotFound));
                else
                    return new ApproverRule(kind, DepartmentId: departmentId);
                return null;
            default:
                return new ApproverRule(kind);
        }
    }

    /// <summary>A key no stage of this definition has: <c>s</c> and 8 hex digits.</summary>
    public static string NewKey(ISet<string> taken)
    {
        while (true)
        {
            var key = "s" + Guid.NewGuid().ToString("N")[..8];
            if (taken.Add(key))
                return key;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex KeyPattern();
}
