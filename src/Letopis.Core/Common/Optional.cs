namespace Letopis.Core.Common;

/// <summary>
/// A field of a JSON merge patch: absent (leave it), or present with a value (which may be null,
/// meaning "clear it").
/// </summary>
public readonly record struct Optional<T>(bool HasValue, T Value)
{
    public static Optional<T> Absent => default;

    public static implicit operator Optional<T>(T value) => new(true, value);

    public T Or(T current) => HasValue ? Value : current;
}
