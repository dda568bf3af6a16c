using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Data;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests.Crm;

/// <summary>
/// The unfiltered directory's «Найдено: N» comes from totals kept beside the records. Whatever
/// happens to the cards, it must equal what counting the rows would give, for every scope.
/// </summary>
public class DirectoryTotalsTests
{
    private static async Task<long> TotalAsync(HttpClient client, string query = "")
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?pageSize=1{query}");
        return page.GetProperty("total").GetInt64();
    }

    /// <summary>The same set counted row by row: a kind filter makes the directory count in SQL.</summary>
    private static async Task<long> CountedAsync(HttpClient client, string query = "") =>
        await TotalAsync(client, "&kind=company" + query) + await TotalAsync(client, "&kind=entrepreneur" + query)
        + await TotalAsync(client, "&kind=person" + query);

    private static async Task<Guid> CreateAsync(HttpClient client, string name, Guid? responsibleId)
    {
        var response = await client.PostAsJsonAsync("/api/v1/counterparties", new { name, responsibleId });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Totals_FollowCreationResponsibleChangesAndMerge_ForAdminAndDepartmentScope(string provider)
    {
        using var host = new LetopisHost(provider);
        var admin = await host.AdminAsync();
        var sales = await host.CreateDepartmentAsync("Продажи");
        var supply = await host.CreateDepartmentAsync("Снабжение");
        var seller = await host.CreateUserAsync(departmentId: sales);
        var supplier = await host.CreateUserAsync(departmentId: supply);
        var sellerClient = await host.ClientAsync(seller.Login, seller.Password);

        var mine = await CreateAsync(admin, "ООО «Продажная»", seller.Id);
        var theirs = await CreateAsync(admin, "ООО «Снабженческая»", supplier.Id);
        var nobodys = await CreateAsync(admin, "ИП Ничейный", null);

        (await TotalAsync(admin)).ShouldBe(3);
        (await TotalAsync(sellerClient)).ShouldBe(1);
        (await TotalAsync(sellerClient)).ShouldBe(await CountedAsync(sellerClient));
        (await TotalAsync(admin, $"&responsibleId={seller.Id}")).ShouldBe(1);

        var moved = await admin.PatchAsJsonAsync($"/api/v1/counterparties/{theirs}", new { responsibleId = seller.Id });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await TotalAsync(sellerClient)).ShouldBe(2);
        (await TotalAsync(sellerClient)).ShouldBe(await CountedAsync(sellerClient));
        (await TotalAsync(admin, $"&responsibleId={supplier.Id}")).ShouldBe(0);
        (await TotalAsync(sellerClient, $"&responsibleId={supplier.Id}")).ShouldBe(0);

        var merged = await admin.PostAsJsonAsync($"/api/v1/counterparties/{mine}/merge", new { duplicateId = nobodys });
        merged.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await TotalAsync(admin)).ShouldBe(2);
        (await TotalAsync(admin)).ShouldBe(await CountedAsync(admin));
        (await TotalAsync(sellerClient)).ShouldBe(2);

        // The kind is written as the API spells it; anything else names the field.
        var wrongKind = await admin.GetAsync("/api/v1/counterparties?kind=alien");
        wrongKind.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrongKind.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("kind", out _).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ADatabaseWithCardsButNoTotals_IsCountedWhenTheServerStarts(string provider)
    {
        using var first = new LetopisHost(provider);
        var admin = await first.AdminAsync();
        await CreateAsync(admin, "ООО «Старая база»", null);
        await CreateAsync(admin, "ООО «Старая база 2»", null);
        // As a database looks right after the upgrade that introduced the totals.
        await first.WithDbAsync(db => db.RecordCounts.ExecuteDeleteAsync());

        using var upgraded = new LetopisHost(provider, first.ConnectionString);
        (await TotalAsync(await upgraded.AdminAsync())).ShouldBe(2);
    }
}
