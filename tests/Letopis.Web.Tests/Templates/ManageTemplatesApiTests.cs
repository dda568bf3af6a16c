using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Letopis.TestKit;
using static Letopis.Web.Tests.Templates.ApiTemplateData;

namespace Letopis.Web.Tests.Templates;

public class ManageTemplatesApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_ByAdmin_IsListedForEveryone_ButAnEmployeeWithoutTheRightGets403(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var employee = await host.CreateUserAsync();
        var staff = await host.ClientAsync(employee.Login, employee.Password);
        var name = Marker("Письмо клиенту ");

        var created = await admin.PostAsJsonAsync("/api/v1/templates", new
        {
            name, format = "html", target = "counterparty", body = "<p>Уважаемые {{ counterparty.name }}!</p>",
            fileNamePattern = "Письмо {{ counterparty.name }}", emailSubject = "Письмо для {{ counterparty.name }}",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var template = await created.Content.ReadFromJsonAsync<JsonElement>();
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/templates/{template.Id()}");
        template.GetProperty("format").GetString().ShouldBe("html");
        template.GetProperty("target").GetString().ShouldBe("counterparty");
        template.GetProperty("version").GetInt32().ShouldBeGreaterThan(0);

        var foreign = Marker("Чужой ");
        var refused = await staff.PostAsJsonAsync("/api/v1/templates", new { name = foreign, target = "counterparty", body = "<p>x</p>" });
        (await ProblemAsync(refused, HttpStatusCode.Forbidden)).Code().ShouldBe("forbidden");
        (await CountAsync(admin, foreign)).ShouldBe(0);

        var list = await staff.GetFromJsonAsync<JsonElement>("/api/v1/templates?target=counterparty");
        list.GetProperty("items").EnumerateArray().ShouldContain(t => t.GetProperty("name").GetString() == name);
        var read = await staff.GetAsync($"/api/v1/templates/{template.Id()}");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        read.Headers.ETag!.Tag.ShouldBe($"\"{template.GetProperty("version").GetInt32()}\"");
        (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("body").GetString().ShouldBe("<p>Уважаемые {{ counterparty.name }}!</p>");
        (await staff.PutAsJsonAsync($"/api/v1/templates/{template.Id()}", new { name = "Взлом", target = "counterparty", body = "<p>x</p>" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var deals = await staff.GetFromJsonAsync<JsonElement>("/api/v1/templates?target=deal");
        deals.GetProperty("items").EnumerateArray().ShouldNotContain(t => t.GetProperty("name").GetString() == name);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_WithSyntaxError_Is422NamingTheLineAndCause_AndSavesNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru-RU");
        var name = Marker("Сломанный ");

        var response = await admin.PostAsJsonAsync("/api/v1/templates", new
        {
            name, target = "counterparty", body = "<p>Договор</p>\n{% if counterparty.inn %}\n<p>ИНН {{ counterparty.inn }}</p>",
        });

        var problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        problem.Code().ShouldBe("template_syntax");
        problem.GetProperty("line").GetInt32().ShouldBeGreaterThan(1);
        problem.GetProperty("cause").GetString().ShouldNotBeNullOrWhiteSpace();
        var message = problem.GetProperty("errors").GetProperty("body")[0].GetString()!;
        message.ShouldStartWith($"Строка {problem.GetProperty("line").GetInt32()}: ");
        (await CountAsync(admin, name)).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Update_WithStaleVersions_Is409Or412_AndTheCurrentStays(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var template = await CreateHtmlAsync(admin, "<p>{{ counterparty.name }}</p>");
        var id = template.Id();
        var version = template.GetProperty("version").GetInt32();

        var updated = await admin.PutAsJsonAsync($"/api/v1/templates/{id}", new { name = "Новое имя", target = "counterparty", body = "<p>v2</p>", version });
        updated.StatusCode.ShouldBe(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());
        (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32().ShouldBeGreaterThan(version);

        var stale = await admin.PutAsJsonAsync($"/api/v1/templates/{id}", new { name = "Старое", target = "counterparty", body = "<p>v1</p>", version });
        (await ProblemAsync(stale, HttpStatusCode.Conflict)).Code().ShouldBe("stale_version");
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/templates/{id}") { Content = JsonContent.Create(new { name = "Старое", target = "counterparty", body = "<p>v1</p>" }) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        (await admin.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);

        var current = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/templates/{id}");
        current.GetProperty("name").GetString().ShouldBe("Новое имя");
        current.GetProperty("body").GetString().ShouldBe("<p>v2</p>");
        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/templates/{id}/history");
        history.GetProperty("items").EnumerateArray().ShouldContain(c => c.GetProperty("field").GetString() == "Name" || c.GetProperty("field").GetString() == "name");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task UploadDocx_NotAWordFile_IsRefused_AndNothingIsSaved(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var name = Marker("Поддельный ");
        var fields = new Dictionary<string, string> { ["name"] = name, ["target"] = "counterparty" };

        var text = await UploadDocxAsync(admin, "/api/v1/templates", "Это не документ Word"u8.ToArray(), "договор.docx", fields);
        (await ProblemAsync(text, HttpStatusCode.UnsupportedMediaType)).Code().ShouldBe("template_not_docx");
        // A zip that is not a Word document claims the same and is refused the same.
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = archive.CreateEntry("readme.txt").Open();
            await entry.WriteAsync("hello"u8.ToArray());
        }
        var notWord = await UploadDocxAsync(admin, "/api/v1/templates", zip.ToArray(), "договор.docx", fields);
        (await ProblemAsync(notWord, HttpStatusCode.UnsupportedMediaType)).Code().ShouldBe("template_not_docx");

        (await CountAsync(admin, name)).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task UploadDocx_RealWordFile_IsStored_Downloaded_Replaced_AndArchived(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var employee = await host.CreateUserAsync();
        var staff = await host.ClientAsync(employee.Login, employee.Password);
        var first = Docx("Договор с {{ counterparty.name }}", "ИНН {{ counterparty.inn }}");
        var name = Marker("Договор Word ");

        var created = await UploadDocxAsync(admin, "/api/v1/templates", first, "Договор поставки.docx",
            new Dictionary<string, string> { ["name"] = name, ["target"] = "counterparty", ["format"] = "docx" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var template = await created.Content.ReadFromJsonAsync<JsonElement>();
        template.GetProperty("format").GetString().ShouldBe("docx");
        template.GetProperty("fileName").GetString().ShouldBe("Договор поставки.docx");
        template.GetProperty("fileSha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(first)));

        var download = await staff.GetAsync($"/api/v1/templates/{template.Id()}/file");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(first);
        download.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("Договор поставки.docx");

        var second = Docx("Новая редакция для {{ counterparty.name }}");
        var replaced = await UploadDocxAsync(admin, $"/api/v1/templates/{template.Id()}/file", second, "v2.docx");
        replaced.StatusCode.ShouldBe(HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync());
        (await (await admin.GetAsync($"/api/v1/templates/{template.Id()}/file")).Content.ReadAsByteArrayAsync()).ShouldBe(second);
        // A broken replacement leaves the template as it was.
        var broken = await UploadDocxAsync(admin, $"/api/v1/templates/{template.Id()}/file", "nope"u8.ToArray(), "v3.docx");
        (await ProblemAsync(broken, HttpStatusCode.UnsupportedMediaType)).Code().ShouldBe("template_not_docx");
        (await (await admin.GetAsync($"/api/v1/templates/{template.Id()}/file")).Content.ReadAsByteArrayAsync()).ShouldBe(second);

        (await staff.PostAsync($"/api/v1/templates/{template.Id()}/archive", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var archived = await admin.DeleteAsync($"/api/v1/templates/{template.Id()}");
        archived.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await archived.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("archived").GetBoolean().ShouldBeTrue();
        (await staff.GetAsync($"/api/v1/templates/{template.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await staff.GetFromJsonAsync<JsonElement>("/api/v1/templates?includeArchived=true")).GetProperty("items").EnumerateArray()
            .ShouldNotContain(t => t.Id() == template.Id());
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/templates?includeArchived=true")).GetProperty("items").EnumerateArray()
            .ShouldContain(t => t.Id() == template.Id());
        (await admin.PostAsync($"/api/v1/templates/{template.Id()}/unarchive", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.GetAsync($"/api/v1/templates/{template.Id()}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Preview_RendersAgainstAVisibleCounterparty_And404sAHiddenOne(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var company = await host.CreateDepartmentAsync("Компания");
        var sales = await host.CreateDepartmentAsync("Продажи", company);
        var legal = await host.CreateDepartmentAsync("Юристы", company);
        var managerUser = await host.CreateUserAsync(departmentId: sales);
        var manager = await host.ClientAsync(managerUser.Login, managerUser.Password);
        var lawyerUser = await host.CreateUserAsync(departmentId: legal);
        var lawyer = await host.ClientAsync(lawyerUser.Login, lawyerUser.Password);
        var name = Marker("ООО «Тайна & Сын» ");
        var counterparty = await CounterpartyAsync(manager, name, TestRequisites.Inn10());

        var shown = await manager.PostAsJsonAsync("/api/v1/templates/preview", new { body = "<h1>{{ counterparty.name }}</h1>", counterpartyId = counterparty });
        shown.StatusCode.ShouldBe(HttpStatusCode.OK, await shown.Content.ReadAsStringAsync());
        shown.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await shown.Content.ReadAsStringAsync();
        WebUtility.HtmlDecode(html).ShouldContain(name);
        // The value is escaped: its ampersand never reaches the page as markup.
        html.ShouldNotContain(" & ");

        var hidden = await lawyer.PostAsJsonAsync("/api/v1/templates/preview", new { body = "<h1>{{ counterparty.name }}</h1>", counterpartyId = counterparty });
        (await ProblemAsync(hidden, HttpStatusCode.NotFound)).Code().ShouldBe("not_found");
    }
}
