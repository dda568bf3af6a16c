using System.ComponentModel;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.CustomFields;
using Microsoft.AspNetCore.Mvc;

namespace Letopis.Web.Api;

/// <summary>The directory's filters and order as query parameters; the list and the export take the same ones.</summary>
/// <param name="Q">Text in the name, ИНН, phone or e-mail.</param>
/// <param name="RegionId">Entry of the <c>regions</c> reference book.</param>
/// <param name="CategoryId">Entry of the <c>categories</c> reference book.</param>
/// <param name="GroupId">Entry of the <c>groups</c> reference book.</param>
/// <param name="ActivityTypeId">Entry of the <c>activity-types</c> reference book.</param>
/// <param name="AdSourceId">Entry of the <c>ad-sources</c> reference book.</param>
/// <param name="ResponsibleId">Responsible manager.</param>
/// <param name="Kind"><c>company</c>, <c>entrepreneur</c> or <c>person</c>.</param>
/// <param name="Tag">A tag name, case-insensitive; repeat it to require several tags (all of them).</param>
/// <param name="Sort">
/// The order: <c>name</c> (default), <c>-name</c>, <c>createdAt</c>, <c>-createdAt</c> (newest first) or <c>inn</c>
/// (cards without an ИНН last). Equal keys are ordered by id, so paging is stable.
/// </param>
public sealed record CounterpartyListQuery(
    [property: FromQuery(Name = "q"), Description("Text in the name, ИНН, phone or e-mail.")] string? Q,
    [property: FromQuery(Name = "regionId"), Description("Entry of the regions reference book.")] Guid? RegionId,
    [property: FromQuery(Name = "categoryId"), Description("Entry of the categories reference book.")] Guid? CategoryId,
    [property: FromQuery(Name = "groupId"), Description("Entry of the groups reference book.")] Guid? GroupId,
    [property: FromQuery(Name = "activityTypeId"), Description("Entry of the activity-types reference book.")] Guid? ActivityTypeId,
    [property: FromQuery(Name = "adSourceId"), Description("Entry of the ad-sources reference book.")] Guid? AdSourceId,
    [property: FromQuery(Name = "responsibleId"), Description("Responsible manager.")] Guid? ResponsibleId,
    [property: FromQuery(Name = "kind"), Description("company, entrepreneur or person.")] string? Kind,
    [property: FromQuery(Name = "tag"), Description("A tag name, case-insensitive; repeat it to require several tags (all of them).")] string[]? Tag,
    [property: FromQuery(Name = "sort"), Description("name (default), -name, createdAt, -createdAt (newest first) or inn (cards without an ИНН last).")] string? Sort)
{
    /// <summary>The filter, or a validation error naming <c>kind</c> or <c>sort</c>.</summary>
    public Result<CounterpartyFilter> ToFilter()
    {
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
        return new CounterpartyFilter(Q, RegionId, CategoryId, GroupId, ActivityTypeId, AdSourceId, ResponsibleId, kind)
        {
            Tags = Tag ?? [],
            Sort = sort,
        };
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
