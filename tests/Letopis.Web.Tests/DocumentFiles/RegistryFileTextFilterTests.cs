using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Letopis.Infrastructure.Documents;
using Letopis.TestKit;
using static Letopis.Web.Tests.DocumentFiles.FileTestKit;

namespace Letopis.Web.Tests.DocumentFiles;

/// <summary>The registry's free-text filter reads the words inside attached files, as the global search does.</summary>
public class RegistryFileTextFilterTests
{
    private static async Task<(int Total, List<Guid> Ids)> RegistryAsync(HttpClient client, string q, int page = 1, int pageSize = 50)
    {
        var response = await client.GetAsync($"/api/v1/documents?page={page}&pageSize={pageSize}&q={Uri.EscapeDataString(q)}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("total").GetInt32(), body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Q_FindsADocumentByADeclinedWordOnlyInsideItsFile_OnlyForThoseWhoMaySeeIt(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var owner = await host.CreateUserAsync();
        var client = await host.ClientAsync(owner.Login, owner.Password);
        var marker = Marker();
        var document = await DocumentAsync(host, owner.Id, "Договор подряда на отделку");
        var other = await DocumentAsync(host, owner.Id, "Договор поставки");
        var docx = new SimpleDocumentWriter().Docx("Договор подряда", [$"Стороны согласовали поставку {marker}овками и гидроизоляцию подвала."]);
        await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{document}/files", docx, "договор.docx"));
        await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{other}/files", Encoding.UTF8.GetBytes("Поставка бетона"), "письмо.txt"));
        await ExtractAsync(host);

        // «…овками» in the file, «…овкой» typed; neither the card nor its title holds the word.
        var found = await RegistryAsync(client, $"{marker}овкой");
        found.Total.ShouldBe(1);
        found.Ids.ShouldBe([document]);

        // A colleague outside the owner's reach finds nothing, not even a count.
        var stranger = await host.CreateUserAsync();
        var strangerClient = await host.ClientAsync(stranger.Login, stranger.Password);
        var hidden = await RegistryAsync(strangerClient, $"{marker}овкой");
        hidden.Total.ShouldBe(0);
        hidden.Ids.ShouldBeEmpty();
        (await RegistryAsync(await host.AdminAsync(), $"{marker}овка")).Ids.ShouldBe([document]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Q_MatchingCardsAndFiles_ArePagedWithTheTotal_EachDocumentOnce(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var owner = await host.CreateUserAsync();
        var client = await host.ClientAsync(owner.Login, owner.Password);
        var marker = Marker();
        // One holds the word on its card and in its file, one in its file only, one on its card only.
        var both = await DocumentAsync(host, owner.Id, $"Смета на {marker}ование");
        var fileOnly = await DocumentAsync(host, owner.Id, "Акт выполненных работ");
        var cardOnly = await DocumentAsync(host, owner.Id, $"Письмо о {marker}овании");
        await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{both}/files", Encoding.UTF8.GetBytes($"Раздел: {marker}ование"), "смета.txt"));
        await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{fileOnly}/files", Encoding.UTF8.GetBytes($"Выполнено {marker}ование кровли"), "акт.txt"));
        await ExtractAsync(host);

        var first = await RegistryAsync(client, $"{marker}ования", page: 1, pageSize: 2);
        var second = await RegistryAsync(client, $"{marker}ования", page: 2, pageSize: 2);

        first.Total.ShouldBe(3);
        second.Total.ShouldBe(3);
        first.Ids.Count.ShouldBe(2);
        first.Ids.Concat(second.Ids).ShouldBe([both, fileOnly, cardOnly], ignoreOrder: true);
    }
}
