using System.ComponentModel;
using System.Globalization;
using Letopis.Core.Calendar;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

/// <summary>A date counted in working days.</summary>
public sealed record WorkingDateResponse(DateOnly Date);

public static class CalendarEndpoints
{
    public static void MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/calendar").WithTags("Calendar").RequireAuthorization().WithProblems();
        group.MapGet("/days", ListDays)
            .WithSummary("Lists the work calendar's exceptional days (holidays, working weekends)");
        group.MapPut("/days/{date}", SetDay)
            .WithSummary("Marks a day of the work calendar as a holiday or a working day");
        group.MapDelete("/days/{date}", RemoveDay)
            .WithSummary("Returns a day of the work calendar to its usual kind");
        group.MapGet("/add-working-days", AddWorkingDays)
            .WithSummary("Adds working days to a date by the work calendar");
    }

    internal static async Task<Results<Ok<List<CalendarDayDto>>, ProblemHttpResult>> ListDays(
        [Description("First day, YYYY-MM-DD.")] string? from, [Description("Last day, YYYY-MM-DD.")] string? to, ListCalendarDays handler, ProblemWriter problems, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var fromDate = ParseDate("from", from, errors);
        var toDate = ParseDate("to", to, errors);
        if (errors.Count > 0)
            return problems.Result(Error.Validation([.. errors]));
        var result = await handler.HandleAsync(fromDate, toDate, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<CalendarDayDto>, ProblemHttpResult>> SetDay(
        [Description("The day, YYYY-MM-DD.")] string date, SetCalendarDayRequest request, CurrentActor actor, LetopisDb db, SetCalendarDay handler,
        ProblemWriter problems, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var day = ParseDate("date", date, errors);
        if (errors.Count > 0)
            return problems.Result(Error.Validation([.. errors]));
        var result = await handler.HandleAsync(await actor.AccessAsync(db, ct), day!.Value, request, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveDay(
        [Description("The day, YYYY-MM-DD.")] string date, CurrentActor actor, LetopisDb db, RemoveCalendarDay handler, ProblemWriter problems, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var day = ParseDate("date", date, errors);
        if (errors.Count > 0)
            return problems.Result(Error.Validation([.. errors]));
        var result = await handler.HandleAsync(await actor.AccessAsync(db, ct), day!.Value, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<WorkingDateResponse>, ProblemHttpResult>> AddWorkingDays(
        [Description("The day to count from, YYYY-MM-DD.")] string? from, [Description("How many working days to add (negative: go back).")] int? days, WorkingCalendar calendar, ProblemWriter problems, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var start = ParseDate("from", from, errors);
        if (days is null)
            errors.Add(("days", FieldErrors.Required));
        else if (days.Value is < -3650 or > 3650)
            errors.Add(("days", FieldErrors.Invalid));
        if (errors.Count > 0)
            return problems.Result(Error.Validation([.. errors]));
        return TypedResults.Ok(new WorkingDateResponse(await calendar.AddWorkingDaysAsync(start!.Value, days!.Value, ct)));
    }

    private static DateOnly? ParseDate(string field, string? value, List<(string, string)> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add((field, FieldErrors.Required));
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (DateLimits.Contains(date))
                return date;
            errors.Add((field, FieldErrors.OutOfRange));
            return null;
        }
        errors.Add((field, FieldErrors.Invalid));
        return null;
    }
}
