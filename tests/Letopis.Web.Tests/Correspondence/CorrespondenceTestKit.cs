using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Letopis.Core.Common;
using Letopis.Core.Correspondence;
using Letopis.Core.Notifications;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Letopis.Web.Tests.Correspondence;

/// <summary>A letter's people, each in a department of their own so that only the letter's rules let them see it.</summary>
internal sealed record LetterPeople(
    TestUser Secretary, HttpClient SecretaryClient, TestUser Head, HttpClient HeadClient, TestUser Lead, HttpClient LeadClient,
    TestUser CoExecutor, HttpClient CoClient, TestUser Second, HttpClient SecondClient, TestUser Outsider, HttpClient OutsiderClient);

internal static class CorrespondenceTestKit
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<LetterPeople> PeopleAsync(LetopisHost host)
    {
        async Task<(TestUser, HttpClient)> Person(string name)
        {
            var department = await host.CreateDepartmentAsync(name);
            var user = await host.CreateUserAsync(departmentId: department, fullName: name + " " + Guid.NewGuid().ToString("N")[..4]);
            return (user, await host.ClientAsync(user.Login, user.Password));
        }
        var (secretary, sc) = await Person("Канцелярия");
        var (head, hc) = await Person("Дирекция");
        var (lead, lc) = await Person("Юристы");
        var (co, cc) = await Person("Бухгалтерия");
        var (second, sec) = await Person("Снабжение");
        var (outsider, oc) = await Person("Склад");
        return new LetterPeople(secretary, sc, head, hc, lead, lc, co, cc, second, sec, outsider, oc);
    }

    /// <summary>Registers an incoming letter addressed to <paramref name="addresseeId"/>.</summary>
    public static async Task<JsonElement> IncomingAsync(HttpClient client, Guid addresseeId, Guid? counterpartyId = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/documents", new
        {
            typeCode = "incoming-letter",
            title = "Запрос сверки " + Guid.NewGuid().ToString("N")[..6],
            counterpartyId,
            incomingNumber = "12-345",
            incomingDate = "2026-11-25",
            deliveryMethod = "post",
            pages = 3,
            attachments = "Акт сверки на 2 л.",
            addresseeId,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> ResolveAsync(HttpClient client, Guid letterId, object body) =>
        client.PostAsJsonAsync($"/api/v1/documents/{letterId}/resolutions", body);

    /// <summary>A resolution with two assignments on the head's control: to the lead with a co-executor, and to the second executor.</summary>
    public static async Task<ResolutionDto> TwoAssignmentsAsync(LetterPeople p, Guid letterId, string dueOn = "2026-12-10")
    {
        var response = await ResolveAsync(p.HeadClient, letterId, new
        {
            text = "Подготовить ответ",
            assignments = new object[]
            {
                new { executorId = p.Lead.Id, coExecutorIds = new[] { p.CoExecutor.Id }, text = "Проверить акт сверки", dueOn, controllerId = p.Head.Id },
                new { executorId = p.Second.Id, text = "Подготовить проект ответа", dueOn, controllerId = p.Head.Id },
            },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ResolutionDto>(Json))!;
    }

    public static async Task<AssignmentDto> OkAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AssignmentDto>(Json))!;
    }

    public static async Task<AssignmentDto> AssignmentAsync(HttpClient client, Guid id) =>
        await OkAsync(await client.GetAsync($"/api/v1/assignments/{id}"));

    public static async Task<PageOf<AssignmentListItemDto>> ListAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<PageOf<AssignmentListItemDto>>("/api/v1/assignments?" + query, Json))!;

    public static async Task<Guid> UploadAsync(HttpClient client, string url, string name, string text)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", name } };
        var response = await client.PostAsync(url, form);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return Guid.Empty;
    }

    /// <summary>Rows of one letter that a refused request must leave as they were.</summary>
    public static Task<(int Resolutions, int Assignments, int Executors, int Reports, int Reminders, int Notifications, int History)> RowsAsync(
        LetopisHost host, Guid letterId, params Guid[] people) =>
        host.WithDbAsync(async db =>
        {
            var ids = await db.Assignments.Where(a => a.DocumentId == letterId).Select(a => a.Id).ToListAsync();
            return (
                await db.Resolutions.CountAsync(r => r.DocumentId == letterId),
                ids.Count,
                await db.AssignmentExecutors.CountAsync(x => ids.Contains(x.AssignmentId)),
                await db.AssignmentReports.CountAsync(r => ids.Contains(r.AssignmentId)),
                await db.Reminders.CountAsync(r => r.EntityKind == Assignment.EntityKind && r.EntityId != null && ids.Contains(r.EntityId.Value)),
                await db.Notifications.CountAsync(n => people.Contains(n.UserId)),
                await db.ChangeRecords.CountAsync(c => c.EntityKind == "document" && c.EntityId == letterId));
        });

    public static Task<List<string>> TitlesAsync(LetopisHost host, Guid userId) =>
        host.WithDbAsync(db => db.Notifications.Where(n => n.UserId == userId).OrderBy(n => n.CreatedAt).Select(n => n.Title).ToListAsync());

    public static async Task<int> RunDispatcherAsync(LetopisHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().RunOnceAsync(CancellationToken.None);
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static string[] FieldCodes(this JsonElement problem, string field) =>
        problem.TryGetProperty("fieldCodes", out var all) && all.TryGetProperty(field, out var codes)
            ? codes.EnumerateArray().Select(c => c.GetString()!).ToArray() : [];
}
