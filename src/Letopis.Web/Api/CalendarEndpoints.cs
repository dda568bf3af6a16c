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
        group.MapGet("/days", ListDays);
        group.MapPut("/days/{date}", SetDay);
        group.MapDelete("/days/{date}", RemoveDay);
        group.MapGet("/add-working-days", AddWorkingDays);
    }

    internal static async Task<Results<Ok<List<CalendarDayDto>>, ProblemHttpResult>> ListDays(
        string? from, string? to, ListCalendarDays handler, ProblemWriter problems, CancellationToken ct)
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
        string date, SetCalendarDayRequest request, CurrentActor actor, LetopisDb db, SetCalendarDay handler,
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
        string date, CurrentActor actor, LetopisDb db, RemoveCalendarDay handler, ProblemWriter problems, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var day = ParseDate("date", date, errors);
        if (errors.Count > 0)
            return problems.Result(Error.Validation([.. errors]));
        var result = await handler.HandleAsync(await actor.AccessAsync(db, ct), day!.Value, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<WorkingDateResponse>, ProblemHttpResult>> AddWorkingDays(
        string? from, int? days, WorkingCalendar calendar, ProblemWriter problems, CancellationToken ct)
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
