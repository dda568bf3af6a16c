using System.Net.Http.Json;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages;

namespace Letopis.Web.Tests.Components;

/// <summary>The Deputies page of a department head: their people's deputies beside their own.</summary>
public sealed class DeputiesUiTests : HostedComponentTest
{
    [Fact]
    public async Task Deputies_ForADepartmentHead_OffersForWhomAndListsTheirPeoplesDeputies()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var head = await host.CreateUserAsync("head", fullName: "Орлова Марина Сергеевна");
        var sales = await host.CreateDepartmentAsync("Продажи " + Guid.NewGuid().ToString("N")[..6], headId: head.Id);
        var employee = await host.CreateUserAsync(departmentId: sales, fullName: "Кузнецов Павел Андреевич");
        var colleague = await host.CreateUserAsync(departmentId: sales, fullName: "Лебедева Анна Викторовна");
        var headClient = await host.ClientAsync(head.Login, head.Password);
        var today = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);
        (await headClient.PostAsJsonAsync("/api/v1/deputyships", new
        {
            principalId = employee.Id,
            deputyId = colleague.Id,
            startsOn = today.ToString("yyyy-MM-dd"),
            endsOn = today.AddDays(6).ToString("yyyy-MM-dd"),
        })).EnsureSuccessStatusCode();
        SignIn(host, head.Id);

        var cut = RenderPage<Deputies>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=deputies-managed] tbody tr").Count.ShouldBe(1));
        cut.Find("[data-testid=deputies-managed]").TextContent.ShouldContain("Кузнецов Павел Андреевич → Лебедева Анна Викторовна");
        cut.FindAll("[data-testid=deputy-principal-picker], [data-testid=deputy-principal-picker] input").ShouldNotBeEmpty();
    }
}
