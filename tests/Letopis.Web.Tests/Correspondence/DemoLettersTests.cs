using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Common;
using Letopis.Core.Correspondence;
using Letopis.TestKit;
using static Letopis.Web.Tests.Correspondence.CorrespondenceTestKit;

namespace Letopis.Web.Tests.Correspondence;

/// <summary>The demo company's letters show correspondence at every step: answered, at work, overdue, waiting.</summary>
public class DemoLettersTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DemoCompany_Letters_HaveDoneOpenOverdueAndReportedAssignmentsAndSentReplies(string provider)
    {
        var host = DemoHosts.Shared(provider);
        var admin = await host.AdminAsync();

        var all = await ListAsync(admin, "status=open,reported,done&pageSize=500");
        all.Items.ShouldContain(i => i.Status == "done");
        all.Items.ShouldContain(i => i.Status == "reported");
        all.Items.ShouldContain(i => i.Status == "open" && i.Overdue);
        all.Items.ShouldContain(i => i.Status == "open" && !i.Overdue && i.CoExecutorCount > 0);
        var closedByReply = await Task.WhenAll(all.Items.Where(i => i.Status == "done").Select(i => AssignmentAsync(admin, i.Id)));
        closedByReply.ShouldContain(a => a.Closure == "reply" && a.ReplyDocumentNumber != null);
        closedByReply.ShouldContain(a => a.Closure == "accepted" && a.Reports.Any(r => r.Outcome == "accepted"));

        var desk = await admin.GetFromJsonAsync<CorrespondenceDeskDto>("/api/v1/correspondence/desk", Json);
        desk!.AwaitingResolution.Count.ShouldBeGreaterThan(0);
        desk.AwaitingReply.Items.ShouldContain(l => l.Overdue);
        var popova = await host.ClientAsync("popova", Core.Demo.SeedDemoCompany.Password);
        (await ListAsync(popova, "mine=true")).Total.ShouldBeGreaterThan(0);
        var letter = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{all.Items.First(i => i.Status == "reported").DocumentId}");
        letter.GetProperty("addressee").GetProperty("fullName").GetString().ShouldBe("Соколов Андрей Викторович");
    }
}
