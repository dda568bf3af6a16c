using System.Net;
using System.Net.Http.Json;
using Letopis.Core.Correspondence;
using Letopis.TestKit;
using static Letopis.Web.Tests.Correspondence.CorrespondenceTestKit;

namespace Letopis.Web.Tests.Correspondence;

/// <summary>Who reads a letter because of its assignments, and whose inbox lists them.</summary>
public class AssignmentAccessTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Letter_ExecutorsCoExecutorsAndController_ReadItOthersGet404(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var p = await PeopleAsync(host);
        var letterId = (await IncomingAsync(p.SecretaryClient, p.Head.Id)).GetProperty("id").GetGuid();
        // Before the resolution the executors are strangers to the letter.
        (await p.LeadClient.GetAsync($"/api/v1/documents/{letterId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var resolution = await TwoAssignmentsAsync(p, letterId);
        var first = resolution.Assignments.Single(a => a.Executor.Id == p.Lead.Id);

        foreach (var client in new[] { p.LeadClient, p.CoClient, p.SecondClient, p.HeadClient })
        {
            (await client.GetAsync($"/api/v1/documents/{letterId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await client.GetAsync($"/api/v1/documents/{letterId}/resolutions")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await client.GetAsync($"/api/v1/assignments/{first.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await p.OutsiderClient.GetAsync($"/api/v1/documents/{letterId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await p.OutsiderClient.GetAsync($"/api/v1/documents/{letterId}/resolutions")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await p.OutsiderClient.GetAsync($"/api/v1/assignments/{first.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await p.OutsiderClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/report", new { text = "Я тут ни при чём" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ListAsync(p.OutsiderClient, "")).Items.ShouldNotContain(i => i.DocumentId == letterId);
        // Reading is not acting: the second executor may not report on the first one's assignment, nor accept it.
        (await p.SecondClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/report", new { text = "Чужой отчёт" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await p.LeadClient.PostAsJsonAsync($"/api/v1/documents/{letterId}/resolutions", new
        {
            assignments = new[] { new { executorId = p.Second.Id, text = "Сам себе резолюция", dueOn = "2026-12-10" } },
        })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Inbox_Mine_CoversCoExecutorsAndControlledListsTheController(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var p = await PeopleAsync(host);
        var letterId = (await IncomingAsync(p.SecretaryClient, p.Head.Id)).GetProperty("id").GetGuid();
        var resolution = await TwoAssignmentsAsync(p, letterId);
        var first = resolution.Assignments.Single(a => a.Executor.Id == p.Lead.Id);
        var second = resolution.Assignments.Single(a => a.Executor.Id == p.Second.Id);

        var lead = await ListAsync(p.LeadClient, "mine=true");
        var co = await ListAsync(p.CoClient, "mine=true");
        var controlled = await ListAsync(p.HeadClient, "controlled=true");

        lead.Items.Select(i => i.Id).ShouldBe([first.Id]);
        lead.Items.Single().Lead.ShouldBeTrue();
        co.Items.Select(i => i.Id).ShouldBe([first.Id]);
        co.Items.Single().Lead.ShouldBeFalse();
        co.Items.Single().Executor.Id.ShouldBe(p.Lead.Id);
        co.Items.Single().CoExecutorCount.ShouldBe(1);
        controlled.Items.Select(i => i.Id).ShouldBe([first.Id, second.Id], ignoreOrder: true);
        controlled.Total.ShouldBe(2);
        (await ListAsync(p.HeadClient, "mine=true")).Total.ShouldBe(0);
        var counts = await p.CoClient.GetFromJsonAsync<AssignmentCountsDto>("/api/v1/assignments/count", Json);
        counts.ShouldBe(new AssignmentCountsDto(1, 0, 0, 0, 0));

        await OkAsync(await p.CoClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/report", new { text = "Готово" }));
        (await p.HeadClient.GetFromJsonAsync<AssignmentCountsDto>("/api/v1/assignments/count", Json))!.Waiting.ShouldBe(1);
        (await ListAsync(p.LeadClient, "mine=true&status=reported")).Items.Select(i => i.Id).ShouldBe([first.Id]);
        await OkAsync(await p.HeadClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/accept", new { }));
        (await ListAsync(p.CoClient, "mine=true")).Total.ShouldBe(0);
        (await ListAsync(p.CoClient, "mine=true&status=done")).Items.Select(i => i.Id).ShouldBe([first.Id]);
    }
}
