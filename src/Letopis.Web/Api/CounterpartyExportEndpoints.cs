using System.ComponentModel;
using System.Globalization;
using Letopis.Core.Crm;
using Letopis.Web.Auth;
using Letopis.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Api;

public static class CounterpartyExportEndpoints
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The export's columns, in the order of <see cref="CounterpartyExportRow"/>; headers are these field labels.</summary>
    internal static readonly string[] Columns =
    [
        "name", "kind", "inn", "kpp", "ogrn", "phone", "email", "regionId", "categoryId", "groupId", "activityTypeId",
        "adSourceId", "responsibleId", "tags", "createdAt",
    ];

    public static void MapCounterpartyExportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/counterparties").WithTags("Counterparties").RequireAuthorization().WithProblems();
        group.MapGet("/export", Export)
            .WithSummary("Exports the filtered counterparties as a spreadsheet");
    }

    /// <summary>
    /// The directory as a file (<c>format=csv|xlsx</c>) with the list's filters and order: the rows the caller
    /// sees, headers in the caller's language. At most 100,000 rows; a larger result answers 422
    /// <c>export_too_large</c> with <c>limit</c> and <c>total</c>.
    /// </summary>
    internal static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Export(
        [Description("xlsx (default) or csv.")] string? format, [AsParameters] CounterpartyListQuery query, HttpContext http, Core.CustomFields.CustomFieldFilter customFields,
        CurrentActor actor, ExportCounterparties export,
        IStringLocalizer<SharedResource> text, ProblemWriter problems, TimeProvider time, Core.Common.UserClock clock, CancellationToken ct)
    {
        if (format is null || !Enum.TryParse<ExportFormat>(format, ignoreCase: true, out var kind) || int.TryParse(format, out _))
            return problems.Result(Core.Common.Error.Validation(("format", format is null ? Core.Common.FieldErrors.Required : Core.Common.FieldErrors.Invalid)));
        var filter = await query.ToFilterAsync(http.Request.Query, customFields, ct);
        if (!filter.IsSuccess)
            return problems.Result(filter.Error!);

        var access = await actor.AccessAsync(ct);
        var count = await export.CountAsync(access, filter.Value, ct);
        if (!count.IsSuccess)
        {
            var problem = problems.Create(count.Error!);
            problem.Status = StatusCodes.Status422UnprocessableEntity;
            problem.Detail = text["crm.export.tooLarge", ExportCounterparties.MaxRows.ToString("N0", CultureInfo.CurrentCulture),
                ((int)count.Error!.Extensions!["total"]!).ToString("N0", CultureInfo.CurrentCulture)];
            return TypedResults.Problem(problem);
        }

        // Dates in the file are days of the person who exports it.
        var zone = await clock.ViewerZoneAsync(access, ct);
        var labels = new ExportLabels(
            Columns.Select(c => text["crm.field." + c].Value).ToList(),
            k => text["crm.kind." + k.ToString().ToLowerInvariant()],
            CultureInfo.CurrentCulture,
            zone);
        var fileName = $"counterparties-{Core.Common.TimeZones.Today(time, zone):yyyy-MM-dd}.{kind.ToString().ToLowerInvariant()}";
        var rows = export.RowsAsync(access, filter.Value, ct);
        return kind == ExportFormat.Csv
            ? TypedResults.Stream(body => ExportCounterparties.WriteCsvAsync(body, rows, labels, ct), "text/csv; charset=utf-8", fileName)
            : TypedResults.Stream(body => ExportCounterparties.WriteXlsxAsync(body, rows, labels, ct), XlsxType, fileName);
    }
}
