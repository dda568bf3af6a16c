using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Data;
using Letopis.Core.Mail;
using Letopis.Core.Storage;
using Letopis.TestKit;
using Letopis.Web.Tests.DocumentFiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;
using static Letopis.Web.Tests.Mail.MailTestKit;

namespace Letopis.Web.Tests.Mail;

public class EmailsApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Send_DocumentPdfToContact_ReachesTheServerWithThePdfAndShowsOnTheTimelineAsSent(string provider)
    {
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        using var host = Host(provider, port);
        var admin = await host.AdminAsync();
        var client = await ClientAsync(admin);
        var pdf = PdfOf("Договор поставки № 17");
        var (documentId, fileId) = await FileAsync(host, admin, await FileTestKit.AdminIdAsync(host), client.CounterpartyId, pdf, "Договор поставки № 17.pdf");

        var created = await FileTestKit.CreatedAsync(await admin.PostAsJsonAsync("/api/v1/emails", new
        {
            contactId = client.ContactId,
            counterpartyId = client.CounterpartyId,
            subject = "Договор поставки на подпись",
            body = "Иван Иванович, добрый день!\nНаправляем договор на подпись.",
            documentFileIds = new[] { fileId },
        }));
        created.GetProperty("status").GetString().ShouldBe("queued");
        created.GetProperty("to").GetString().ShouldBe(client.Email);
        created.GetProperty("documentId").GetGuid().ShouldBe(documentId);
        created.GetProperty("attachments")[0].GetProperty("fileName").GetString().ShouldBe("Договор поставки № 17.pdf");
        var id = created.GetProperty("id").GetGuid();
        var activityId = created.GetProperty("activityId").GetGuid();

        await DeliverAsync(host);

        smtp.ReceivedEmailCount.ShouldBe(1);
        smtp.ReceivedEmail[0].ToAddresses.Select(a => a.Address).ShouldBe([client.Email]);
        var message = Parse(smtp.ReceivedEmail[0].Data);
        message.Subject.ShouldBe("Договор поставки на подпись");
        message.TextBody!.ShouldContain("Направляем договор на подпись.");
        var attachment = message.Attachments.OfType<MimePart>().ShouldHaveSingleItem();
        attachment.FileName.ShouldBe("Договор поставки № 17.pdf");
        attachment.ContentType.MimeType.ShouldBe("application/pdf");
        Bytes(attachment).ShouldBe(pdf);

        var email = await GetEmailAsync(admin, id);
        email.GetProperty("status").GetString().ShouldBe("sent");
        email.GetProperty("sentAt").GetDateTime().ShouldBe(LetopisHost.Start.UtcDateTime);
        email.GetProperty("attempts").GetInt32().ShouldBe(1);

        var timeline = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{client.CounterpartyId}/timeline");
        var entry = timeline.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "email_sent");
        entry.GetProperty("entityId").GetGuid().ShouldBe(activityId);
        entry.GetProperty("text").GetString()!.ShouldContain("Договор поставки № 17.pdf");
        entry.GetProperty("text").GetString()!.ShouldContain(client.Email);
        var activity = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{activityId}");
        activity.GetProperty("kind").GetString().ShouldBe("email");
        activity.GetProperty("status").GetString().ShouldBe("done");

        var sentOnly = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/emails?counterpartyId={client.CounterpartyId}&status=sent");
        sentOnly.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldBe([id]);
        var retry = await admin.PostAsync($"/api/v1/emails/{id}/retry", null);
        (await FileTestKit.ProblemAsync(retry, HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("email_not_failed");
        smtp.ReceivedEmailCount.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Send_BadInput_IsRefusedNamingTheProblemAndQueuesNothing(string provider)
    {
        using var host = Host(provider, FreePort(), extra: new Dictionary<string, string?> { ["Letopis:Mail:MaxAttachmentMegabytes"] = "1" });
        var admin = await host.AdminAsync();
        var client = await ClientAsync(admin);
        var adminId = await FileTestKit.AdminIdAsync(host);
        var (_, bigFile) = await FileAsync(host, admin, adminId, client.CounterpartyId, FileTestKit.RandomBytes(1_100_000, 7), "Скан.bin");
        var (_, smallFile) = await FileAsync(host, admin, adminId, client.CounterpartyId, PdfOf("счёт"), "Счёт.pdf");
        var before = await CountsAsync(host);

        var invalid = await FileTestKit.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/emails", new
        {
            contactId = client.ContactId,
            to = "ivanov@@romashka",
            subject = "Счёт",
            documentFileIds = new[] { smallFile },
        }), HttpStatusCode.BadRequest);
        invalid.GetProperty("errors").TryGetProperty("to", out _).ShouldBeTrue(invalid.ToString());
        invalid.GetProperty("fieldCodes").GetProperty("to")[0].GetString().ShouldBe("invalid_address");

        var noSubject = await FileTestKit.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/emails", new
        {
            contactId = client.ContactId,
            subject = " ",
        }), HttpStatusCode.BadRequest);
        noSubject.GetProperty("errors").TryGetProperty("subject", out _).ShouldBeTrue();

        var tooLarge = await FileTestKit.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/emails", new
        {
            contactId = client.ContactId,
            subject = "Скан",
            documentFileIds = new[] { bigFile, smallFile },
        }), HttpStatusCode.RequestEntityTooLarge);
        tooLarge.GetProperty("code").GetString().ShouldBe("attachments_too_large");
        tooLarge.GetProperty("limit").GetInt64().ShouldBe(1024 * 1024);

        // A stored file's blob key is not a generated file: it cannot be smuggled past the document's access.
        var storedKey = await host.WithDbAsync(db => db.DocumentFileVersions.Where(v => v.FileId == smallFile).Select(v => v.BlobKey).SingleAsync());
        var smuggled = await FileTestKit.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/emails", new
        {
            contactId = client.ContactId,
            subject = "Счёт",
            generatedKeys = new[] { new { key = storedKey, fileName = "Счёт.pdf", contentType = "application/pdf" } },
        }), HttpStatusCode.BadRequest);
        smuggled.GetProperty("errors").TryGetProperty("generatedKeys[0].key", out _).ShouldBeTrue(smuggled.ToString());

        (await CountsAsync(host)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Send_GeneratedFile_IsAttachedAndItsBlobOutlivesTheOrphanSweep(string provider)
    {
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        using var host = Host(provider, port, extra: new Dictionary<string, string?> { ["Letopis:Files:OrphanGraceMinutes"] = "10" });
        var admin = await host.AdminAsync();
        var client = await ClientAsync(admin);
        var pdf = PdfOf("Коммерческое предложение");
        // Stored as the template generator stores a file it does not register.
        var key = Guid.CreateVersion7().ToString("N");
        await using (var scope = host.Scope())
            await scope.ServiceProvider.GetRequiredService<IBlobStore>().PutAsync(key, new MemoryStream(pdf), CancellationToken.None);

        var created = await FileTestKit.CreatedAsync(await admin.PostAsJsonAsync("/api/v1/emails", new
        {
            contactId = client.ContactId,
            subject = "Коммерческое предложение",
            generatedKeys = new[] { new { key, fileName = "КП ООО Ромашка.pdf", contentType = "application/pdf" } },
        }));
        created.GetProperty("counterpartyId").GetGuid().ShouldBe(client.CounterpartyId);
        created.GetProperty("attachments")[0].GetProperty("size").GetInt64().ShouldBe(pdf.Length);
        host.Clock.Advance(TimeSpan.FromHours(1));
        await using (var scope = host.Scope())
            await scope.ServiceProvider.GetRequiredService<Letopis.Core.Documents.Files.SweepOrphanBlobs>().RunOnceAsync(CancellationToken.None);

        await DeliverAsync(host);

        var attachment = Parse(smtp.ReceivedEmail.ShouldHaveSingleItem().Data).Attachments.OfType<MimePart>().ShouldHaveSingleItem();
        attachment.FileName.ShouldBe("КП ООО Ромашка.pdf");
        Bytes(attachment).ShouldBe(pdf);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Send_FileDeletedBeforeTheLetterGoesOut_TheLetterStillCarriesTheBytesItWasWrittenWith(string provider)
    {
        var port = FreePort();
        using var host = Host(provider, port);
        var admin = await host.AdminAsync();
        var client = await ClientAsync(admin);
        var pdf = PdfOf("Спецификация");
        var (_, fileId) = await FileAsync(host, admin, await FileTestKit.AdminIdAsync(host), client.CounterpartyId, pdf, "Спецификация.pdf");
        // The server is down: the letter waits in the queue while its file is deleted.
        await FileTestKit.CreatedAsync(await admin.PostAsJsonAsync("/api/v1/emails", new
        {
            contactId = client.ContactId,
            subject = "Спецификация",
            documentFileIds = new[] { fileId },
        }));
        await DeliverAsync(host);
        (await admin.DeleteAsync($"/api/v1/files/{fileId}")).IsSuccessStatusCode.ShouldBeTrue();

        using var smtp = SimpleSmtpServer.Start(port);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await DeliverAsync(host);

        var attachment = Parse(smtp.ReceivedEmail.ShouldHaveSingleItem().Data).Attachments.OfType<MimePart>().ShouldHaveSingleItem();
        Bytes(attachment).ShouldBe(pdf);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Send_RecipientRefusedByTheServer_FailsAtOnceWithTheServersWords(string provider)
    {
        using var server = new RefusingSmtpServer();
        using var host = Host(provider, server.Port);
        var admin = await host.AdminAsync();
        var client = await ClientAsync(admin);
        var created = await FileTestKit.CreatedAsync(await admin.PostAsJsonAsync("/api/v1/emails", new
        {
            contactId = client.ContactId,
            to = "nobody@romashka.example.ru",
            subject = "Акт сверки",
        }));
        var id = created.GetProperty("id").GetGuid();

        await DeliverAsync(host);
        host.Clock.Advance(TimeSpan.FromHours(2));
        await DeliverAsync(host);

        var email = await GetEmailAsync(admin, id);
        email.GetProperty("status").GetString().ShouldBe("failed");
        email.GetProperty("attempts").GetInt32().ShouldBe(1);
        email.GetProperty("lastError").GetString()!.ShouldContain("Recipient address rejected: User unknown");
        email.GetProperty("lastError").GetString()!.ShouldStartWith("550");
        server.Recipients.ShouldBe(1);
        var failed = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/emails?counterpartyId={client.CounterpartyId}&status=failed");
        failed.GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Send_WhileTheServerIsDown_IsRetriedWithBackoffFailsAfterFiveTriesAndIsSentOnRetry(string provider)
    {
        var port = FreePort();
        using var host = Host(provider, port);
        var admin = await host.AdminAsync();
        var client = await ClientAsync(admin);
        var created = await FileTestKit.CreatedAsync(await admin.PostAsJsonAsync("/api/v1/emails", new
        {
            contactId = client.ContactId,
            subject = "Счёт на оплату",
        }));
        var id = created.GetProperty("id").GetGuid();

        await DeliverAsync(host);
        var first = await GetEmailAsync(admin, id);
        first.GetProperty("status").GetString().ShouldBe("queued");
        first.GetProperty("attempts").GetInt32().ShouldBe(1);
        first.GetProperty("lastError").GetString().ShouldNotBeNullOrEmpty();
        first.GetProperty("nextAttemptAt").GetDateTime().ShouldBe(LetopisHost.Start.UtcDateTime.AddMinutes(1));
        // Not due yet: nobody tries.
        (await DeliverAsync(host)).ShouldBe(0);

        foreach (var (wait, attempts) in new[] { (1, 2), (5, 3), (15, 4), (60, 5) })
        {
            host.Clock.Advance(TimeSpan.FromMinutes(wait));
            (await DeliverAsync(host)).ShouldBe(1);
            (await GetEmailAsync(admin, id)).GetProperty("attempts").GetInt32().ShouldBe(attempts);
        }
        var failed = await GetEmailAsync(admin, id);
        failed.GetProperty("status").GetString().ShouldBe("failed");
        failed.GetProperty("lastError").GetString().ShouldNotBeNullOrEmpty();

        using var smtp = SimpleSmtpServer.Start(port);
        var retried = await admin.PostAsync($"/api/v1/emails/{id}/retry", null);
        retried.StatusCode.ShouldBe(HttpStatusCode.OK, await retried.Content.ReadAsStringAsync());
        (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("queued");
        await DeliverAsync(host);

        (await GetEmailAsync(admin, id)).GetProperty("status").GetString().ShouldBe("sent");
        Parse(smtp.ReceivedEmail.ShouldHaveSingleItem().Data).Subject.ShouldBe("Счёт на оплату");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Deliver_OnTwoNodesAtOnce_SendsEachLetterExactlyOnce(string provider)
    {
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        var small = new Dictionary<string, string?> { ["Letopis:Mail:BatchSize"] = "3" };
        using var nodeA = Host(provider, port, extra: small);
        using var nodeB = Host(provider, port, nodeA.ConnectionString, small);
        var admin = await nodeA.AdminAsync();
        var client = await ClientAsync(admin);
        var ids = new List<Guid>();
        for (var i = 0; i < 24; i++)
        {
            // Written straight into the queue, so that the first node's own wake-up does not send them before the race.
            ids.Add(await nodeA.WithDbAsync(async db =>
            {
                var email = new OutgoingEmail
                {
                    CounterpartyId = client.CounterpartyId,
                    To = client.Email,
                    Subject = $"Письмо {i:00}",
                    TextBody = "Текст",
                    Status = OutgoingEmailStatus.Queued,
                    NextAttemptAt = LetopisHost.Start.UtcDateTime,
                    CreatedById = await db.Users.Where(u => u.NormalizedUserName == "ADMIN").Select(u => u.Id).SingleAsync(),
                    CreatedAt = LetopisHost.Start.UtcDateTime,
                };
                db.OutgoingEmails.Add(email);
                await db.SaveChangesAsync();
                return email.Id;
            }));
        }

        var claims = new ConcurrentBag<Guid>();
        async Task ClaimLoopAsync(LetopisHost host, string node)
        {
            for (var round = 0; round < 50; round++)
            {
                await using var scope = host.Scope();
                var db = scope.ServiceProvider.GetRequiredService<LetopisDb>();
                var claimer = scope.ServiceProvider.GetServices<IOutgoingEmailClaimer>().Single(c => c.ProviderKind == db.ProviderKind);
                var got = await claimer.ClaimDueAsync(db, node, LetopisHost.Start.UtcDateTime, LetopisHost.Start.UtcDateTime.AddMinutes(5), 2, CancellationToken.None);
                if (got.Count == 0)
                    return;
                foreach (var id in got)
                    claims.Add(id);
            }
        }
        await Task.WhenAll(ClaimLoopAsync(nodeA, "a1"), ClaimLoopAsync(nodeA, "a2"), ClaimLoopAsync(nodeB, "b1"), ClaimLoopAsync(nodeB, "b2"));
        claims.Count.ShouldBe(24);
        claims.Order().ShouldBe(ids.Order());

        // The claims above expire; then both nodes' senders race for the same letters.
        nodeA.Clock.Advance(TimeSpan.FromMinutes(6));
        nodeB.Clock.Advance(TimeSpan.FromMinutes(6));
        for (var round = 0; round < 10; round++)
            await Task.WhenAll(DeliverAsync(nodeA), DeliverAsync(nodeB), DeliverAsync(nodeA), DeliverAsync(nodeB));

        smtp.ReceivedEmailCount.ShouldBe(24);
        smtp.ReceivedEmail.Select(m => Parse(m.Data).Subject).Distinct().Count().ShouldBe(24);
        (await nodeB.WithDbAsync(db => db.OutgoingEmails.CountAsync(m => ids.Contains(m.Id) && m.Status == OutgoingEmailStatus.Sent))).ShouldBe(24);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Send_FileOfAHiddenCounterparty_Returns404AndQueuesNothing(string provider)
    {
        using var host = Host(provider, FreePort());
        var admin = await host.AdminAsync();
        var hidden = await ClientAsync(admin, "ООО «Тайна»");
        var (_, fileId) = await FileAsync(host, admin, await FileTestKit.AdminIdAsync(host), hidden.CounterpartyId, PdfOf("тайна"), "Тайна.pdf");
        var user = await host.CreateUserAsync();
        var employee = await host.ClientAsync(user.Login, user.Password);
        var own = await ClientAsync(employee, "ООО «Своя»");
        var before = await CountsAsync(host);

        var viaFile = await employee.PostAsJsonAsync("/api/v1/emails", new
        {
            contactId = own.ContactId,
            subject = "Чужой файл",
            documentFileIds = new[] { fileId },
        });
        (await FileTestKit.ProblemAsync(viaFile, HttpStatusCode.NotFound)).GetProperty("code").GetString().ShouldBe("not_found");
        var viaContact = await employee.PostAsJsonAsync("/api/v1/emails", new { contactId = hidden.ContactId, subject = "Чужой контакт" });
        await FileTestKit.ProblemAsync(viaContact, HttpStatusCode.NotFound);

        (await CountsAsync(host)).ShouldBe(before);
        var mine = await FileTestKit.CreatedAsync(await employee.PostAsJsonAsync("/api/v1/emails", new { contactId = own.ContactId, subject = "Своё" }));
        var adminsLetter = await FileTestKit.CreatedAsync(await admin.PostAsJsonAsync("/api/v1/emails", new { contactId = hidden.ContactId, subject = "Тайное" }));
        (await employee.GetAsync($"/api/v1/emails/{adminsLetter.GetProperty("id").GetGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await employee.GetAsync($"/api/v1/emails/{mine.GetProperty("id").GetGuid()}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Send_WithoutSmtp_ReturnsSmtpNotConfiguredAndQueuesNothing()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var client = await ClientAsync(admin);
        // A shared host: only this counterparty's records are this test's to count.
        Task<(int, int, int)> Counts() => host.WithDbAsync(async db => (
            await db.OutgoingEmails.CountAsync(m => m.CounterpartyId == client.CounterpartyId),
            await db.Activities.CountAsync(a => a.CounterpartyId == client.CounterpartyId),
            await db.TimelineEvents.CountAsync(t => t.CounterpartyId == client.CounterpartyId)));
        var before = await Counts();

        var response = await admin.PostAsJsonAsync("/api/v1/emails", new { contactId = client.ContactId, subject = "Договор" });

        var problem = await FileTestKit.ProblemAsync(response, HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().ShouldBe("smtp_not_configured");
        problem.GetProperty("title").GetString()!.ShouldContain("SMTP");
        (await Counts()).ShouldBe(before);
    }

    private static Task<(int Emails, int Attachments, int Activities, int Timeline)> CountsAsync(LetopisHost host) =>
        host.WithDbAsync(async db => (
            await db.OutgoingEmails.CountAsync(), await db.OutgoingEmailAttachments.CountAsync(),
            await db.Activities.CountAsync(), await db.TimelineEvents.CountAsync()));
}
