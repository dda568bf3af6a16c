using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Templates;
using Letopis.TestKit;
using DealsApi = Letopis.Web.Tests.Deals.DealsApi;
using Microsoft.Extensions.DependencyInjection;
using static Letopis.Web.Tests.Documents.DocumentTestData;

namespace Letopis.Web.Tests.Templates;

/// <summary>The model a template sees, built from real records through the real host, as the reader may see them.</summary>
public class ModelBuildTests
{
    internal static async Task<Result<TemplateModel>> BuildAsync(LetopisHost host, Guid userId, TemplateSubject subject)
    {
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<LetopisDb>();
        var access = await scope.ServiceProvider.GetRequiredService<AccessCache>().GetAsync(db, userId, null, CancellationToken.None);
        return await scope.ServiceProvider.GetRequiredService<BuildTemplateModel>().HandleAsync(access, subject, CancellationToken.None);
    }

    internal static Task<Guid> AdminIdAsync(LetopisHost host) =>
        host.WithDbAsync(db => Task.FromResult(db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).Single()));

    /// <summary>A counterparty with requisites, a main bank account and two contacts.</summary>
    internal static async Task<(Guid Id, string Name, string Inn, string Account)> RichCounterpartyAsync(HttpClient client, string? name = null)
    {
        name ??= Marker("ООО «Шаблон» ");
        var inn = TestRequisites.Inn10();
        var response = await client.PostAsJsonAsync("/api/v1/counterparties", new
        {
            name,
            fullName = "Общество с ограниченной ответственностью «Шаблон»",
            inn,
            kpp = "770101001",
            legalAddress = "г. Москва, ул. Ленина, д. 1",
            actualAddress = "г. Химки, Заводское ш., д. 7",
            email = "info@shablon.ru",
        });
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).Id();
        var account = TestBankRequisites.Account();
        (await client.PostAsJsonAsync($"/api/v1/counterparties/{id}/bank-accounts", new
        {
            bik = TestBankRequisites.Bik, bankName = "ПАО Сбербанк", account, correspondentAccount = TestBankRequisites.CorrespondentAccount, isMain = true,
        })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/api/v1/counterparties/{id}/contacts", new { fullName = "Яковлев Яков", position = "Менеджер" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/api/v1/counterparties/{id}/contacts", new
        {
            fullName = "Иванов Иван Иванович", position = "Генеральный директор", email = "ivanov@shablon.ru", isMain = true,
        })).EnsureSuccessStatusCode();
        return (id, name, inn, account);
    }

    internal static async Task<Guid> DealWithItemsAsync(HttpClient client, Guid companyId, string title = "Поставка бумаги")
    {
        var pipeline = await DealsApi.PipelineAsync(client, "Новая");
        var deal = await DealsApi.DealAsync(client, new
        {
            title,
            pipelineId = pipeline.Id(),
            companyId,
            expectedCloseOn = "2026-12-20",
            items = new object[]
            {
                new { name = "Бумага А4", quantity = 1.5m, unit = "кор", price = 333.33m, vatRate = 20 },
                new { name = "Доставка", quantity = 3, price = 0.05m, vatRate = 10 },
            },
        });
        return deal.Id();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Build_Counterparty_FillsRequisitesBankAndContacts(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var (id, name, inn, account) = await RichCounterpartyAsync(client);

        var result = await BuildAsync(host, await AdminIdAsync(host), new TemplateSubject(id, null, null));

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        var model = result.Value;
        var c = model.Counterparty.ShouldNotBeNull();
        c.Name.ShouldBe(name);
        c.Inn.ShouldBe(inn);
        c.Kpp.ShouldBe("770101001");
        c.Address.ShouldBe("г. Москва, ул. Ленина, д. 1");
        c.ActualAddress.ShouldBe("г. Химки, Заводское ш., д. 7");
        c.BankAccount.ShouldNotBeNull().Account.ShouldBe(account);
        c.BankAccount!.Bik.ShouldBe(TestBankRequisites.Bik);
        c.BankAccounts.Count.ShouldBe(1);
        c.Contacts.Select(x => x.FullName).ShouldBe(["Иванов Иван Иванович", "Яковлев Яков"]);
        c.MainContact.ShouldNotBeNull().Position.ShouldBe("Генеральный директор");
        model.Deal.ShouldBeNull();
        model.Document.ShouldBeNull();
        model.User.ShouldNotBeNull().FullName.ShouldNotBeNullOrEmpty();
        (model.Today - host.Clock.GetUtcNow().UtcDateTime.Date).Duration().ShouldBeLessThanOrEqualTo(TimeSpan.FromDays(1));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Build_Deal_BringsItemsTotalsAndItsCounterparty(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var (companyId, name, _, _) = await RichCounterpartyAsync(client);
        var dealId = await DealWithItemsAsync(client, companyId);

        var result = await BuildAsync(host, await AdminIdAsync(host), new TemplateSubject(null, dealId, null));

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        var deal = result.Value.Deal.ShouldNotBeNull();
        deal.Title.ShouldBe("Поставка бумаги");
        deal.CloseOn.ShouldBe(new DateTime(2026, 12, 20));
        deal.Items.Count.ShouldBe(2);
        deal.Items[0].ShouldBe(new TemplateItem(1, "Бумага А4", 1.5m, "кор", 333.33m, 20, 83.33m, 500.00m));
        deal.Items[1].N.ShouldBe(2);
        deal.Items[1].Amount.ShouldBe(0.15m);
        deal.Total.ShouldBe(500.15m);
        deal.Amount.ShouldBe(500.15m);
        deal.VatTotal.ShouldBe(83.34m);
        result.Value.Counterparty.ShouldNotBeNull().Name.ShouldBe(name);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Build_ActOfContract_BringsParentOurCompanyAndCounterparty(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var (counterpartyId, name, inn, _) = await RichCounterpartyAsync(client);
        var ours = await client.PostAsJsonAsync("/api/v1/our-companies", new
        {
            name = Marker("ООО Летопись "), inn = TestRequisites.Inn10(), signatoryPosition = "Генеральный директор", signatoryName = "Сидоров С. С.",
        });
        ours.EnsureSuccessStatusCode();
        var ourCompany = await ours.Content.ReadFromJsonAsync<JsonElement>();
        var contract = await RegisterAsync(client, new
        {
            typeCode = "contract", title = "Договор поставки", counterpartyId, ourCompanyId = ourCompany.Id(), amount = 120000m,
        });
        var act = await RegisterAsync(client, new { typeCode = "act", title = "Акт за ноябрь", amount = 123000.45m, parentId = contract.Id() });

        var result = await BuildAsync(host, await AdminIdAsync(host), new TemplateSubject(null, null, act.Id()));

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        var document = result.Value.Document.ShouldNotBeNull();
        document.Title.ShouldBe("Акт за ноябрь");
        document.Number.ShouldBe(act.Str("number"));
        document.Amount.ShouldBe(123000.45m);
        document.Type.ShouldBe((await TypeAsync(client, "act")).Str("name"));
        var parent = document.Parent.ShouldNotBeNull();
        parent.Number.ShouldBe(contract.Str("number"));
        parent.Title.ShouldBe("Договор поставки");
        parent.Type.ShouldBe((await TypeAsync(client, "contract")).Str("name"));
        result.Value.OurCompany.ShouldNotBeNull().Name.ShouldBe(ourCompany.Str("name"));
        result.Value.OurCompany!.SignatoryName.ShouldBe("Сидоров С. С.");
        result.Value.Counterparty.ShouldNotBeNull().Inn.ShouldBe(inn);
        result.Value.Counterparty!.Name.ShouldBe(name);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Build_HiddenOrMissingRecord_NotFound(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var owner = await host.CreateUserAsync("employee", await host.CreateDepartmentAsync(Marker("Отдел А ")));
        var stranger = await host.CreateUserAsync("employee", await host.CreateDepartmentAsync(Marker("Отдел Б ")));
        var ownerClient = await host.ClientAsync(owner.Login, owner.Password);
        var (counterpartyId, _, _, _) = await RichCounterpartyAsync(ownerClient);
        var dealId = await DealWithItemsAsync(await host.AdminAsync(), counterpartyId);
        await using (var scope = host.Scope())
        {
            // The admin made the deal; hand it to the owner so that the stranger is outside its scope.
            var db = scope.ServiceProvider.GetRequiredService<LetopisDb>();
            var deal = db.Deals.Single(d => d.Id == dealId);
            deal.ResponsibleId = owner.Id;
            await db.SaveChangesAsync();
        }
        var document = await RegisterAsync(ownerClient, new { typeCode = "outgoing-letter", title = "Письмо", counterpartyId });

        (await BuildAsync(host, owner.Id, new TemplateSubject(counterpartyId, null, null))).IsSuccess.ShouldBeTrue();
        (await BuildAsync(host, owner.Id, new TemplateSubject(null, null, document.Id()))).IsSuccess.ShouldBeTrue();
        foreach (var subject in new[]
        {
            new TemplateSubject(counterpartyId, null, null),
            new TemplateSubject(null, dealId, null),
            new TemplateSubject(null, null, document.Id()),
            new TemplateSubject(Guid.NewGuid(), null, null),
            new TemplateSubject(null, Guid.NewGuid(), null),
            new TemplateSubject(null, null, Guid.NewGuid()),
        })
        {
            var result = await BuildAsync(host, stranger.Id, subject);
            result.IsSuccess.ShouldBeFalse(subject.ToString());
            result.Error!.Code.ShouldBe(ErrorCodes.NotFound);
        }
    }
}
