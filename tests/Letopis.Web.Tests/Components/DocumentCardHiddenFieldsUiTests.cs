using System.Globalization;
using System.Net.Http.Json;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Documents;
using Letopis.Web.Tests.DocumentFiles;
using Microsoft.AspNetCore.Components;

namespace Letopis.Web.Tests.Components;

/// <summary>The document card shows a built-in field only when the document's type shows it, as the form does.</summary>
public sealed class DocumentCardHiddenFieldsUiTests : HostedComponentTest
{
    private async Task<IRenderedComponent<IComponent>> CardAsync(string provider, Func<Guid, object> request)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var counterparty = await FileTestKit.CounterpartyAsync(admin, "ООО «Скрытые поля» " + Guid.NewGuid().ToString("N")[..6]);
        var document = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/documents", request(counterparty)));
        SignIn(host, await FileTestKit.AdminIdAsync(host));
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ru-RU");
        var cut = RenderPage<DocumentCard>((nameof(DocumentCard.Id), document));
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=doc-fields] th").ShouldNotBeEmpty(), TimeSpan.FromSeconds(30));
        return cut;
    }

    private static List<string> Labels(IRenderedComponent<IComponent> cut) =>
        cut.FindAll(".mud-tabs-panels th").Select(th => th.TextContent.Trim()).ToList();

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Card_ContractWhoseTypeHidesTheParent_HasNoParentRow(string provider)
    {
        var cut = await CardAsync(provider, counterparty => new { typeCode = "contract", title = "Договор подряда", counterpartyId = counterparty });

        var labels = Labels(cut);
        labels.ShouldContain("Контрагент");
        labels.ShouldContain("Сумма");
        labels.ShouldNotContain("Основной документ");
        labels.ShouldNotContain("Номер и дата отправителя");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Card_LetterWhoseTypeHidesMoneyAndTerms_HasNoSuchRows(string provider)
    {
        var cut = await CardAsync(provider, counterparty => new
        {
            typeCode = "incoming-letter",
            title = "О сроках",
            counterpartyId = counterparty,
            incomingNumber = "17-4",
            incomingDate = "2026-11-20",
        });

        var labels = Labels(cut);
        labels.ShouldContain("Номер и дата отправителя");
        labels.ShouldNotContain("Сумма");
        labels.ShouldNotContain("НДС");
        labels.ShouldNotContain("Подписан нами");
        labels.ShouldNotContain("Срок действия");
    }
}
