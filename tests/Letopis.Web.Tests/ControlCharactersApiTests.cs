using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Letopis.Core.Common;
using Letopis.TestKit;

namespace Letopis.Web.Tests;

/// <summary>
/// One rule for every text a person types: control characters (NUL first: PostgreSQL cannot store it),
/// direction overrides and invisible separators are refused with <c>control_characters</c> on the
/// field, in every kind of record; multi-line fields still take line breaks and tabs.
/// </summary>
public class ControlCharactersApiTests
{
    private static async Task ShouldRefuseAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("fieldCodes").GetProperty(field).EnumerateArray().Select(c => c.GetString()).ShouldContain(TextRules.ControlCharacters, text);
        problem.GetProperty("errors").GetProperty(field)[0].GetString().ShouldNotBeNullOrWhiteSpace();
    }

    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    private static string Unique(string stem) => stem + " " + Guid.NewGuid().ToString("N")[..6];

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_TextWithControlCharacters_Is400NamingTheField(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var tomorrow = host.Clock.GetUtcNow().AddDays(1);

        // Counterparty: name (NUL, right-to-left override, a line break in a single-line field), tags, a text custom field, a note.
        await ShouldRefuseAsync(await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = "ООО «Ромашка\0»" }), "name");
        await ShouldRefuseAsync(await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = "ООО «Ромашка\u202Efdp.exe»" }), "name");
        await ShouldRefuseAsync(await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = "ООО\n«Ромашка»" }), "name");
        await ShouldRefuseAsync(await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = Unique("ООО «Тег»"), tags = new[] { "vip\0" } }), "tags");
        var code = "note" + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "company", code, label = "Примечание", type = "string" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await ShouldRefuseAsync(await admin.PostAsJsonAsync("/api/v1/counterparties",
            new { name = Unique("ООО «Поле»"), customFields = new Dictionary<string, object?> { [code] = "звонить\u0007после обеда" } }), "customFields." + code);
        await ShouldRefuseAsync(await admin.PostAsJsonAsync("/api/v1/custom-fields",
            new { entity = "company", code = code + "x", label = "Метка\u0000", type = "string" }), "label");
        var counterparty = await CreatedIdAsync(await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = Unique("ООО «Заметки»") }));
        await ShouldRefuseAsync(await admin.PostAsJsonAsync($"/api/v1/counterparties/{counterparty}/notes", new { text = "Ждём ответа\0" }), "text");
        await ShouldRefuseAsync(await admin.PatchAsJsonAsync($"/api/v1/counterparties/{counterparty}", new { name = "ООО «Переименовано\u0001»" }), "name");

        // Contact person: name and notes.
        await ShouldRefuseAsync(await admin.PostAsJsonAsync($"/api/v1/counterparties/{counterparty}/contacts", new { fullName = "Иванов\0Иван" }), "fullName");
        await ShouldRefuseAsync(await admin.PostAsJsonAsync($"/api/v1/counterparties/{counterparty}/contacts",
            new { fullName = "Иванов Иван", notes = "Звонить\u001B утром" }), "notes");

        // Activity: subject, description, and a note in its chronicle.
        await ShouldRefuseAsync(await admin.PostAsJsonAsync("/api/v1/activities", new { kind = "call", subject = "Звонок\0", plannedAt = tomorrow }), "subject");
        await ShouldRefuseAsync(await admin.PostAsJsonAsync("/api/v1/activities",
            new { kind = "call", subject = "Звонок", description = "Обсудить\u0000смету", plannedAt = tomorrow }), "description");
        var activity = await CreatedIdAsync(await admin.PostAsJsonAsync("/api/v1/activities", new { kind = "call", subject = "Звонок", plannedAt = tomorrow }));
        await ShouldRefuseAsync(await admin.PostAsJsonAsync($"/api/v1/activities/{activity}/notes", new { text = "Не дозвонились\0" }), "text");

        // Document: title, summary, and the comment of a status change.
        await ShouldRefuseAsync(await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "contract", title = "Договор\0поставки" }), "title");
        await ShouldRefuseAsync(await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "contract", title = "Договор\tпоставки" }), "title");
        await ShouldRefuseAsync(await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "contract", title = "Договор", summary = "Сумма\u0000" }), "summary");
        var document = await CreatedIdAsync(await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "contract", title = "Договор поставки", counterpartyId = counterparty }));
        await ShouldRefuseAsync(await admin.PostAsJsonAsync($"/api/v1/documents/{document}/status", new { status = "signed", comment = "Подписан\0" }), "comment");

        // Reference book entry, user's full name.
        await ShouldRefuseAsync(await admin.PostAsJsonAsync("/api/v1/reference/regions", new { name = "Тверская\0область" }), "name");
        await ShouldRefuseAsync(await admin.PostAsJsonAsync("/api/v1/users", new
        {
            login = "ctl-" + Guid.NewGuid().ToString("N")[..8],
            password = "pass-" + Guid.NewGuid().ToString("N")[..10] + "1",
            fullName = "Петров\0Пётр",
            roles = new[] { "employee" },
        }), "fullName");

        // A file's comment.
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes("текст")), "file", "акт.txt" },
            { new StringContent("Подписан\0", Encoding.UTF8), "comment" },
        };
        await ShouldRefuseAsync(await admin.PostAsync($"/api/v1/documents/{document}/files", form), "comment");
        var files = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{document}/files");
        files.GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task MultiLineFields_KeepLineBreaksAndTabs_AndTheMessageIsLocalized(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var counterparty = await CreatedIdAsync(await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = Unique("ООО «Многострочное»") }));

        var note = await admin.PostAsJsonAsync($"/api/v1/counterparties/{counterparty}/notes", new { text = "КП отправлено.\r\nЖдём ответа:\tдо пятницы" });
        note.StatusCode.ShouldBe(HttpStatusCode.Created, await note.Content.ReadAsStringAsync());
        var contact = await admin.PostAsJsonAsync($"/api/v1/counterparties/{counterparty}/contacts", new { fullName = "Сидорова Анна", notes = "Бухгалтер.\nЗвонить после 14:00" });
        contact.StatusCode.ShouldBe(HttpStatusCode.Created, await contact.Content.ReadAsStringAsync());

        using var english = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/counterparties/{counterparty}/notes") { Content = JsonContent.Create(new { text = "bell\u0007" }) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var en = JsonDocument.Parse(await (await admin.SendAsync(english)).Content.ReadAsStringAsync()).RootElement;
        en.GetProperty("errors").GetProperty("text")[0].GetString()!.ShouldContain("control");
        var ru = JsonDocument.Parse(await (await admin.PostAsJsonAsync($"/api/v1/counterparties/{counterparty}/notes", new { text = "звонок\u0007" })).Content.ReadAsStringAsync()).RootElement;
        ru.GetProperty("errors").GetProperty("text")[0].GetString()!.ShouldContain("управляющие");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_QueryWithANul_Is400ControlCharactersNamingTheParameter(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();

        await ShouldRefuseAsync(await admin.GetAsync("/api/v1/counterparties?q=%D0%A0%D0%BE%D0%BC%D0%B0%00"), "q");
    }
}
