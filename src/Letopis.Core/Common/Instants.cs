namespace Letopis.Core.Common;

/// <summary>Instants as both databases keep them.</summary>
public static class Instants
{
    /// <summary>
    /// The instant cut to whole microseconds: PostgreSQL keeps no finer, so a value answered from
    /// memory equals the one read back later.
    /// </summary>
    public static DateTime ToMicroseconds(DateTime instant) =>
        new(instant.Ticks - (instant.Ticks % TimeSpan.TicksPerMicrosecond), instant.Kind);
}
