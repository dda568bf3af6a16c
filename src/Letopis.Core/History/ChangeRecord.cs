using Letopis.Core.Access;

namespace Letopis.Core.History;

/// <summary>One field change of an audited record: who, when, which field, old and new value.</summary>
public class ChangeRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string EntityKind { get; set; } = "";

    public Guid EntityId { get; set; }

    public DateTime At { get; set; }

    /// <summary>The person who made the change (a deputy, when acting for someone).</summary>
    public Guid? UserId { get; set; }

    /// <summary>The absent colleague the deputy acted for.</summary>
    public Guid? OnBehalfOfId { get; set; }

    public ChangeOperation Operation { get; set; }

    public string Field { get; set; } = "";

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }

    /// <summary>
    /// A change that is not a column of the record (roles, a contact added, a permission cell),
    /// written by the handler itself, with the same who-and-for-whom as automatic entries.
    /// </summary>
    public static ChangeRecord Of(string kind, Guid entityId, DateTime at, ICurrentActor? actor, ChangeOperation operation,
        string field, string? oldValue, string? newValue) => new()
        {
            EntityKind = kind,
            EntityId = entityId,
            At = at,
            UserId = actor?.UserId,
            OnBehalfOfId = actor?.OnBehalfOfId,
            Operation = operation,
            Field = field,
            OldValue = oldValue,
            NewValue = newValue,
        };
}

public enum ChangeOperation
{
    Created,
    Updated,
    Deleted,
}
