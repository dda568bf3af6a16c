using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Documents;
using Letopis.Core.Paper;
using Letopis.TestKit;
using Letopis.Web.Tests.Documents;
using Letopis.Web.Tests.Pdf;
using Microsoft.EntityFrameworkCore;
using static Letopis.Web.Tests.Paper.PaperTestKit;

namespace Letopis.Web.Tests.Paper;

/// <summary>Paper copies through the API on both databases: places, movements, lists, refusals, receipt and access.</summary>
public class PaperCopiesApiTests
{
    /// <summary>The shared host's clock stands at Friday 27 November 2026, 09:00 in Moscow.</summary>
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task HandOut_SixAtOnce_ExactlyOneSucceeds(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var place = await PlaceAsync(admin, "Архив");
        var (document, _) = await ContractAsync(admin);
        var copy = await CopyAsync(admin, document, place.Id);
        var holders = new List<TestUser>();
        for (var i = 0; i < 6; i++)
            holders.Add(await host.CreateUserAsync());
        var clients = new List<HttpClient>();
        for (var i = 0; i < 6; i++)
            clients.Add(await host.AdminAsync());

        var responses = await Task.WhenAll(clients.Select((c, i) => HandOutAsync(c, copy.Id, holders[i].Id, Today.AddDays(5))));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            (await DocumentTestData.ProblemAsync(refused, HttpStatusCode.Conflict)).Str("code").ShouldBe("copy_out");
        var winner = await OkAsync(responses.Single(r => r.StatusCode == HttpStatusCode.OK));
        var card = await CopiesOfAsync(admin, document);
        card.Copies.Single().Holder!.Id.ShouldBe(winner.Holder!.Id);
        card.Original!.State.ShouldBe("out");
        var handOuts = await host.WithDbAsync(db => db.PaperMovements.CountAsync(m => m.CopyId == copy.Id && m.Kind == PaperMovementKind.HandedOut));
        handOuts.ShouldBe(1);
        var remindedHolders = await host.WithDbAsync(db => db.Reminders
            .Where(r => r.EntityId == copy.Id && holders.Select(h => h.Id).Contains(r.UserId)).Select(r => r.UserId).Distinct().ToListAsync());
        remindedHolders.ShouldBe([winner.Holder.Id]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task BadInput_EachRefusal_NamesTheProblemAndChangesNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var place = await PlaceAsync(admin, "Архив");
        var (document, _) = await ContractAsync(admin);
        var copy = await CopyAsync(admin, document, place.Id);
        var holder = await host.CreateUserAsync();
        var retired = await host.CreateUserAsync();
        (await admin.PatchAsJsonAsync($"/api/v1/users/{retired.Id}", new { isActive = false })).EnsureSuccessStatusCode();

        // A copy in place cannot be returned.
        var before = await RowsAsync(host, document, copy.Id);
        var inPlace = await admin.PostAsJsonAsync($"/api/v1/copies/{copy.Id}/return", new { });
        (await DocumentTestData.ProblemAsync(inPlace, HttpStatusCode.Conflict)).Str("code").ShouldBe("copy_in_place");
        (await RowsAsync(host, document, copy.Id)).ShouldBe(before);

        // An inactive holder, a due date in the past.
        var inactive = await HandOutAsync(admin, copy.Id, retired.Id, Today.AddDays(3));
        (await DocumentTestData.ProblemAsync(inactive, HttpStatusCode.BadRequest)).FieldCodes("holderId").ShouldBe(["inactive"]);
        var past = await HandOutAsync(admin, copy.Id, holder.Id, Today.AddDays(-1));
        var pastProblem = await DocumentTestData.ProblemAsync(past, HttpStatusCode.BadRequest);
        pastProblem.FieldCodes("dueBack").ShouldBe(["in_past"]);
        pastProblem.GetProperty("errors").GetProperty("dueBack")[0].GetString().ShouldNotBeNullOrWhiteSpace();
        (await RowsAsync(host, document, copy.Id)).ShouldBe(before);

        // Out: handing it out again is refused, and nothing of the first hand-out is lost.
        await HandedOutAsync(admin, copy.Id, holder.Id, Today.AddDays(3));
        var outRows = await RowsAsync(host, document, copy.Id);
        var again = await HandOutAsync(admin, copy.Id, (await host.CreateUserAsync()).Id, Today.AddDays(4));
        (await DocumentTestData.ProblemAsync(again, HttpStatusCode.Conflict)).Str("code").ShouldBe("copy_out");
        (await RowsAsync(host, document, copy.Id)).ShouldBe(outRows);
        var card = await CopiesOfAsync(admin, document);
        card.Copies.Single().Holder!.Id.ShouldBe(holder.Id);
        card.Copies.Single().DueBack.ShouldBe(Today.AddDays(3));

        // The place holds a copy: it stays.
        var delete = await admin.DeleteAsync($"/api/v1/storage-places/{place.Id}");
        (await DocumentTestData.ProblemAsync(delete, HttpStatusCode.Conflict)).Str("code").ShouldBe("storage_place_not_empty");
        (await host.WithDbAsync(db => db.StoragePlaces.CountAsync(p => p.Id == place.Id))).ShouldBe(1);
        (await RowsAsync(host, document, copy.Id)).ShouldBe(outRows);

        // Returned, it lies in its place again; then an empty place can go.
        var returned = await OkAsync(await admin.PostAsJsonAsync($"/api/v1/copies/{copy.Id}/return", new { }));
        returned.State.ShouldBe("in_place");
        returned.StoragePlace!.Id.ShouldBe(place.Id);
        var empty = await PlaceAsync(admin, "Пустая полка");
        (await admin.DeleteAsync($"/api/v1/storage-places/{empty.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Movements_HandOutAndReturn_AreOnTheCardTheHistoryAndTheTimeline(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var office = await PlaceAsync(admin, "Офис");
        var archive = await PlaceAsync(admin, "Архив", office.Id);
        var folder = await PlaceAsync(admin, "Папка", archive.Id);
        folder.Path.ShouldBe($"{office.Name} / {archive.Name} / {folder.Name}");
        var (document, counterparty) = await ContractAsync(admin);
        var copy = await CopyAsync(admin, document, folder.Id);
        var lawyer = await host.CreateUserAsync(fullName: "Юристова Анна Петровна");

        await HandedOutAsync(admin, copy.Id, lawyer.Id, Today.AddDays(2), "Для суда");
        var outCard = await CopiesOfAsync(admin, document);
        outCard.Original!.Holder!.FullName.ShouldBe("Юристова Анна Петровна");
        outCard.Original.DueBack.ShouldBe(Today.AddDays(2));
        outCard.Original.Overdue.ShouldBeFalse();

        await OkAsync(await admin.PostAsJsonAsync($"/api/v1/copies/{copy.Id}/return", new { }));
        var card = await CopiesOfAsync(admin, document);
        card.Original!.State.ShouldBe("in_place");
        card.Original.StoragePlace!.Path.ShouldBe(folder.Path);
        card.Original.Holder.ShouldBeNull();

        var movements = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{document}/paper-movements");
        var items = movements.GetProperty("items").Deserialize<List<PaperMovementDto>>(Json)!;
        items.Select(m => m.Kind).ShouldBe(["returned", "handed_out", "placed"]);
        var handOut = items.Single(m => m.Kind == "handed_out");
        handOut.Holder!.Id.ShouldBe(lawyer.Id);
        handOut.Purpose.ShouldBe("Для суда");
        handOut.ReturnedAt.ShouldNotBeNull();

        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{document}/history?pageSize=100");
        history.GetProperty("items").EnumerateArray().Count(i => i.Str("field") == "paperCopy").ShouldBe(3);
        var timeline = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{counterparty}/timeline?pageSize=100");
        var kinds = timeline.GetProperty("items").EnumerateArray().Select(i => i.Str("kind")).ToList();
        kinds.ShouldContain("paper_handed_out");
        kinds.ShouldContain("paper_returned");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_ByHolderAndDepartment_IncludesSubDepartmentsOnly(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var legal = await host.CreateDepartmentAsync("Юридический отдел");
        var contracts = await host.CreateDepartmentAsync("Договорной сектор", legal);
        var sales = await host.CreateDepartmentAsync("Отдел продаж");
        var lawyer = await host.CreateUserAsync(departmentId: contracts);
        var manager = await host.CreateUserAsync(departmentId: sales);
        var place = await PlaceAsync(admin, "Архив");
        var (first, _) = await ContractAsync(admin);
        var (second, _) = await ContractAsync(admin);
        var (third, _) = await ContractAsync(admin);
        var toLawyer = await CopyAsync(admin, first, place.Id);
        var alsoLawyer = await CopyAsync(admin, second, place.Id, "copy");
        var toManager = await CopyAsync(admin, third, place.Id);
        await HandedOutAsync(admin, toLawyer.Id, lawyer.Id, Today.AddDays(1));
        await HandedOutAsync(admin, alsoLawyer.Id, lawyer.Id, Today.AddDays(10));
        await HandedOutAsync(admin, toManager.Id, manager.Id, Today.AddDays(1));

        var byLegal = await ListAsync(admin, $"out=true&departmentId={legal}");
        byLegal.Select(c => c.Id).ShouldBe([toLawyer.Id, alsoLawyer.Id], "the sub-department's copies, soonest due first");
        byLegal.ShouldAllBe(c => c.HolderDepartmentId == contracts && c.Holder!.Id == lawyer.Id);
        (await ListAsync(admin, $"departmentId={sales}")).Select(c => c.Id).ShouldBe([toManager.Id]);
        (await ListAsync(admin, $"holderId={lawyer.Id}")).Count.ShouldBe(2);
        (await ListAsync(admin, $"holderId={lawyer.Id}&overdue=true")).ShouldBeEmpty();
        var counts = await admin.GetFromJsonAsync<PaperCopyCountsDto>($"/api/v1/copies/counts?departmentId={legal}", Json);
        counts.ShouldBe(new PaperCopyCountsDto(2, 0));

        // Not office staff: the lawyer sees the copies they hold, not the manager's.
        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);
        (await ListAsync(lawyerClient, "out=true")).Select(c => c.Id).Order().ShouldBe(new[] { toLawyer.Id, alsoLawyer.Id }.Order());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Receive_SignedOriginalBack_MarksTheDocumentSigned(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var place = await PlaceAsync(admin, "Архив");
        var (document, counterparty) = await ContractAsync(admin);
        var copy = await CopyAsync(admin, document, place.Id);

        var sent = await OkAsync(await admin.PostAsJsonAsync($"/api/v1/copies/{copy.Id}/send",
            new { method = "courier", trackingNumber = "CDEK-1234567" }));
        sent.State.ShouldBe("sent");
        sent.SentMethod.ShouldBe("courier");
        sent.TrackingNumber.ShouldBe("CDEK-1234567");
        (await CopiesOfAsync(admin, document)).Original!.TrackingNumber.ShouldBe("CDEK-1234567");
        var handOutSent = await HandOutAsync(admin, copy.Id, (await host.CreateUserAsync()).Id, Today.AddDays(1));
        (await DocumentTestData.ProblemAsync(handOutSent, HttpStatusCode.Conflict)).Str("code").ShouldBe("copy_sent");

        var back = await OkAsync(await admin.PostAsJsonAsync($"/api/v1/copies/{copy.Id}/receive",
            new { storagePlaceId = place.Id, signedByCounterparty = true }));
        back.State.ShouldBe("in_place");
        var card = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{document}");
        card.Str("status").ShouldBe("signed");
        card.Str("signedByCounterpartyOn").ShouldBe("2026-11-27");
        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{document}/history?pageSize=100");
        history.GetProperty("items").EnumerateArray().ShouldContain(i => i.Str("field") == "status" && i.Str("newValue") == "Signed");
        var timeline = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{counterparty}/timeline?pageSize=100");
        timeline.GetProperty("items").EnumerateArray().Select(i => i.Str("kind")).ShouldContain("paper_received");

        // A new exemplar from the counterparty: number 2, the other contract signed too.
        var (other, _) = await ContractAsync(admin);
        await CopyAsync(admin, other, place.Id, "copy");
        var arrived = await admin.PostAsJsonAsync($"/api/v1/documents/{other}/copies/receive",
            new { storagePlaceId = place.Id, method = "post", trackingNumber = "80081234567890" });
        arrived.StatusCode.ShouldBe(HttpStatusCode.Created, await arrived.Content.ReadAsStringAsync());
        var exemplar = (await arrived.Content.ReadFromJsonAsync<PaperCopyDto>(Json))!;
        exemplar.Number.ShouldBe(2);
        exemplar.Kind.ShouldBe("original");
        (await host.WithDbAsync(db => db.Documents.Where(d => d.Id == other).Select(d => d.Status).SingleAsync())).ShouldBe(DocumentStatus.Signed);
        (await CopiesOfAsync(admin, other)).Original!.CopyId.ShouldBe(exemplar.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Access_HiddenDocument_Is404AndPlacesNeedTheRight(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var place = await PlaceAsync(admin, "Архив");
        var (document, _) = await ContractAsync(admin);
        var copy = await CopyAsync(admin, document, place.Id);
        var stranger = await host.CreateUserAsync();
        var client = await host.ClientAsync(stranger.Login, stranger.Password);

        (await client.GetAsync($"/api/v1/documents/{document}/copies")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/v1/documents/{document}/paper-movements")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/v1/copies/{copy.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PostAsJsonAsync($"/api/v1/documents/{document}/copies", new { kind = "copy", storagePlaceId = place.Id }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await HandOutAsync(client, copy.Id, stranger.Id, Today.AddDays(1))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PostAsJsonAsync($"/api/v1/copies/{copy.Id}/move", new { storagePlaceId = place.Id })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ListAsync(client, $"documentId={document}")).ShouldBeEmpty();
        var act = await client.PostAsJsonAsync("/api/v1/copies/handover-act", new { copyIds = new[] { copy.Id } });
        (await DocumentTestData.ProblemAsync(act, HttpStatusCode.BadRequest)).FieldCodes("copyIds").ShouldBe(["not_found"]);
        (await client.PostAsJsonAsync("/api/v1/storage-places", new { name = "Моя полка" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await host.WithDbAsync(db => db.PaperCopies.CountAsync(c => c.DocumentId == document))).ShouldBe(1);
        (await CopiesOfAsync(admin, document)).Original!.State.ShouldBe("in_place");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task StoragePlace_RenamedAndMoved_PathsOfTheSubtreeFollow(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var office = await PlaceAsync(admin, "Офис");
        var archive = await PlaceAsync(admin, "Архив", office.Id);
        var cabinet = await PlaceAsync(admin, "Шкаф", archive.Id);
        var other = await PlaceAsync(admin, "Склад");

        var moved = await admin.PutAsJsonAsync($"/api/v1/storage-places/{archive.Id}", new { name = "Архив 2", parentId = other.Id, version = archive.Version });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        var tree = (await admin.GetFromJsonAsync<List<StoragePlaceDto>>("/api/v1/storage-places", Json))!;
        tree.Single(p => p.Id == cabinet.Id).Path.ShouldBe($"{other.Name} / Архив 2 / {cabinet.Name}");
        tree.Single(p => p.Id == office.Id).ChildrenCount.ShouldBe(0);

        var cycle = await admin.PutAsJsonAsync($"/api/v1/storage-places/{other.Id}", new { name = other.Name, parentId = cabinet.Id });
        (await DocumentTestData.ProblemAsync(cycle, HttpStatusCode.BadRequest)).FieldCodes("parentId").ShouldBe(["cycle"]);
        var stale = await admin.PutAsJsonAsync($"/api/v1/storage-places/{archive.Id}", new { name = "Архив 3", parentId = other.Id, version = archive.Version });
        (await DocumentTestData.ProblemAsync(stale, HttpStatusCode.Conflict)).Str("code").ShouldBe("stale_version");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task HandoverAct_Html_ListsTheCopiesAndTheReceiver(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var place = await PlaceAsync(admin, "Архив");
        var (first, _) = await ContractAsync(admin);
        var (second, _) = await ContractAsync(admin);
        var a = await CopyAsync(admin, first, place.Id);
        var b = await CopyAsync(admin, second, place.Id, "copy");
        var lawyer = await host.CreateUserAsync(fullName: "Приёмова Ольга Игоревна");
        await HandedOutAsync(admin, a.Id, lawyer.Id, Today.AddDays(3));
        await HandedOutAsync(admin, b.Id, lawyer.Id, Today.AddDays(3));

        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var response = await admin.PostAsJsonAsync("/api/v1/copies/handover-act", new { copyIds = new[] { a.Id, b.Id }, format = "html" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Акт приёма-передачи");
        html.ShouldContain(a.DocumentTitle);
        html.ShouldContain(b.DocumentTitle);
        html.ShouldContain("Приёмова Ольга Игоревна");
        html.ShouldContain("30.11.2026");
        html.ShouldContain("Всего экземпляров: 2");
    }

    [Fact]
    public async Task HandoverAct_Pdf_CarriesTheCopiesAndTheReceiverInItsText()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var place = await PlaceAsync(admin, "Архив");
        var (document, _) = await ContractAsync(admin);
        var copy = await CopyAsync(admin, document, place.Id);
        var receiver = await host.CreateUserAsync(fullName: "Передаткина Ёлка Игоревна");
        await HandedOutAsync(admin, copy.Id, receiver.Id, Today.AddDays(3));

        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var response = await admin.PostAsJsonAsync("/api/v1/copies/handover-act", new { copyIds = new[] { copy.Id }, format = "pdf" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldEndWith(".pdf");
        var text = PdfTestKit.Text(await response.Content.ReadAsByteArrayAsync());
        text.ShouldContain("приёма-передачи");
        text.ShouldContain("Передаткина");
        text.ShouldContain("Ёлка");
        text.ShouldContain("30.11.2026");
        // The columns of the table interleave in the extracted text: the title's words are there, not in one run.
        text.ShouldContain("поставки");
    }
}
