using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Web.Auth;
using Letopis.Web.Components.Shared;

namespace Letopis.Web.Components.Pages.Sales;

/// <summary>Lookups the deal forms share: counterparties to pick and the contact persons of the chosen one.</summary>
public static class DealForm
{
    public static readonly string[] FieldNames =
        ["title", "pipelineId", "stageId", "companyId", "contactIds", "amount", "currency", "expectedCloseOn", "responsibleId", "sourceId", "comment"];

    public static async Task<IEnumerable<PickedCounterparty>> SearchCompaniesAsync(UiActions ui, string? text, CancellationToken ct)
    {
        var filter = new CounterpartyFilter(text, null, null, null, null, null, null, null);
        var page = await ui.RunAsync<ListCounterparties, PageOf<CounterpartyDto>>((h, a) => h.HandleAsync(a, filter, new PageRequest(1, 20), ct), ct);
        return page.Items.Select(c => new PickedCounterparty(c.Id, c.Name));
    }

    /// <summary>The contact persons of a counterparty, to choose the deal's from.</summary>
    public static async Task<List<ContactDto>> ContactsOfAsync(UiActions ui, Guid? companyId)
    {
        if (companyId is not { } id)
            return [];
        var result = await ui.RunAsync<ManageContacts, Result<List<ContactDto>>>((h, access) => h.ListAsync(access, id, CancellationToken.None));
        return result.IsSuccess ? result.Value : [];
    }
}
