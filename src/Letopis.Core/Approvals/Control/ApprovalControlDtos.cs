namespace Letopis.Core.Approvals.Control;

/// <summary>A scheme as the control page offers it: its newest version and how many live routes still run on older ones.</summary>
public sealed record ApprovalSchemeControlDto(Guid Id, string Name, string DocumentTypeName, int NewestVersion, int RoutesOnOlderVersions);

/// <summary>
/// What the caller may watch on the control page: <c>HoldsRight</c> (the approval edit right: any department,
/// cancelling, restarting, reassigning and moving routes) and the departments they head, with those below them.
/// </summary>
public sealed record ApprovalControlScopeDto(bool HoldsRight, IReadOnlyList<Guid> Departments);
