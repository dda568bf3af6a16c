namespace Letopis.Core.Common;

/// <summary>A record whose writes are checked against a version number kept by the application.</summary>
public interface IVersioned
{
    int Version { get; set; }
}

/// <summary>
/// A record whose field changes are written to the history in the same transaction.
/// <see cref="AuditKind"/> names the entity kind used by the <c>/history</c> endpoints.
/// </summary>
public interface IAudited
{
    Guid Id { get; }

    static abstract string AuditKind { get; }
}

/// <summary>Properties that must never appear in the history (secrets, hashes, stamps).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;

public static class TextLimits
{
    public const int Name = 300;
    public const int Short = 100;
    public const int Long = 4000;
    public const int Address = 1000;
}
