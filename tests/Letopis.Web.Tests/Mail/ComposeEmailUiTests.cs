using System.Net.Http.Json;
using Bunit;
using Letopis.Core.Mail;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Counterparties;
using Letopis.Web.Components.Pages.Documents;
using Letopis.Web.Tests.Components;
using Letopis.Web.Tests.DocumentFiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Letopis.Web.Tests.Mail.MailTestKit;

namespace Letopis.Web.Tests.Mail;

/// <summary>Sending a document's file from its card, and the letter's delivery state on the counterparty's timeline.</summary>
public sealed class ComposeEmailUiTests : HostedComponentTest
{
    [Fact]
    public async Task ComposeDialog_FromADocumentsFile_QueuesTheLetterAndTheTimelineShowsItsDelivery()
    {
        using var server = new RefusingSmtpServer();
        using var host = Host(TestDatabases.Sqlite, server.Port);
        Ctx.Services.AddSingleton(host.Services.GetRequiredService<IOptions<OutgoingEmailOptions>>());
        var admin = await host.AdminAsync();
        var adminId = await FileTestKit.AdminIdAsync(host);
        var client = await ClientAsync(admin);
        var (documentId, _) = await FileAsync(host, admin, adminId, client.CounterpartyId, PdfOf("акт"), "Акт № 5.pdf");
        SignIn(host, adminId);

        var card = RenderPage<DocumentCard>((nameof(DocumentCard.Id), documentId));
        card.WaitForElement("[data-testid=doc-heading]");
        card.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Файлы")).Click();
        card.WaitForElement("[data-testid=doc-file-mail]").Click();
        card.WaitForElement("[data-testid=compose-email]");
        // The counterparty's contact with an e-mail is proposed, the file is attached with its size.
        card.WaitForAssertion(() => card.Find("[data-testid=compose-to] input, input[data-testid=compose-to]").GetAttribute("value")!.ShouldContain(client.Email));
        card.Find("[data-testid=compose-attachment]").TextContent.ShouldContain("Акт № 5.pdf");

        var subject = card.Find("[data-testid=compose-subject] input, input[data-testid=compose-subject]");
        new TypedInput(subject).Change(" ");
        card.Find("[data-testid=compose-send]").Click();
        card.WaitForAssertion(() => card.Find("[data-testid=compose-email]").TextContent.ShouldContain("Обязательное поле"));
        (await host.WithDbAsync(db => db.OutgoingEmails.CountAsync())).ShouldBe(0);

        new TypedInput(card.Find("[data-testid=compose-subject] input, input[data-testid=compose-subject]")).Change("Акт выполненных работ");
        card.Find("[data-testid=compose-send]").Click();
        card.WaitForAssertion(() => card.FindAll("[data-testid=compose-email]").ShouldBeEmpty());
        var email = await host.WithDbAsync(db => db.OutgoingEmails.SingleAsync());
        email.To.ShouldBe(client.Email);
        email.ContactId.ShouldBe(client.ContactId);
        email.DocumentId.ShouldBe(documentId);
        (await host.WithDbAsync(db => db.OutgoingEmailAttachments.SingleAsync())).FileName.ShouldBe("Акт № 5.pdf");

        // A second letter to an address the server refuses.
        (await admin.PostAsJsonAsync("/api/v1/emails", new { counterpartyId = client.CounterpartyId, to = "nobody@romashka.example.ru", subject = "Счёт" }))
            .EnsureSuccessStatusCode();
        await DeliverAsync(host);
        server.Accepted.ShouldBe(1);

        await Ctx.DisposeComponentsAsync();
        var timeline = RenderPage<CounterpartyCard>((nameof(CounterpartyCard.Id), client.CounterpartyId));
        timeline.WaitForAssertion(() => timeline.FindAll("[data-testid=email-state]").Count.ShouldBe(2), TimeSpan.FromSeconds(15));
        timeline.Find("[data-testid=email-state][data-status=sent]").TextContent.ShouldContain("Отправлено");
        var failed = timeline.Find("[data-testid=email-state][data-status=failed]");
        failed.TextContent.ShouldContain("Не доставлено: 550");
        failed.TextContent.ShouldContain("User unknown");

        var tried = Volatile.Read(ref server.Recipients);
        timeline.Find("[data-testid=email-retry]").Click();
        // Queued again: the chip shows what the click did, unless the sender, woken by it, has already
        // tried once more (and been refused again) by the time the timeline re-renders.
        timeline.WaitForAssertion(() =>
        {
            if (timeline.FindAll("[data-testid=email-state][data-status=queued]").Count == 1)
                timeline.FindAll("[data-testid=email-retry]").ShouldBeEmpty();
            else
                Volatile.Read(ref server.Recipients).ShouldBeGreaterThan(tried);
        }, TimeSpan.FromSeconds(15));
    }
}
