using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Approvals;
using Letopis.TestKit;
using static Letopis.Web.Tests.Approvals.EngineTestKit;

namespace Letopis.Web.Tests.Approvals;

/// <summary>Where an approval scheme exists, the route — not a status button — puts a document on approval and decides it.</summary>
public class StatusByRouteTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ChangeStatus_TypeWithAScheme_GoesOnApprovalOnlyThroughTheRoute(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var author = await host.CreateUserAsync();
        var lawyer = await host.CreateUserAsync();
        var type = await TypeAsync(host);
        await PublishAsync(host, type, new ApprovalDefinition { Stages = [Stage("law", ApprovalMode.All, lawyer.Id)] });
        var document = await DocumentAsync(host, type, author.Id);
        var client = await host.ClientAsync(author.Login, author.Password);

        var card = await client.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{document}");
        var offered = card.GetProperty("nextStatuses").EnumerateArray().Select(s => s.GetString()).ToList();
        offered.ShouldNotContain("on_approval");
        offered.ShouldContain("signed");
        var refused = await client.PostAsJsonAsync($"/api/v1/documents/{document}/status", new { status = "on_approval" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("fieldCodes").GetProperty("status")[0].GetString().ShouldBe("status_by_route");
        problem.GetProperty("errors").GetProperty("status")[0].GetString()!.ShouldContain("маршрут согласования");
        (await StatusAsync(host, document)).ShouldBe(Letopis.Core.Documents.DocumentStatus.Draft);

        // While the route runs, it alone moves the status.
        await StartAsync(client, document);
        card = await client.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{document}");
        card.GetProperty("nextStatuses").GetArrayLength().ShouldBe(0);
        (await client.PostAsJsonAsync($"/api/v1/documents/{document}/status", new { status = "draft" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await StatusAsync(host, document)).ShouldBe(Letopis.Core.Documents.DocumentStatus.OnApproval);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ChangeStatus_TypeWithoutAScheme_StillGoesOnApprovalByHand(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var author = await host.CreateUserAsync();
        var type = await TypeAsync(host);
        var document = await DocumentAsync(host, type, author.Id);
        var client = await host.ClientAsync(author.Login, author.Password);

        var card = await client.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{document}");
        card.GetProperty("nextStatuses").EnumerateArray().Select(s => s.GetString()).ShouldContain("on_approval");
        (await client.PostAsJsonAsync($"/api/v1/documents/{document}/status", new { status = "on_approval" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
