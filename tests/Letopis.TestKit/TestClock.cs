using Microsoft.Extensions.Time.Testing;

namespace Letopis.TestKit;

/// <summary>
/// The fake clock of a test host. The clock of a shared host cannot be moved: every test on that
/// host would see its sign-in locks, tokens and deadlines jump, and fail when it happens to run
/// beside the one that moved it. A test that moves time starts its own host.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    internal bool Shared { get; set; }

    /// <summary>Moves the clock forward; refused on a shared host.</summary>
    public new void Advance(TimeSpan delta)
    {
        RefuseIfShared();
        base.Advance(delta);
    }

    /// <summary>Sets the clock; refused on a shared host.</summary>
    public new void SetUtcNow(DateTimeOffset value)
    {
        RefuseIfShared();
        base.SetUtcNow(value);
    }

    private void RefuseIfShared()
    {
        if (Shared)
            throw new InvalidOperationException("The clock of a shared host is the same for every test: start a host of your own (new LetopisHost(provider)) to move time.");
    }
}
