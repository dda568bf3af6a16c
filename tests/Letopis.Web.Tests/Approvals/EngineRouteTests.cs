using Letopis.Core.Approvals;
using Letopis.Core.Documents;
using Letopis.TestKit;
using static Letopis.Web.Tests.Approvals.EngineTestKit;

namespace Letopis.Web.Tests.Approvals;

public class EngineRouteTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Decide_SequentialThenParallelStages_RunsToApproval(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var author = await host.CreateUserAsync();
        var lawyer = await host.CreateUserAsync();
        var accountant = await host.CreateUserAsync();
        var director = await host.CreateUserAsync();
        var type = await TypeAsync(host);
        await PublishAsync(host, type, new ApprovalDefinition
        {
            Stages = [Stage("law", ApprovalMode.All, lawyer.Id), Stage("money", ApprovalMode.All, accountant.Id, director.Id)],
        });
        var document = await DocumentAsync(host, type, author.Id);
        var authorClient = await host.ClientAsync(author.Login, author.Password);

        var route = await StartAsync(authorClient, document);

        route.Status.ShouldBe("running");
        route.SchemeVersion.ShouldBe(1);
        route.Stages.Select(s => s.Status).ShouldBe(["active", "pending"]);
        (await StatusAsync(host, document)).ShouldBe(DocumentStatus.OnApproval);
        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);
        var lawTask = (await InboxTaskAsync(lawyerClient, document)).ShouldNotBeNull();

        route = await DecidedAsync(lawyerClient, lawTask.TaskId, "approve");

        route.Stages.Select(s => s.Status).ShouldBe(["approved", "active"]);
        route.Stages[0].Tasks.Single().Files.Single().Sha256.Length.ShouldBe(64);
        var accountantClient = await host.ClientAsync(accountant.Login, accountant.Password);
        var directorClient = await host.ClientAsync(director.Login, director.Password);
        var accountantTask = (await InboxTaskAsync(accountantClient, document)).ShouldNotBeNull();
        var directorTask = (await InboxTaskAsync(directorClient, document)).ShouldNotBeNull();
        await DecidedAsync(accountantClient, accountantTask.TaskId, "approve");
        (await StatusAsync(host, document)).ShouldBe(DocumentStatus.OnApproval);

        route = await DecidedAsync(directorClient, directorTask.TaskId, "approve");

        route.Status.ShouldBe("approved");
        route.Stages.Select(s => s.Status).ShouldBe(["approved", "approved"]);
        (await StatusAsync(host, document)).ShouldBe(DocumentStatus.Approved);
        (await InboxTaskAsync(directorClient, document)).ShouldBeNull();
    }
}
