using System.Net;
using System.Net.Http.Json;
using Letopis.Core.Correspondence;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using static Letopis.Web.Tests.Correspondence.CorrespondenceTestKit;

namespace Letopis.Web.Tests.Correspondence;

/// <summary>Refused resolutions, reports and replies: a localized error naming the field, and nothing written.</summary>
public class AssignmentBadInputTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task WriteResolution_WithoutExecutorOrDueInThePastOrInactivePeople_WritesNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var p = await PeopleAsync(host);
        var letterId = (await IncomingAsync(p.SecretaryClient, p.Head.Id)).GetProperty("id").GetGuid();
        var inactive = await host.CreateUserAsync();
        await host.WithDbAsync(db => db.Users.Where(u => u.Id == inactive.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));
        var people = new[] { p.Head.Id, p.Lead.Id, p.CoExecutor.Id, p.Second.Id, inactive.Id };
        var before = await RowsAsync(host, letterId, people);

        var noExecutor = await ResolveAsync(p.HeadClient, letterId, new { assignments = new[] { new { text = "Ответить", dueOn = "2026-12-10" } } });
        var problem = await ProblemAsync(noExecutor, HttpStatusCode.BadRequest);
        problem.FieldCodes("assignments[0].executorId").ShouldBe(["required"]);
        problem.GetProperty("errors").GetProperty("assignments[0].executorId")[0].GetString().ShouldBe("Обязательное поле");

        var past = await ResolveAsync(p.HeadClient, letterId, new
        {
            assignments = new object[]
            {
                new { executorId = p.Lead.Id, text = "Ответить", dueOn = "2026-12-10" },
                new { executorId = p.Second.Id, text = "Ответить", dueOn = "2026-11-26" },
            },
        });
        problem = await ProblemAsync(past, HttpStatusCode.BadRequest);
        problem.FieldCodes("assignments[1].dueOn").ShouldBe([CorrespondenceNotices.InPast]);
        problem.GetProperty("errors").GetProperty("assignments[1].dueOn")[0].GetString().ShouldBe("Дата в прошлом");
        problem.FieldCodes("assignments[0].dueOn").ShouldBeEmpty();

        var inactiveExecutor = await ResolveAsync(p.HeadClient, letterId, new
        {
            assignments = new[] { new { executorId = inactive.Id, coExecutorIds = Array.Empty<Guid>(), text = "Ответить", dueOn = "2026-12-10", controllerId = (Guid?)null } },
        });
        (await ProblemAsync(inactiveExecutor, HttpStatusCode.BadRequest)).FieldCodes("assignments[0].executorId").ShouldBe([CorrespondenceNotices.InactiveUser]);
        var inactiveCo = await ResolveAsync(p.HeadClient, letterId, new
        {
            assignments = new[] { new { executorId = p.Lead.Id, coExecutorIds = new[] { inactive.Id }, text = "Ответить", dueOn = "2026-12-10", controllerId = (Guid?)inactive.Id } },
        });
        problem = await ProblemAsync(inactiveCo, HttpStatusCode.BadRequest);
        problem.FieldCodes("assignments[0].coExecutorIds").ShouldBe([CorrespondenceNotices.InactiveUser]);
        problem.FieldCodes("assignments[0].controllerId").ShouldBe([CorrespondenceNotices.InactiveUser]);

        var none = await ResolveAsync(p.HeadClient, letterId, new { text = "Без поручений", assignments = Array.Empty<object>() });
        (await ProblemAsync(none, HttpStatusCode.BadRequest)).FieldCodes("assignments").ShouldBe(["required"]);

        (await RowsAsync(host, letterId, people)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Report_OnAClosedAssignment_Is409AndNothingChanges(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var p = await PeopleAsync(host);
        var letterId = (await IncomingAsync(p.SecretaryClient, p.Head.Id)).GetProperty("id").GetGuid();
        var first = (await TwoAssignmentsAsync(p, letterId)).Assignments.Single(a => a.Executor.Id == p.Lead.Id);
        await OkAsync(await p.LeadClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/report", new { text = "Готово" }));
        await OkAsync(await p.HeadClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/accept", new { }));
        var people = new[] { p.Head.Id, p.Lead.Id, p.CoExecutor.Id };
        var before = await RowsAsync(host, letterId, people);

        var again = await p.CoClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/report", new { text = "Ещё отчёт" });
        var problem = await ProblemAsync(again, HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().ShouldBe(CorrespondenceNotices.Closed);
        problem.GetProperty("title").GetString().ShouldBe("Поручение уже закрыто");
        (await ProblemAsync(await p.HeadClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/return", new { comment = "Поздно" }), HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe(CorrespondenceNotices.Closed);
        (await ProblemAsync(await p.LeadClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/extension", new { dueOn = "2026-12-20", reason = "Поздно" }), HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe(CorrespondenceNotices.Closed);

        (await RowsAsync(host, letterId, people)).ShouldBe(before);
        (await AssignmentAsync(p.LeadClient, first.Id)).Status.ShouldBe("done");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Register_ReplyToAnythingButAVisibleIncomingLetter_Is400AndRegistersNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var p = await PeopleAsync(host);
        var hidden = (await IncomingAsync(p.OutsiderClient, p.Outsider.Id)).GetProperty("id").GetGuid();
        var memo = await Documents.DocumentTestData.RegisterAsync(p.SecretaryClient, new { typeCode = "outgoing-letter", title = "Не входящее" });
        var title = "Ответ " + Guid.NewGuid().ToString("N")[..8];

        var toHidden = await p.SecretaryClient.PostAsJsonAsync("/api/v1/documents", new { typeCode = "outgoing-letter", title, replyToId = hidden });
        (await ProblemAsync(toHidden, HttpStatusCode.BadRequest)).FieldCodes("replyToId").ShouldBe(["not_found"]);
        var toOutgoing = await p.SecretaryClient.PostAsJsonAsync("/api/v1/documents", new { typeCode = "outgoing-letter", title, replyToId = memo.GetProperty("id").GetGuid() });
        (await ProblemAsync(toOutgoing, HttpStatusCode.BadRequest)).FieldCodes("replyToId").ShouldBe(["not_incoming_letter"]);
        var badMethod = await p.SecretaryClient.PostAsJsonAsync("/api/v1/documents", new { typeCode = "incoming-letter", title, deliveryMethod = "pigeon", pages = 0 });
        var problem = await ProblemAsync(badMethod, HttpStatusCode.BadRequest);
        problem.FieldCodes("deliveryMethod").ShouldBe(["invalid"]);
        problem.FieldCodes("pages").ShouldBe(["out_of_range"]);

        (await host.WithDbAsync(db => db.Documents.CountAsync(d => d.Title == title))).ShouldBe(0);
    }
}
