using Letopis.Core.Common;

namespace Letopis.Core.Access;

/// <summary>A node of the company's department tree, with an optional head.</summary>
public class Department : IVersioned, IAudited
{
    public static string AuditKind => EntityKinds.Department;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    public Guid? ParentId { get; set; }

    public Guid? HeadId { get; set; }

    public int Version { get; set; }

    /// <summary>
    /// True when making <paramref name="newParentId"/> the parent of <paramref name="departmentId"/>
    /// would put the department under itself.
    /// </summary>
    public static bool WouldCreateCycle(Guid departmentId, Guid? newParentId, IReadOnlyDictionary<Guid, Guid?> parentOf)
    {
        var current = newParentId;
        var guard = 0;
        while (current is { } id)
        {
            if (id == departmentId || ++guard > 10_000)
                return true;
            current = parentOf.TryGetValue(id, out var p) ? p : null;
        }
        return false;
    }

    /// <summary>The department itself and every department below it.</summary>
    public static HashSet<Guid> SelfAndDescendants(Guid root, IEnumerable<(Guid Id, Guid? ParentId)> all)
    {
        var children = all.Where(d => d.ParentId is not null).ToLookup(d => d.ParentId!.Value, d => d.Id);
        var result = new HashSet<Guid> { root };
        var stack = new Stack<Guid>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            foreach (var child in children[stack.Pop()])
            {
                if (result.Add(child))
                    stack.Push(child);
            }
        }
        return result;
    }
}
