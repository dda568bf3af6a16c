using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;

namespace Letopis.Core.Leads.Conversion;

/// <summary>
/// What converting a lead with a given choice would ask for, without writing anything: the
/// required fields to fill, the custom fields to create on the targets, the existing companies and
/// contacts to link instead, and the client of a repeat lead. The conversion dialog is built from it.
/// </summary>
public sealed class PreviewConversion(LetopisDb db)
{
    public async Task<Result<ConversionPreview>> HandleAsync(AccessContext access, Guid leadId, ConversionRequest request, CancellationToken ct)
    {
        var planned = await new ConversionPlanner(db).PlanAsync(access, leadId, request, preview: true, ct);
        if (!planned.IsSuccess)
            return planned.Error!;
        var plan = planned.Value;
        return new ConversionPreview(plan.Missing, plan.Unsynchronized, plan.Matches, plan.Repeat,
            ManageCustomFields.CanManage(access, PermissionAction.Create));
    }
}
