using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Crm;

/// <summary>The directory's name order, its filters of several values and its contact columns.</summary>
public class DirectoryListTests
{
    private static readonly DateTime Now = LetopisHost.Start.UtcDateTime;

    private static async Task<JsonElement> PageAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/counterparties?" + query);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static string[] Names(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray();

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_ByName_IgnoresTheLegalForm(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var region = await DirectoryApiTests.ReferenceAsync(client, "regions", "Порядок");
        string[] names = ["ООО «Бета»", "ИП «Альфа»", "Индивидуальный предприниматель Ёлкин", "ООО «Авангард»", "«Гамма», АО", "ПАО \"Вега\""];
        foreach (var name in names)
            await DirectoryApiTests.CreateAsync(client, new { name, regionId = region });

        var ascending = await PageAsync(client, $"regionId={region}");
        var descending = await PageAsync(client, $"regionId={region}&sort=-name");

        Names(ascending).ShouldBe(["ООО «Авангард»", "ИП «Альфа»", "ООО «Бета»", "ПАО \"Вега\"", "«Гамма», АО", "Индивидуальный предприниматель Ёлкин"]);
        Names(descending).ShouldBe(Names(ascending).Reverse());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_WithTwoRegions_KeepsCardsOfEitherAndOnlyVisibleOnes(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var company = await host.CreateDepartmentAsync("Компания");
        var manager = await host.CreateUserAsync(departmentId: await host.CreateDepartmentAsync("Продажи", company));
        var stranger = await host.CreateUserAsync(departmentId: await host.CreateDepartmentAsync("Снабжение", company));
        var client = await host.ClientAsync(manager.Login, manager.Password);
        var moscow = await DirectoryApiTests.ReferenceAsync(admin, "regions", "Москва");
        var tver = await DirectoryApiTests.ReferenceAsync(admin, "regions", "Тверь");
        var kazan = await DirectoryApiTests.ReferenceAsync(admin, "regions", "Казань");
        await DirectoryApiTests.CreateAsync(client, new { name = "ООО «Московская»", regionId = moscow });
        await DirectoryApiTests.CreateAsync(client, new { name = "ООО «Тверская»", regionId = tver });
        await DirectoryApiTests.CreateAsync(client, new { name = "ООО «Казанская»", regionId = kazan });
        await DirectoryApiTests.CreateAsync(admin, new { name = "ООО «Чужая тверская»", regionId = tver, responsibleId = stranger.Id });

        var repeated = await PageAsync(client, $"regionId={moscow}&regionId={tver}");
        var commas = await PageAsync(client, $"regionId={moscow},{tver}");
        var single = await PageAsync(client, $"regionId={tver}");
        var asAdmin = await PageAsync(admin, $"regionId={moscow}&regionId={tver}");
        var export = await client.GetStringAsync($"/api/v1/counterparties/export?format=csv&regionId={moscow}&regionId={tver}");
        var wrong = await client.GetAsync($"/api/v1/counterparties?regionId={moscow},nonsense");

        Names(repeated).ShouldBe(["ООО «Московская»", "ООО «Тверская»"]);
        repeated.GetProperty("total").GetInt32().ShouldBe(2);
        Names(commas).ShouldBe(Names(repeated));
        Names(single).ShouldBe(["ООО «Тверская»"]);
        Names(asAdmin).ShouldBe(["ООО «Московская»", "ООО «Тверская»", "ООО «Чужая тверская»"]);
        export.ShouldContain("Московская");
        export.ShouldContain("Тверская");
        export.ShouldNotContain("Чужая");
        export.ShouldNotContain("Казанская");
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("regionId");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_ShowsLastAndNextContactOfActivitiesTheReaderSees(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var company = await host.CreateDepartmentAsync("Компания");
        var manager = await host.CreateUserAsync(departmentId: await host.CreateDepartmentAsync("Продажи", company));
        var stranger = await host.CreateUserAsync(departmentId: await host.CreateDepartmentAsync("Снабжение", company));
        var client = await host.ClientAsync(manager.Login, manager.Password);
        var region = await DirectoryApiTests.ReferenceAsync(admin, "regions", "Контакты");
        var busy = (await DirectoryApiTests.CreateAsync(client, new { name = "ООО «Активная»", regionId = region })).GetProperty("id").GetGuid();
        await DirectoryApiTests.CreateAsync(client, new { name = "ООО «Тихая»", regionId = region });

        async Task<Guid> Plan(HttpClient who, TimeSpan at, Guid? assigneeId = null)
        {
            var response = await who.PostAsJsonAsync("/api/v1/activities", new { kind = "call", subject = "Созвон", plannedAt = Now + at, counterpartyId = busy, assigneeId });
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        var done = await Plan(client, TimeSpan.FromMinutes(30));
        (await client.PostAsJsonAsync($"/api/v1/activities/{done}/complete", new { result = "Договорились о встрече" })).EnsureSuccessStatusCode();
        var cancelled = await Plan(client, TimeSpan.FromHours(1));
        (await client.PostAsJsonAsync($"/api/v1/activities/{cancelled}/cancel", new { reason = "Перенесли" })).EnsureSuccessStatusCode();
        await Plan(client, TimeSpan.FromDays(3));
        await Plan(client, TimeSpan.FromHours(5));
        // Another department's call, earlier: the manager does not see it, the administrator does.
        await Plan(admin, TimeSpan.FromHours(2), stranger.Id);

        var mine = (await PageAsync(client, $"regionId={region}")).GetProperty("items");
        var all = (await PageAsync(admin, $"regionId={region}")).GetProperty("items");

        mine[0].GetProperty("name").GetString().ShouldBe("ООО «Активная»");
        mine[0].GetProperty("lastContactAt").GetDateTime().ShouldBe(Now);
        mine[0].GetProperty("nextContactAt").GetDateTime().ShouldBe(Now.AddHours(5));
        all[0].GetProperty("nextContactAt").GetDateTime().ShouldBe(Now.AddHours(2));
        mine[1].GetProperty("lastContactAt").ValueKind.ShouldBe(JsonValueKind.Null);
        mine[1].GetProperty("nextContactAt").ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
