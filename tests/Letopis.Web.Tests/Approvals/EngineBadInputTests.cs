using System.Net;
using System.Net.Http.Json;
using Letopis.Core.Approvals;
using Letopis.Core.Documents;
using Letopis.TestKit;
using Letopis.Web.Tests.Documents;
using Microsoft.EntityFrameworkCore;
using static Letopis.Web.Tests.Approvals.EngineTestKit;

namespace Letopis.Web.Tests.Approvals;

/// <summary>Refused requests say why and change nothing.</summary>
public class EngineBadInputTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Decide_NotYoursDecidedOrWithoutComment_IsRefusedAndChangesNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var author = await host.CreateUserAsync();
        var lawyer = await host.CreateUserAsync();
        var stranger = await host.CreateUserAsync();
        var type = await TypeAsync(host);
        await PublishAsync(host, type, new ApprovalDefinition { Stages = [Stage("law", ApprovalMode.All, lawyer.Id), Stage("two", ApprovalMode.All, author.Id)] });
        var document = await DocumentAsync(host, type, author.Id);
        await StartAsync(await host.ClientAsync(author.Login, author.Password), document);
        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);
        var task = (await InboxTaskAsync(lawyerClient, document))!;
        var before = await RowsAsync(host, document);

        var strangers = await DecideAsync(await host.ClientAsync(stranger.Login, stranger.Password), task.TaskId, "approve");
        strangers.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var unknown = await DecideAsync(lawyerClient, Guid.NewGuid(), "approve");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var noComment = await DecideAsync(lawyerClient, task.TaskId, "reject", "   ");
        (await DocumentTestData.ProblemAsync(noComment, HttpStatusCode.BadRequest)).FieldCodes("comment").ShouldBe(["required"]);
        var badDecision = await DecideAsync(lawyerClient, task.TaskId, "maybe");
        (await DocumentTestData.ProblemAsync(badDecision, HttpStatusCode.BadRequest)).FieldCodes("decision").ShouldBe(["invalid"]);
        (await RowsAsync(host, document)).ShouldBe(before);

        var approved = await DecidedAsync(lawyerClient, task.TaskId, "approve");
        var afterApproval = await RowsAsync(host, document);
        var again = await DecidedAsync(lawyerClient, task.TaskId, "approve");
        again.Version.ShouldBe(approved.Version, "the same decision repeated changes nothing");
        var other = await DecideAsync(lawyerClient, task.TaskId, "reject", "Передумал");
        (await DocumentTestData.ProblemAsync(other, HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("approval_task_decided");
        (await RowsAsync(host, document)).ShouldBe(afterApproval);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Start_TwiceWithoutFileOrSchemeOrRight_IsRefusedAndChangesNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var author = await host.CreateUserAsync();
        var lawyer = await host.CreateUserAsync();
        var outsider = await host.CreateUserAsync();
        var type = await TypeAsync(host);
        var bare = await TypeAsync(host);
        var noScheme = await DocumentAsync(host, bare, author.Id);
        await PublishAsync(host, type, new ApprovalDefinition { Stages = [Stage("law", ApprovalMode.All, lawyer.Id)] });
        var document = await DocumentAsync(host, type, author.Id);
        var withoutFile = await DocumentAsync(host, type, author.Id, withFile: false);
        var authorClient = await host.ClientAsync(author.Login, author.Password);
        await StartAsync(authorClient, document);
        var before = await RowsAsync(host, document, withoutFile, noScheme);

        var twice = await authorClient.PostAsJsonAsync($"/api/v1/documents/{document}/approval", new { });
        (await DocumentTestData.ProblemAsync(twice, HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("approval_running");
        var noFile = await authorClient.PostAsJsonAsync($"/api/v1/documents/{withoutFile}/approval", new { });
        (await DocumentTestData.ProblemAsync(noFile, HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("approval_no_file");
        var schemeless = await authorClient.PostAsJsonAsync($"/api/v1/documents/{noScheme}/approval", new { });
        (await DocumentTestData.ProblemAsync(schemeless, HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("approval_no_scheme");
        var hidden = await (await host.ClientAsync(outsider.Login, outsider.Password)).PostAsJsonAsync($"/api/v1/documents/{withoutFile}/approval", new { });
        hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // The approver sees the route of a document they are asked to approve, but may not start one.
        var notEditor = await (await host.ClientAsync(lawyer.Login, lawyer.Password)).GetAsync($"/api/v1/documents/{document}/approval");
        notEditor.StatusCode.ShouldBe(HttpStatusCode.OK);

        (await RowsAsync(host, document, withoutFile, noScheme)).ShouldBe(before);
        (await StatusAsync(host, withoutFile)).ShouldBe(DocumentStatus.Draft);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Start_TwoAtOnce_OneRouteAndOneConflict(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var author = await host.CreateUserAsync();
        var lawyer = await host.CreateUserAsync();
        var type = await TypeAsync(host);
        await PublishAsync(host, type, new ApprovalDefinition { Stages = [Stage("law", ApprovalMode.All, lawyer.Id)] });
        var document = await DocumentAsync(host, type, author.Id);
        var first = await host.ClientAsync(author.Login, author.Password);
        var second = await host.ClientAsync(author.Login, author.Password);

        var answers = await Task.WhenAll(
            first.PostAsJsonAsync($"/api/v1/documents/{document}/approval", new { }),
            second.PostAsJsonAsync($"/api/v1/documents/{document}/approval", new { }));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBe(1);
        (await host.WithDbAsync(db => db.ApprovalRoutes.CountAsync(r => r.DocumentId == document))).ShouldBe(1);
        (await host.WithDbAsync(db => db.ApprovalTasks.CountAsync(t => t.DocumentId == document))).ShouldBe(1);
    }

    private static Task<(int Routes, int Tasks, int Files, int History)> RowsAsync(LetopisHost host, params Guid[] documents) =>
        host.WithDbAsync(async db => (
            await db.ApprovalRoutes.CountAsync(r => documents.Contains(r.DocumentId)),
            await db.ApprovalTasks.CountAsync(t => documents.Contains(t.DocumentId) && t.Status == ApprovalTaskStatus.Pending),
            await db.ApprovalTaskFiles.CountAsync(f => db.ApprovalTasks.Any(t => t.Id == f.TaskId && documents.Contains(t.DocumentId))),
            await db.ChangeRecords.CountAsync(c => documents.Contains(c.EntityId))));
}
