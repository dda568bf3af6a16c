using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Access;

/// <summary>What one department's people cannot learn about another's: tags and colleagues' histories.</summary>
public class CrossDepartmentReadTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Tags_UsedOnlyOnAnotherDepartmentsCard_AreNotOffered(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var sales = await host.CreateDepartmentAsync("Продажи");
        var tenders = await host.CreateDepartmentAsync("Тендеры");
        var seller = await host.CreateUserAsync(departmentId: sales);
        var bidder = await host.CreateUserAsync(departmentId: tenders);
        var sellerClient = await host.ClientAsync(seller.Login, seller.Password);
        var bidderClient = await host.ClientAsync(bidder.Login, bidder.Password);
        var tag = "Банкротство" + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostAsJsonAsync("/api/v1/counterparties",
            new { name = $"ООО «Должник {tag}»", inn = TestRequisites.Inn10(), responsibleId = bidder.Id, tags = new[] { tag } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        static async Task<List<string?>> OfferedAsync(HttpClient client, string q)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tags?q={Uri.EscapeDataString(q)}");
            page.GetProperty("total").GetInt32().ShouldBe(page.GetProperty("items").GetArrayLength());
            return page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        }

        (await OfferedAsync(sellerClient, tag)).ShouldBeEmpty();
        (await OfferedAsync(sellerClient, "")).ShouldNotContain(tag);
        (await OfferedAsync(bidderClient, tag)).ShouldBe([tag]);
        (await OfferedAsync(admin, tag)).ShouldBe([tag]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task UserHistory_OfAColleague_IsNotFoundUnlessTheReaderManagesThem(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var head = await host.CreateUserAsync(role: "head");
        var company = await host.CreateDepartmentAsync("Компания", headId: head.Id);
        var sales = await host.CreateDepartmentAsync("Продажи", company);
        var worker = await host.CreateUserAsync(departmentId: sales);
        var colleague = await host.CreateUserAsync(departmentId: sales);
        (await admin.PatchAsJsonAsync($"/api/v1/users/{worker.Id}", new { roles = new[] { "employee", "head" } })).EnsureSuccessStatusCode();
        var path = $"/api/v1/users/{worker.Id}/history";

        var asColleague = await (await host.ClientAsync(colleague.Login, colleague.Password)).GetAsync(path);
        asColleague.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        asColleague.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await (await host.ClientAsync(colleague.Login, colleague.Password)).GetAsync($"/api/v1/users/{Guid.NewGuid()}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        foreach (var reader in new[] { admin, await host.ClientAsync(worker.Login, worker.Password), await host.ClientAsync(head.Login, head.Password) })
        {
            var history = await reader.GetFromJsonAsync<JsonElement>(path);
            history.GetProperty("items").EnumerateArray().ShouldContain(c => c.GetProperty("field").GetString() == "roles");
        }
    }
}
