using Letopis.Core.Access;
using Letopis.Core.Data;

namespace Letopis.Core.Common;

/// <summary>
/// The one place that answers «which time zone does this person read times in»: the zone the user
/// chose, else the company's. Zones come from the node's <see cref="NameBook"/>, which is kept for as
/// long as the access stamp is unchanged, so a request that knows its stamp pays no query for them,
/// and a zone changed on any node applies everywhere on the next request.
/// </summary>
public sealed class UserClock(LetopisDb db, NameBook nameBook, CompanyTimeZone company, TimeProvider time, ICurrentActor actor)
{
    public TimeZoneInfo Company => company.Zone;

    /// <summary>The zone of a user (the company's for one who chose none, or an unknown id).</summary>
    public async ValueTask<TimeZoneInfo> ZoneOfAsync(Guid userId, Guid? knownStamp, CancellationToken ct)
    {
        var names = await nameBook.GetAsync(db, knownStamp, ct);
        return ZoneOf(names, userId);
    }

    /// <summary>The zone of a user, from names already read in this request.</summary>
    public TimeZoneInfo ZoneOf(Names names, Guid userId) => ZoneFromChoice(names.TimeZoneOf(userId));

    /// <summary>The zone for a user's stored choice (<c>AppUser.TimeZone</c>): that zone, else the company's.</summary>
    public TimeZoneInfo ZoneFromChoice(string? chosen) => TimeZones.FindOr(chosen, company.Zone);

    /// <summary>
    /// The zone of the person at the screen: the signed-in user, also when they act for an absent
    /// colleague (whose records they see, but on their own clock).
    /// </summary>
    public ValueTask<TimeZoneInfo> ViewerZoneAsync(AccessContext access, CancellationToken ct) =>
        ZoneOfAsync(actor.UserId ?? access.UserId, access.Stamp, ct);

    /// <summary>Today in the zone.</summary>
    public DateOnly Today(TimeZoneInfo zone) => TimeZones.Today(time, zone);
}
