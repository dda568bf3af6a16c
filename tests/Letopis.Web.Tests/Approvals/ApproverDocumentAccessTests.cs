using System.Net;
using System.Net.Http.Json;
using Letopis.Core.Approvals;
using Letopis.Core.Common;
using Letopis.Core.Documents.Files;
using Letopis.TestKit;
using static Letopis.Web.Tests.Approvals.EngineTestKit;

namespace Letopis.Web.Tests.Approvals;

/// <summary>An approver opens the card and the exact file of what they are asked to approve, wherever the document is held.</summary>
public class ApproverDocumentAccessTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ReadDocument_ApproverOutsideTheAuthorsScope_SeesTheCardAndFileOnlyOnceAsked(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var author = await host.CreateUserAsync();
        var lawyer = await host.CreateUserAsync();
        var stranger = await host.CreateUserAsync();
        var type = await TypeAsync(host);
        await PublishAsync(host, type, new ApprovalDefinition { Stages = [Stage("law", ApprovalMode.All, lawyer.Id)] });
        var document = await DocumentAsync(host, type, author.Id);
        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);
        var strangerClient = await host.ClientAsync(stranger.Login, stranger.Password);
        (await lawyerClient.GetAsync($"/api/v1/documents/{document}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await StartAsync(await host.ClientAsync(author.Login, author.Password), document);

        (await lawyerClient.GetAsync($"/api/v1/documents/{document}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var files = await lawyerClient.GetFromJsonAsync<PageOf<DocumentFileDto>>($"/api/v1/documents/{document}/files", Json);
        var file = files.ShouldNotBeNull().Items.ShouldHaveSingleItem();
        var content = await lawyerClient.GetAsync($"/api/v1/files/{file.Id}/content");
        content.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await content.Content.ReadAsStringAsync()).ShouldStartWith("Текст договора");
        (await strangerClient.GetAsync($"/api/v1/documents/{document}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await strangerClient.GetAsync($"/api/v1/files/{file.Id}/content")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
