using Letopis.Core.Activities;
using Letopis.Web.Components.Pages.Activities;
using Letopis.Web.Components.Shared;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Letopis.Web.Components.Pages.Documents;

/// <summary>What the card and the counterparty's documents tab start about a document.</summary>
public static class DocumentActions
{
    /// <summary>
    /// Plans a call about a document with the contacts workspace's own form. Activities do not link
    /// documents, so the document is named in the topic; its counterparty is filled in.
    /// </summary>
    public static Task<bool> PlanActivityAsync(
        IDialogService dialogs, IStringLocalizer<SharedResource> L, ViewerClock clock, Guid? counterpartyId, string? counterpartyName, string heading)
    {
        var draft = ActivityDraft.For(clock.Today, clock, ActivityKind.Call);
        draft.Subject = L["doc.plan.subject", heading];
        if (counterpartyId is { } id)
            draft.Counterparty = new Activities.PickedCounterparty(id, counterpartyName ?? "");
        return PlanActivityDialog.OpenAsync(dialogs, L, draft);
    }
}
