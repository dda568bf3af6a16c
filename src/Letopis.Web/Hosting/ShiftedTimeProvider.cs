namespace Letopis.Web.Hosting;

/// <summary>
/// The system clock moved forward by a fixed offset (<see cref="LetopisOptions.ClockOffset"/>): a
/// server started on a copy of the data with its clock days ahead shows which returns, assignments
/// and control dates will be overdue then, and fires the reminders due by then. Timers and
/// stopwatches keep the real pace; only «now» moves.
/// </summary>
public sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
{
    public TimeSpan Offset { get; } = offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    /// <summary>The system clock, or one moved by <paramref name="offset"/> when it is set and not zero.</summary>
    public static TimeProvider For(TimeSpan? offset) =>
        offset is { } shift && shift != TimeSpan.Zero ? new ShiftedTimeProvider(shift) : System;
}
