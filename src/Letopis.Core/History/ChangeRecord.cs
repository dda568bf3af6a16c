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
}

public enum ChangeOperation
{
    Created,
    Updated,
    Deleted,
}
