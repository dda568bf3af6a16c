using System.Globalization;
using Letopis.Core.Common;

namespace Letopis.Web.Components.Shared;

/// <summary>
/// The time zone of the person looking at the screen, for one HTTP request or Blazor circuit: every
/// time and day the UI shows or reads from a form goes through it, never through the server's own
/// zone (a container runs in UTC). Loaded when the signed-in user becomes known
/// (<see cref="Auth.ActorMiddleware"/>, <see cref="Auth.ActorCircuitHandler"/>); until then, and for
/// anonymous pages, it is the company's zone.
/// </summary>
public sealed class ViewerClock(TimeProvider time, CompanyTimeZone company)
{
    public TimeZoneInfo Zone { get; private set; } = company.Zone;

    /// <summary>Whose zone it holds; null: nobody's yet (the company's).</summary>
    public Guid? UserId { get; private set; }

    /// <summary>
    /// Reads the zone of <paramref name="userId"/> (the company's for nobody) in a scope of its own: a
    /// circuit's events may overlap, and its DbContext must not be shared between them.
    /// </summary>
    public async Task LoadAsync(IServiceScopeFactory scopes, Guid? userId, CancellationToken ct)
    {
        if (userId is { } id)
        {
            await using var scope = scopes.CreateAsyncScope();
            Zone = await scope.ServiceProvider.GetRequiredService<UserClock>().ZoneOfAsync(id, null, ct);
        }
        else
        {
            Zone = company.Zone;
        }
        UserId = userId;
    }

    /// <summary>Takes a zone the user has just chosen, so the page they are on shows it at once.</summary>
    public void Use(TimeZoneInfo zone) => Zone = zone;

    /// <summary>A stored UTC moment as the wall-clock time of the viewer.</summary>
    public DateTime Local(DateTime utc) => TimeZones.ToLocal(utc, Zone);

    /// <summary>The viewer's wall-clock now.</summary>
    public DateTime Now => Local(time.GetUtcNow().UtcDateTime);

    public DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>The viewer's day of a UTC moment.</summary>
    public DateOnly Day(DateTime utc) => DateOnly.FromDateTime(Local(utc));

    /// <summary>«14:30».</summary>
    public string Time(DateTime utc) => Local(utc).ToString("t", CultureInfo.CurrentCulture);

    /// <summary>«28.11.2026 14:30».</summary>
    public string Moment(DateTime utc) => Local(utc).ToString("g", CultureInfo.CurrentCulture);

    /// <summary>A day and a time of day as the viewer entered them, with the offset of their zone.</summary>
    public DateTimeOffset At(DateOnly day, TimeOnly timeOfDay) => TimeZones.WithOffset(day.ToDateTime(timeOfDay), Zone);
}
