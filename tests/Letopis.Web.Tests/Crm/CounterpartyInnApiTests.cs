using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Crm;

/// <summary>A mistyped ИНН is explained by what is wrong with it; an exact ИНН duplicate needs a confirmation.</summary>
public class CounterpartyInnApiTests
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<Guid> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/counterparties", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_WithAWrongInn_ExplainsFormatThenLengthThenChecksum(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru-RU");
        var name = "Опечатка " + Guid.NewGuid().ToString("N")[..8];
        var valid = TestRequisites.Inn10();
        var typo = valid[..9] + (char)('0' + (valid[9] - '0' + 1) % 10);

        foreach (var (inn, code, message) in new[]
        {
            ("12345АБВ", "inn_digits", "ИНН состоит только из цифр"),
            ("7707 083893", "inn_digits", "ИНН состоит только из цифр"),
            ("12345", "inn_length", "ИНН — 10 цифр у организации или 12 у ИП"),
            ("1234567890123", "inn_length", "ИНН — 10 цифр у организации или 12 у ИП"),
            (typo, "checksum", "Контрольная сумма не сходится — проверьте цифры"),
        })
        {
            var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/counterparties", new { name, kind = "entrepreneur", inn }), HttpStatusCode.BadRequest);
            problem.GetProperty("fieldCodes").GetProperty("inn").EnumerateArray().Select(c => c.GetString()).ShouldBe([code], inn);
            problem.GetProperty("errors").GetProperty("inn")[0].GetString().ShouldBe(message, inn);
        }
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?q={name}")).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_WithTheInnOfAnExistingCard_Is409UntilConfirmed(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru-RU");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var inn = TestRequisites.Inn10();
        var existing = await CreateAsync(client, new { name = $"ООО «Ромашка-Строй {tag}»", inn, kpp = "773601001" });

        var refused = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/counterparties", new { name = $"Ромашка {tag}", inn }), HttpStatusCode.Conflict);
        refused.GetProperty("code").GetString().ShouldBe("duplicate_inn");
        refused.GetProperty("title").GetString().ShouldBe("Контрагент с таким ИНН уже есть");
        var duplicate = refused.GetProperty("duplicates").EnumerateArray().Single();
        duplicate.GetProperty("id").GetGuid().ShouldBe(existing);
        duplicate.GetProperty("name").GetString().ShouldBe($"ООО «Ромашка-Строй {tag}»");
        refused.GetProperty("hidden").GetBoolean().ShouldBeFalse();
        // The same ИНН and КПП is the same company; another КПП is a branch of its own.
        (await ProblemAsync(await client.PostAsJsonAsync("/api/v1/counterparties", new { name = $"Ромашка {tag}", inn, kpp = "773601001" }), HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("duplicate_inn");
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?q={inn}")).GetProperty("total").GetInt32().ShouldBe(1);

        await CreateAsync(client, new { name = $"Ромашка, филиал {tag}", inn, kpp = "784201001" });
        var confirmed = await client.PostAsJsonAsync("/api/v1/counterparties?confirmDuplicate=true", new { name = $"Ромашка {tag}", inn });
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Created, await confirmed.Content.ReadAsStringAsync());
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?q={inn}")).GetProperty("total").GetInt32().ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_WithTheInnOfACardTheCallerCannotSee_SaysItExistsWithoutNamingIt(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var owner = await host.CreateUserAsync(departmentId: await host.CreateDepartmentAsync("Продажи"));
        var outsider = await host.CreateUserAsync(departmentId: await host.CreateDepartmentAsync("Охрана"));
        var ownerClient = await host.ClientAsync(owner.Login, owner.Password);
        var outsiderClient = await host.ClientAsync(outsider.Login, outsider.Password);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var inn = TestRequisites.Inn10();
        var hidden = await CreateAsync(ownerClient, new { name = $"Тайный заказчик {tag}", inn });

        var response = await outsiderClient.PostAsJsonAsync("/api/v1/counterparties", new { name = $"Новый {tag}", inn });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict, body);
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("duplicate_inn");
        problem.GetProperty("duplicates").GetArrayLength().ShouldBe(0);
        problem.GetProperty("hidden").GetBoolean().ShouldBeTrue();
        body.ShouldNotContain("Тайный");
        body.ShouldNotContain(hidden.ToString());

        (await outsiderClient.PostAsJsonAsync("/api/v1/counterparties?confirmDuplicate=true", new { name = $"Новый {tag}", inn }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
