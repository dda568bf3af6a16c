using System.ComponentModel;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.CustomFields;
using Microsoft.AspNetCore.Mvc;

namespace Letopis.Web.Api;

/// <summary>The directory's filters and order as query parameters; the list and the export take the same ones.</summary>
/// <param name="Q">Text in the name, ИНН, phone or e-mail.</param>
/// <param name="RegionId">Entry of the <c>regions</c> reference book; several (repeated or comma-separated) match any of them.</param>
/// <param name="CategoryId">Entry of the <c>categories</c> reference book; several match any of them.</param>
/// <param name="GroupId">Entry of the <c>groups</c> reference book; several match any of them.</param>
/// <param name="ActivityTypeId">Entry of the <c>activity-types</c> reference book; several match any of them.</param>
/// <param name="AdSourceId">Entry of the <c>ad-sources</c> reference book; several match any of them.</param>
/// <param name="ResponsibleId">Responsible manager; several match any of them.</param>
/// <param name="Kind"><c>company</c>, <c>entrepreneur</c> or <c>person</c>.</param>
/// <param name="Tag">A tag name, case-insensitive; repeat it to require several tags (all of them).</param>
/// <param name="Sort">
/// The order: <c>name</c> (default: the name without its legal form, so ИП «Альфа» sorts among the А), <c>-name</c>, <c>createdAt</c>, <c>-createdAt</c> (newest first) or <c>inn</c>
/// (cards without an ИНН last). Equal keys are ordered by id, so paging is stable.
/// </param>
public sealed record CounterpartyListQuery(
    [property: FromQuery(Name = "q"), Description("Text in the name, ИНН, phone or e-mail.")] string? Q,
    [property: FromQuery(Name = "regionId"), Description("Entry of the regions reference book; several (repeated or comma-separated) match any of them.")] string[]? RegionId,
    [property: FromQuery(Name = "categoryId"), Description("Entry of the categories reference book; several match any of them.")] string[]? CategoryId,
    [property: FromQuery(Name = "groupId"), Description("Entry of the groups reference book; several match any of them.")] string[]? GroupId,
    [property: FromQuery(Name = "activityTypeId"), Description("Entry of the activity-types reference book; several match any of them.")] string[]? ActivityTypeId,
    [property: FromQuery(Name = "adSourceId"), Description("Entry of the ad-sources reference book; several match any of them.")] string[]? AdSourceId,
    [property: FromQuery(Name = "responsibleId"), Description("Responsible manager; several match any of them.")] string[]? ResponsibleId,
    [property: FromQuery(Name = "kind"), Description("company, entrepreneur or person.")] string? Kind,
    [property: FromQuery(Name = "tag"), Description("A tag name, case-insensitive; repeat it to require several tags (all of them).")] string[]? Tag,
    [property: FromQuery(Name = "sort"), Description("name (default, the name without its legal form), -name, createdAt, -createdAt (newest first) or inn (cards without an ИНН last).")] string? Sort)
{
    /// <summary>The filter, or a validation error naming the parameter (<c>regionId</c>, <c>kind</c>, <c>sort</c>…).</summary>
    public Result<CounterpartyFilter> ToFilter()
    {
        var errors = new List<(string, string)>();
        var regions = Ids(RegionId, "regionId", errors);
        var categories = Ids(CategoryId, "categoryId", errors);
        var groups = Ids(GroupId, "groupId", errors);
        var activityTypes = Ids(ActivityTypeId, "activityTypeId", errors);
        var adSources = Ids(AdSourceId, "adSourceId", errors);
        var responsibles = Ids(ResponsibleId, "responsibleId", errors);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        // The kind is spelled as the API writes it (company); the framework's enum binding would
        // insist on the C# spelling (Company) and answer a bare 400.
        CounterpartyKind? kind = null;
        if (!string.IsNullOrEmpty(Kind))
        {
            if (!Enum.TryParse<CounterpartyKind>(Kind, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(Kind[0]))
                return Error.Validation(("kind", FieldErrors.Invalid));
            kind = parsed;
        }
        var sort = CounterpartySort.Name;
        if (!string.IsNullOrEmpty(Sort) && !CounterpartySorts.ByName.TryGetValue(Sort, out sort))
            return Error.Validation(("sort", FieldErrors.Invalid));
        return new CounterpartyFilter(Q, regions, categories, groups, activityTypes, adSources, responsibles, kind)
        {
            Tags = Tag ?? [],
            Sort = sort,
        };
    }

    /// <summary>Ids given as repeated parameters, comma-separated, or both; null when none.</summary>
    private static List<Guid>? Ids(string[]? values, string name, List<(string, string)> errors)
    {
        if (values is not { Length: > 0 })
            return null;
        var ids = new List<Guid>();
        foreach (var part in values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (Guid.TryParse(part, out var id))
                ids.Add(id);
            else
            {
                errors.Add((name, FieldErrors.Invalid));
                return null;
            }
        }
        return ids.Count > 0 ? ids : null;
    }

    /// <summary>The filter with the custom-field conditions (<c>cf.&lt;code&gt;</c>, <c>.from</c>, <c>.to</c>) of the raw query string.</summary>
    public async Task<Result<CounterpartyFilter>> ToFilterAsync(IQueryCollection raw, CustomFieldFilter customFields, CancellationToken ct)
    {
        var filter = ToFilter();
        if (!filter.IsSuccess)
            return filter;
        var conditions = await customFields.ParseAsync(CustomFieldEntities.Company, raw.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString())), ct);
        if (!conditions.IsSuccess)
            return conditions.Error!;
        return filter.Value with { CustomFields = conditions.Value };
    }
}
