using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Execution;
using Letopis.Core.Notifications;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Letopis.Web.Tests.Documents.DocumentTestData;

namespace Letopis.Web.Tests.Execution;

/// <summary>Arranging contracts with plans and payments through the API, as a client would.</summary>
internal static class ExecutionTestKit
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A contract of the counterparty, in force from 1 November 2026 (the host starts on 27 November).</summary>
    public static async Task<Guid> ContractAsync(HttpClient client, Guid counterpartyId, Guid? responsibleId = null, string? validFrom = "2026-11-01",
        decimal amount = 1_000_000m)
    {
        var contract = await RegisterAsync(client, new
        {
            typeCode = "contract",
            title = Marker("Договор подряда "),
            counterpartyId,
            amount,
            validFrom,
            responsibleId,
        });
        return contract.Id();
    }

    /// <summary>An act under the contract with the given amount.</summary>
    public static async Task<Guid> ActAsync(HttpClient client, Guid contractId, Guid counterpartyId, decimal amount) =>
        (await RegisterAsync(client, new { typeCode = "act", title = Marker("Акт выполненных работ "), parentId = contractId, counterpartyId, amount })).Id();

    public static Task<HttpResponseMessage> PostPointAsync(HttpClient client, Guid documentId, object body) =>
        client.PostAsJsonAsync($"/api/v1/documents/{documentId}/control-points", body);

    public static async Task<ControlPointDto> PointAsync(HttpClient client, Guid documentId, string kind, string title, string dueOn, decimal? amount = null,
        Guid? responsibleId = null)
    {
        var response = await PostPointAsync(client, documentId, new { kind, title, dueOn, amount, responsibleId });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ControlPointDto>(Json))!;
    }

    public static Task<HttpResponseMessage> PostPaymentAsync(HttpClient client, Guid pointId, decimal amount, string? paidOn = null, bool? confirm = null) =>
        client.PostAsJsonAsync($"/api/v1/control-points/{pointId}/payments", new { amount, paidOn, confirm });

    public static async Task<ControlPaymentDto> PayAsync(HttpClient client, Guid pointId, decimal amount, string? paidOn = null, bool? confirm = null)
    {
        var response = await PostPaymentAsync(client, pointId, amount, paidOn, confirm);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ControlPaymentDto>(Json))!;
    }

    public static async Task<T> GetAsync<T>(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    /// <summary>A user with the given roles (a custom role makes a group).</summary>
    public static async Task<TestUser> UserAsync(LetopisHost host, Guid? departmentId, params string[] roles)
    {
        var admin = await host.AdminAsync();
        var login = "ex-" + Guid.NewGuid().ToString("N")[..8];
        var password = "pass-" + Guid.NewGuid().ToString("N")[..10] + "1";
        var response = await admin.PostAsJsonAsync("/api/v1/users", new { login, password, fullName = "Исполнитель " + login, departmentId, roles });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return new TestUser((await response.Content.ReadFromJsonAsync<JsonElement>()).Id(), login, password);
    }

    /// <summary>A custom role (a group of users); returns its id and name.</summary>
    public static async Task<(Guid Id, string Name)> RoleAsync(LetopisHost host)
    {
        var name = "grp" + Guid.NewGuid().ToString("N")[..8];
        var response = await (await host.AdminAsync()).PostAsJsonAsync("/api/v1/roles", new { name, displayName = "Группа " + name });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).Id(), name);
    }

    /// <summary>Rows execution control writes, to show that a refused request wrote none.</summary>
    public static Task<(int Points, int Payments, int Rules, long PaidMinor)> RowsAsync(LetopisHost host) =>
        host.WithDbAsync(async db => (
            await db.ControlPoints.CountAsync(),
            await db.ControlPayments.CountAsync(),
            await db.ControlReminderRules.CountAsync(),
            await db.ControlPoints.SumAsync(p => p.PaidMinor)));

    public static async Task<int> RunDispatcherAsync(LetopisHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().RunOnceAsync(CancellationToken.None);
    }

    public static Task<List<string>> NoticesAsync(LetopisHost host, Guid userId) =>
        host.WithDbAsync(db => db.Notifications.Where(n => n.UserId == userId).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Select(n => n.Title).ToListAsync());

    public static LetopisHost Started(LetopisHost host)
    {
        _ = host.Server;
        return host;
    }
}
