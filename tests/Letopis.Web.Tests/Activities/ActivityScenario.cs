using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Activities;

/// <summary>
/// A sales department with its head and two employees, a department next door, and a client of the
/// first employee with a contact person who has a phone.
/// </summary>
internal sealed record ActivityScenario(
    LetopisHost Host,
    TestUser Head,
    TestUser Employee,
    TestUser Peer,
    TestUser Outsider,
    Guid CounterpartyId,
    Guid ContactId,
    HttpClient HeadClient,
    HttpClient EmployeeClient,
    HttpClient PeerClient,
    HttpClient OutsiderClient)
{
    public DateTimeOffset Now => Host.Clock.GetUtcNow();

    public static async Task<ActivityScenario> CreateAsync(LetopisHost host, string? employeeEmail = null)
    {
        var head = await host.CreateUserAsync("head", fullName: "Орлова Марина Сергеевна");
        var sales = await host.CreateDepartmentAsync("Отдел продаж", headId: head.Id);
        await MoveToAsync(host, head.Id, sales);
        var employee = await host.CreateUserAsync(departmentId: sales, fullName: "Кузнецов Павел Андреевич", email: employeeEmail);
        var peer = await host.CreateUserAsync(departmentId: sales, fullName: "Лебедева Анна Викторовна");
        var supply = await host.CreateDepartmentAsync("Отдел снабжения");
        var outsider = await host.CreateUserAsync(departmentId: supply, fullName: "Фомин Олег Игоревич");

        var employeeClient = await host.ClientAsync(employee.Login, employee.Password);
        var created = await employeeClient.PostAsJsonAsync("/api/v1/counterparties",
            new { name = "СтройГрад " + Guid.NewGuid().ToString("N")[..6], phone = "+7 495 123-45-67" });
        created.EnsureSuccessStatusCode();
        var counterpartyId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var contact = await employeeClient.PostAsJsonAsync($"/api/v1/counterparties/{counterpartyId}/contacts",
            new { fullName = "Миронов Сергей Петрович", phone = "8 (916) 555-12-34" });
        contact.EnsureSuccessStatusCode();
        var contactId = (await contact.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        return new ActivityScenario(host, head, employee, peer, outsider, counterpartyId, contactId,
            await host.ClientAsync(head.Login, head.Password), employeeClient,
            await host.ClientAsync(peer.Login, peer.Password), await host.ClientAsync(outsider.Login, outsider.Password));
    }

    private static async Task MoveToAsync(LetopisHost host, Guid userId, Guid departmentId)
    {
        var admin = await host.AdminAsync();
        var response = await admin.PatchAsJsonAsync($"/api/v1/users/{userId}", new { departmentId });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A call today, two hours from now, about the specification, with the contact person.</summary>
    public object Call(Guid? assigneeId = null, TimeSpan? @in = null, string subject = "Согласовать спецификацию") => new
    {
        kind = "call",
        subject,
        description = "Уточнить объёмы арматуры и сроки поставки",
        plannedAt = Now + (@in ?? TimeSpan.FromHours(2)),
        assigneeId,
        counterpartyId = CounterpartyId,
        contactId = ContactId,
    };

    public static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> PlanAsync(HttpClient client, object request) =>
        await CreatedAsync(await client.PostAsJsonAsync("/api/v1/activities", request));

    public Task<int> CountActivitiesAsync(Guid assigneeId) =>
        Host.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.Activities, a => a.AssigneeId == assigneeId));
}
