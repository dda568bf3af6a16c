using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Correspondence;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using static Letopis.Web.Tests.Correspondence.CorrespondenceTestKit;

namespace Letopis.Web.Tests.Correspondence;

/// <summary>An incoming letter from registration to the reply that closes its assignments.</summary>
public class CorrespondenceFlowTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Letter_ResolutionReportAcceptAndReplySent_ClosesBothAssignments(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var p = await PeopleAsync(host);
        var counterparty = await Documents.DocumentTestData.CounterpartyAsync(p.SecretaryClient);
        var letter = await IncomingAsync(p.SecretaryClient, p.Head.Id, counterparty);
        var letterId = letter.GetProperty("id").GetGuid();
        letter.GetProperty("deliveryMethod").GetString().ShouldBe("post");
        letter.GetProperty("pages").GetInt32().ShouldBe(3);
        letter.GetProperty("addressee").GetProperty("id").GetGuid().ShouldBe(p.Head.Id);
        letter.GetProperty("incomingNumber").GetString().ShouldBe("12-345");

        // The addressee reads the letter addressed to them and writes the resolution.
        (await p.HeadClient.GetAsync($"/api/v1/documents/{letterId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var resolution = await TwoAssignmentsAsync(p, letterId);
        resolution.Assignments.Count.ShouldBe(2);
        resolution.Assignments.ShouldAllBe(a => a.Status == "open" && a.Controller!.Id == p.Head.Id);
        var first = resolution.Assignments.Single(a => a.Executor.Id == p.Lead.Id);
        var second = resolution.Assignments.Single(a => a.Executor.Id == p.Second.Id);
        first.CoExecutors.Select(c => c.Id).ShouldBe([p.CoExecutor.Id]);
        (await TitlesAsync(host, p.CoExecutor.Id)).ShouldContain(t => t.StartsWith("Новое поручение, срок 10.12.2026"));

        // The lead reports; on control it waits for the controller.
        var reported = await OkAsync(await p.LeadClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/report", new { text = "Акт сверки проверен, расхождений нет" }));
        reported.Status.ShouldBe("reported");
        reported.Reports.Single().Text.ShouldBe("Акт сверки проверен, расхождений нет");
        (await TitlesAsync(host, p.Head.Id)).ShouldContain(t => t.StartsWith("Отчёт об исполнении поручения"));
        (await AssignmentAsync(p.HeadClient, first.Id)).Actions.ShouldContain("accept");

        var accepted = await OkAsync(await p.HeadClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/accept", new { comment = "Спасибо" }));
        accepted.Status.ShouldBe("done");
        accepted.Closure.ShouldBe("accepted");
        accepted.Reports.Single().Outcome.ShouldBe("accepted");

        // The secretary sees the letter waiting for its reply, registers the reply and sends it.
        var desk = await p.SecretaryClient.GetFromJsonAsync<CorrespondenceDeskDto>("/api/v1/correspondence/desk", Json);
        desk!.AwaitingReply.Items.ShouldContain(l => l.Id == letterId);
        var reply = await Documents.DocumentTestData.RegisterAsync(p.SecretaryClient, new
        {
            typeCode = "outgoing-letter", title = "Ответ на запрос сверки", counterpartyId = counterparty, replyToId = letterId,
        });
        var replyId = reply.GetProperty("id").GetGuid();
        reply.GetProperty("replyTo").GetProperty("id").GetGuid().ShouldBe(letterId);
        desk = await p.SecretaryClient.GetFromJsonAsync<CorrespondenceDeskDto>("/api/v1/correspondence/desk", Json);
        desk!.AwaitingSending.Items.ShouldContain(l => l.Id == replyId);

        var sent = await p.SecretaryClient.PostAsJsonAsync($"/api/v1/documents/{replyId}/send",
            new { sentOn = "2026-11-27", deliveryMethod = "courier", trackingNumber = "CDEK-100200" });
        sent.StatusCode.ShouldBe(HttpStatusCode.OK, await sent.Content.ReadAsStringAsync());
        var sentCard = await sent.Content.ReadFromJsonAsync<JsonElement>();
        sentCard.GetProperty("sentOn").GetString().ShouldBe("2026-11-27");
        sentCard.GetProperty("trackingNumber").GetString().ShouldBe("CDEK-100200");

        var closed = await AssignmentAsync(p.SecondClient, second.Id);
        closed.Status.ShouldBe("done");
        closed.Closure.ShouldBe("reply");
        closed.ReplyDocumentId.ShouldBe(replyId);
        (await AssignmentAsync(p.LeadClient, first.Id)).Closure.ShouldBe("accepted", "the accepted one stays accepted");
        (await ListAsync(p.SecondClient, "mine=true")).Items.ShouldNotContain(i => i.Id == second.Id);
        var card = await p.HeadClient.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{letterId}");
        card.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ShouldBe([replyId]);
        desk = await p.SecretaryClient.GetFromJsonAsync<CorrespondenceDeskDto>("/api/v1/correspondence/desk", Json);
        desk!.AwaitingReply.Items.ShouldNotContain(l => l.Id == letterId);
        desk.AwaitingSending.Items.ShouldNotContain(l => l.Id == replyId);

        // The letter's history and the counterparty's timeline tell the story.
        var history = await host.WithDbAsync(db => db.ChangeRecords.Where(c => c.EntityKind == "document" && c.EntityId == letterId)
            .Select(c => c.Field).ToListAsync());
        history.ShouldContain(CorrespondenceNotices.HistoryResolution);
        history.Count(f => f == CorrespondenceNotices.HistoryAssignment).ShouldBeGreaterThanOrEqualTo(3);
        var timeline = await host.WithDbAsync(db => db.TimelineEvents.Where(e => e.CounterpartyId == counterparty).Select(e => e.Kind).ToListAsync());
        timeline.ShouldContain(CorrespondenceNotices.TimelineResolution);
        timeline.ShouldContain(CorrespondenceNotices.TimelineSent);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Return_WithComment_ReopensForTheExecutorsAndTellsThem(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var p = await PeopleAsync(host);
        var letterId = (await IncomingAsync(p.SecretaryClient, p.Head.Id)).GetProperty("id").GetGuid();
        var first = (await TwoAssignmentsAsync(p, letterId)).Assignments.Single(a => a.Executor.Id == p.Lead.Id);
        await OkAsync(await p.CoClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/report", new { text = "Сверили" }));

        var noComment = await p.HeadClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/return", new { comment = " " });
        (await ProblemAsync(noComment, HttpStatusCode.BadRequest)).FieldCodes("comment").ShouldBe(["required"]);
        var returned = await OkAsync(await p.HeadClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/return", new { comment = "Приложите акт" }));

        returned.Status.ShouldBe("open");
        returned.Reports.Single().Outcome.ShouldBe("returned");
        returned.Reports.Single().ReviewComment.ShouldBe("Приложите акт");
        (await TitlesAsync(host, p.Lead.Id)).ShouldContain(t => t.StartsWith("Отчёт возвращён на доработку"));
        (await TitlesAsync(host, p.CoExecutor.Id)).ShouldContain(t => t.StartsWith("Отчёт возвращён на доработку"));
        (await ListAsync(p.LeadClient, "mine=true")).Items.ShouldContain(i => i.Id == first.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ReportFiles_ByAnExecutorWithoutEditRights_LandOnTheLetterAndTheReport(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var p = await PeopleAsync(host);
        var letterId = (await IncomingAsync(p.SecretaryClient, p.Head.Id)).GetProperty("id").GetGuid();
        var first = (await TwoAssignmentsAsync(p, letterId)).Assignments.Single(a => a.Executor.Id == p.Lead.Id);

        await UploadAsync(p.LeadClient, $"/api/v1/assignments/{first.Id}/files", "akt-sverki.pdf", "%PDF-1.4 акт");
        var reported = await OkAsync(await p.LeadClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/report", new { text = "Акт во вложении" }));

        reported.Reports.Single().Files.Select(f => f.Name).ShouldBe(["akt-sverki.pdf"]);
        var files = await p.SecretaryClient.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{letterId}/files");
        files.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ShouldContain("akt-sverki.pdf");
        var outsider = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "x.bin" } };
        (await p.OutsiderClient.PostAsync($"/api/v1/assignments/{first.Id}/files", outsider)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Extension_AskedAndGranted_MovesTheDueDateOfEveryExecutor(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var p = await PeopleAsync(host);
        var letterId = (await IncomingAsync(p.SecretaryClient, p.Head.Id)).GetProperty("id").GetGuid();
        var first = (await TwoAssignmentsAsync(p, letterId)).Assignments.Single(a => a.Executor.Id == p.Lead.Id);

        var earlier = await p.LeadClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/extension", new { dueOn = "2026-12-09", reason = "Ждём акт" });
        (await ProblemAsync(earlier, HttpStatusCode.BadRequest)).FieldCodes("dueOn").ShouldBe([CorrespondenceNotices.NotLater]);
        var asked = await OkAsync(await p.LeadClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/extension", new { dueOn = "2026-12-17", reason = "Ждём акт от контрагента" }));
        asked.ExtensionRequestedTo.ShouldBe(new DateOnly(2026, 12, 17));
        (await ProblemAsync(await p.LeadClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/extension/decision", new { approve = true }), HttpStatusCode.Forbidden))
            .GetProperty("code").GetString().ShouldBe("forbidden");

        var granted = await OkAsync(await p.HeadClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/extension/decision", new { approve = true }));

        granted.DueOn.ShouldBe(new DateOnly(2026, 12, 17));
        granted.ExtensionRequestedTo.ShouldBeNull();
        (await ListAsync(p.CoClient, "mine=true")).Items.Single(i => i.Id == first.Id).DueOn.ShouldBe(new DateOnly(2026, 12, 17));
        (await TitlesAsync(host, p.CoExecutor.Id)).ShouldContain(t => t.StartsWith("Срок поручения перенесён на 17.12.2026"));
    }
}
