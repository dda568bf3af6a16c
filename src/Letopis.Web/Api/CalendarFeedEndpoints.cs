using System.ComponentModel;
using System.Globalization;
using Letopis.Core.Activities;
using Letopis.Web.Auth;
using Letopis.Web.Hosting;
using Letopis.Web.Resources;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Api;

/// <summary>The caller's calendar feed: whether it exists; the URL is shown only when issued.</summary>
/// <param name="Enabled">A feed URL exists and works.</param>
/// <param name="CreatedAt">When the current URL was issued.</param>
/// <param name="LastFetchedAt">When a calendar last read it (to the hour).</param>
public sealed record CalendarFeedStateResponse(bool Enabled, DateTime? CreatedAt, DateTime? LastFetchedAt);

/// <summary>A freshly issued feed URL: shown this once; a new POST replaces it and the old one stops working.</summary>
/// <param name="Url">The private iCalendar address to paste into Outlook, Google Calendar or a phone.</param>
/// <param name="CreatedAt">When it was issued.</param>
public sealed record CalendarFeedIssuedResponse(string Url, DateTime CreatedAt);

public static class CalendarFeedEndpoints
{
    public const string FeedPath = "/calendar";

    public static void MapCalendarFeedEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me/calendar-feed").WithTags("Me").RequireAuthorization().WithProblems();
        group.MapGet("", GetState)
            .WithSummary("Tells whether the caller has a calendar feed address");
        group.MapPost("", Issue)
            .WithSummary("Issues a new calendar feed address (the previous one stops working)");
        group.MapDelete("", Revoke)
            .WithSummary("Revokes the caller's calendar feed address");

        // Calendar clients fetch without cookies or headers: the secret in the path is the credential.
        app.MapGet(FeedPath + "/{token}.ics", Feed).AllowAnonymous().WithTags("Calendar feed")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar").Produces(StatusCodes.Status404NotFound)
            .WithSummary("The user's activities as an iCalendar feed (the secret address is the credential)");
    }

    internal static async Task<Ok<CalendarFeedStateResponse>> GetState(CurrentActor actor, ManageCalendarFeed feeds, CancellationToken ct)
    {
        var state = await feeds.ReadAsync(actor.UserId!.Value, ct);
        return TypedResults.Ok(new CalendarFeedStateResponse(state.Enabled, state.CreatedAt, state.LastFetchedAt));
    }

    internal static async Task<Ok<CalendarFeedIssuedResponse>> Issue(
        CurrentActor actor, ManageCalendarFeed feeds, PublicAddress address, CancellationToken ct)
    {
        var issued = await feeds.IssueAsync(actor.UserId!.Value, ct);
        // Never from the request's Host: whoever forges it would choose where a user's calendar fetches from.
        return TypedResults.Ok(new CalendarFeedIssuedResponse(FeedUrl(address.BaseUrl, issued.Token), issued.CreatedAt));
    }

    internal static async Task<NoContent> Revoke(CurrentActor actor, ManageCalendarFeed feeds, CancellationToken ct)
    {
        await feeds.RevokeAsync(actor.UserId!.Value, ct);
        return TypedResults.NoContent();
    }

    /// <summary>The absolute feed URL under <paramref name="baseUrl"/> (the UI's public address).</summary>
    public static string FeedUrl(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}{FeedPath}/{token}.ics";

    internal static async Task<IResult> Feed(
        [Description("The secret of the feed address.")] string token, HttpContext http, ReadCalendarFeed reader, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        // The URL is a secret: keep it out of referrers, search engines and shared caches.
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        http.Response.Headers.CacheControl = "private, no-cache";
        var content = await reader.HandleAsync(token, ct);
        if (content is null)
        {
            // The same bare answer for an unknown, revoked or disabled owner's feed, and no HTML page
            // re-executed in its place: a calendar client gets nothing to tell them apart.
            if (http.Features.Get<IStatusCodePagesFeature>() is { } pages)
                pages.Enabled = false;
            return Results.Text("Not found", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }
        var ics = CalendarFeedIcs.Write(content, Wording(text, content));
        return Results.Text(ics, "text/calendar; charset=utf-8");
    }

    /// <summary>The feed's words in its owner's language, whoever's client asks.</summary>
    public static CalendarFeedWording Wording(IStringLocalizer<SharedResource> text, CalendarFeedContent content)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(content.Culture == "en" ? "en" : "ru");
        try
        {
            var kinds = Enum.GetValues<ActivityKind>().ToDictionary(k => k, k => text["feed.kind." + k.ToString().ToLowerInvariant()].Value);
            return new CalendarFeedWording(
                text["feed.calendarName", content.UserName].Value, k => kinds[k],
                text["feed.counterparty"].Value, text["feed.contact"].Value, text["feed.phone"].Value, text["feed.done"].Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
