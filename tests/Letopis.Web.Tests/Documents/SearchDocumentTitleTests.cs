using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Documents;

/// <summary>
/// A document found by search reads in the reader's language: the index keeps one Russian title,
/// the result is composed from the document's type, number and date when it is shown.
/// </summary>
public class SearchDocumentTitleTests
{
    private static async Task<JsonElement> HitAsync(HttpClient client, string q, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/search?q=" + Uri.EscapeDataString(q));
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("entity").GetString() == "document");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Search_DocumentInEnglish_ComposesTypeAndDateInTheReadersLanguage(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var marker = string.Concat(Enumerable.Range(0, 9).Select(_ => "бвгджзклмнпрстфхцчшщ"[Random.Shared.Next(20)]));
        var counterparty = await DocumentTestData.CounterpartyAsync(client);
        var type = await DocumentTestData.TypeAsync(client, "contract");
        var document = await DocumentTestData.RegisterAsync(client, new
        {
            typeId = type.Id(),
            title = $"Поставка {marker}",
            counterpartyId = counterparty,
            registeredOn = "2026-11-28",
        });
        var number = document.Str("number");

        var english = await HitAsync(client, marker, "en");
        english.GetProperty("title").GetString().ShouldBe($"Contract No. {number} “Поставка {marker}”");
        var snippet = english.GetProperty("snippet").GetString()!;
        snippet.ShouldContain(new DateOnly(2026, 11, 28).ToString("d", CultureInfo.GetCultureInfo("en-US")));
        snippet.ShouldNotContain("2026-11-28");

        var russian = await HitAsync(client, marker, "ru");
        russian.GetProperty("title").GetString().ShouldBe($"Договор № {number} «Поставка {marker}»");
        russian.GetProperty("snippet").GetString()!.ShouldContain("28.11.2026");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Search_RenamedType_KeepsTheCompanysName(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var marker = string.Concat(Enumerable.Range(0, 9).Select(_ => "бвгджзклмнпрстфхцчшщ"[Random.Shared.Next(20)]));
        var type = await DocumentTestData.OwnTypeAsync(client, "Т-{n}");
        await DocumentTestData.RegisterAsync(client, new { typeId = type.Id(), title = $"Заявка {marker}" });

        var english = await HitAsync(client, marker, "en");
        english.GetProperty("title").GetString()!.ShouldStartWith(type.Str("name")! + " No. ");
    }
}
