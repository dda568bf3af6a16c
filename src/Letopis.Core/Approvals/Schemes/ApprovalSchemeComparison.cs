namespace Letopis.Core.Approvals;

/// <summary>
/// One stage in a comparison of two versions, matched by its key. <c>change</c>: <c>same</c>,
/// <c>changed</c>, <c>added</c> (only on the right) or <c>removed</c> (only on the left);
/// <c>Fields</c> names what differs: <c>position</c>, <c>name</c>, <c>approvers</c>, <c>mode</c>,
/// <c>quorum</c>, <c>days</c>, <c>remindDaysBefore</c>, <c>notifyOnOverdue</c>, <c>notifyApproverHead</c>, <c>condition</c>.
/// </summary>
public sealed record ApprovalStageDiffDto(
    string Key, string Change, int? LeftIndex, int? RightIndex, string? LeftName, string? RightName, IReadOnlyList<string> Fields);

/// <summary>Two versions of a scheme side by side, with what differs stage by stage.</summary>
public sealed record ApprovalSchemeComparisonDto(
    ApprovalSchemeVersionDto Left, ApprovalSchemeVersionDto Right, bool ReworkChanged, IReadOnlyList<ApprovalStageDiffDto> Stages);

/// <summary>What <c>POST /api/v1/approval-schemes</c> answers: <c>version</c> is the newest published version (0: none yet).</summary>
public sealed record ApprovalSchemeSavedDto(Guid Id, int Version, bool Draft, ApprovalSchemeDto Scheme);

public static class ApprovalSchemeDiff
{
    /// <summary>What differs between two definitions, stage by stage in the right one's order, then the stages only on the left.</summary>
    public static IReadOnlyList<ApprovalStageDiffDto> Of(ApprovalDefinition left, ApprovalDefinition right)
    {
        var result = new List<ApprovalStageDiffDto>();
        var leftByKey = left.Stages.Select((s, i) => (s, i)).GroupBy(x => x.s.Key).ToDictionary(g => g.Key, g => g.First());
        var rightKeys = right.Stages.Select(s => s.Key).ToHashSet();
        for (var i = 0; i < right.Stages.Count; i++)
        {
            var r = right.Stages[i];
            if (!leftByKey.TryGetValue(r.Key, out var l))
            {
                result.Add(new(r.Key, "added", null, i, null, r.Name, []));
                continue;
            }
            var fields = Fields(l.s, r);
            if (l.i != i)
                fields.Insert(0, "position");
            result.Add(new(r.Key, fields.Count == 0 ? "same" : "changed", l.i, i, l.s.Name, r.Name, fields));
        }
        for (var i = 0; i < left.Stages.Count; i++)
        {
            var l = left.Stages[i];
            if (!rightKeys.Contains(l.Key))
                result.Add(new(l.Key, "removed", i, null, l.Name, null, []));
        }
        return result;
    }

    private static List<string> Fields(ApprovalStageDefinition l, ApprovalStageDefinition r)
    {
        var fields = new List<string>();
        if (l.Name != r.Name)
            fields.Add("name");
        if (!l.Approvers.SequenceEqual(r.Approvers))
            fields.Add("approvers");
        if (l.Mode != r.Mode)
            fields.Add("mode");
        if (l.Quorum != r.Quorum)
            fields.Add("quorum");
        if (l.Days != r.Days)
            fields.Add("days");
        if (l.RemindDaysBefore != r.RemindDaysBefore)
            fields.Add("remindDaysBefore");
        if (!l.NotifyOnOverdue.SequenceEqual(r.NotifyOnOverdue))
            fields.Add("notifyOnOverdue");
        if (l.NotifyApproverHead != r.NotifyApproverHead)
            fields.Add("notifyApproverHead");
        if (l.Condition != r.Condition)
            fields.Add("condition");
        return fields;
    }
}
