using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Access;
using Letopis.Core.Data;
using Letopis.Core.Templates;
using Letopis.Core.Templates.Bulk;
using Letopis.TestKit;
using Letopis.Web.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Letopis.Web.Tests.TemplateBatches.TemplateBatchKit;

namespace Letopis.Web.Tests.TemplateBatches;

/// <summary>
/// The runner driven by hand on hosts whose own background loop is off: restarts, two nodes at once,
/// cancelling and the cap on a batch's size.
/// </summary>
public class TemplateBatchRunnerTests
{
    private static LetopisHost Host(string provider, int itemsPerClaim = 100, int maxItems = 10_000) => new(provider, settings: new Dictionary<string, string?>
    {
        ["Letopis:TemplateBatches:RunInBackground"] = "false",
        ["Letopis:TemplateBatches:ItemsPerClaim"] = itemsPerClaim.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Letopis:TemplateBatches:MaxItems"] = maxItems.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private sealed record Arranged(HttpClient Admin, Guid Template, Guid Region, List<Guid> Counterparties, Guid BatchId);

    private static async Task<Arranged> ArrangeAsync(LetopisHost host, int count)
    {
        var admin = await host.AdminAsync();
        var template = await CreateLetterTemplateAsync(host);
        var region = await CreateRegionAsync(admin);
        var counterparties = new List<Guid>();
        for (var i = 0; i < count; i++)
            counterparties.Add(await CreateCounterpartyAsync(admin, region, Marker($"ООО Клиент {i} ")));
        var batch = await StartedAsync(admin, template, region);
        return new Arranged(admin, template, region, counterparties, batch.Id());
    }

    private static Task<int> DocumentCountAsync(LetopisHost host, IReadOnlyCollection<Guid> counterparties) =>
        host.WithDbAsync(db => db.Documents.CountAsync(d => d.CounterpartyId != null && counterparties.Contains(d.CounterpartyId.Value)));

    private static TemplateBatchRunner Runner(LetopisHost host) => host.Services.GetRequiredService<TemplateBatchRunner>();

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Run_AfterANodeStopsMidItem_ResumesWithoutRegisteringTwice(string provider)
    {
        using var host = Host(provider);
        var a = await ArrangeAsync(host, 3);
        var claimer = host.Services.GetServices<ITemplateBatchClaimer>().Single(c => c.ProviderKind == host.Provider);
        var now = host.Clock.GetUtcNow().UtcDateTime;

        // A node claims the batch, registers the first letter and stops before marking the item done.
        var claimed = await host.WithDbAsync(db => claimer.ClaimAsync(db, "dead-node/1", now, now.AddMinutes(2), CancellationToken.None));
        claimed.ShouldBe(a.BatchId);
        var first = await host.WithDbAsync(db => db.TemplateBatchItems.Where(i => i.BatchId == a.BatchId).OrderBy(i => i.Order).FirstAsync());
        Guid orphan;
        await using (var scope = host.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LetopisDb>();
            var adminId = await db.Users.Where(u => u.NormalizedUserName == "ADMIN").Select(u => u.Id).SingleAsync();
            scope.ServiceProvider.GetRequiredService<Auth.CurrentActor>().Set(adminId, null);
            var generated = await scope.ServiceProvider.GetRequiredService<GenerateDocument>().HandleAsync(
                await AccessContext.LoadAsync(db, adminId, CancellationToken.None), a.Template,
                new GenerateRequest("html", first.CounterpartyId, null, null, true), CancellationToken.None);
            generated.IsSuccess.ShouldBeTrue(generated.Error?.ToString());
            orphan = generated.Value.DocumentId!.Value;
        }

        // While the claim holds, no other node touches the batch.
        (await Runner(host).RunOnceAsync("node-b", CancellationToken.None)).ShouldBeFalse();
        // The claim lapses (the node is gone): the next node resumes.
        host.Clock.Advance(TimeSpan.FromMinutes(3));
        (await Runner(host).RunOnceAsync("node-b", CancellationToken.None)).ShouldBeTrue();

        var batch = await a.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/template-batches/{a.BatchId}");
        batch.GetProperty("status").GetString().ShouldBe("completed");
        batch.GetProperty("succeeded").GetInt32().ShouldBe(3);
        (await DocumentCountAsync(host, a.Counterparties)).ShouldBe(3);
        var items = await ItemsAsync(a.Admin, a.BatchId);
        items.Single(i => i.Id() == first.Id).GetProperty("documentId").GetGuid().ShouldBe(orphan);
        items.Select(i => i.GetProperty("documentId").GetGuid()).Distinct().Count().ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Run_TwoNodesAtOnce_NeverGenerateAnItemTwice(string provider)
    {
        // One item per claim: the two nodes keep taking the batch from each other.
        using var host = Host(provider, itemsPerClaim: 1);
        var a = await ArrangeAsync(host, 6);
        var runs = new int[2];

        async Task NodeAsync(int node)
        {
            while (await Runner(host).RunOnceAsync($"node-{node}", CancellationToken.None))
                runs[node]++;
        }
        await Task.WhenAll(Task.Run(() => NodeAsync(0)), Task.Run(() => NodeAsync(1)));

        var batch = await a.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/template-batches/{a.BatchId}");
        batch.GetProperty("status").GetString().ShouldBe("completed");
        batch.GetProperty("succeeded").GetInt32().ShouldBe(6);
        batch.GetProperty("failed").GetInt32().ShouldBe(0);
        (await DocumentCountAsync(host, a.Counterparties)).ShouldBe(6);
        var items = await ItemsAsync(a.Admin, a.BatchId);
        items.ShouldAllBe(i => i.GetProperty("status").GetString() == "done");
        items.Select(i => i.GetProperty("documentId").GetGuid()).Distinct().Count().ShouldBe(6);
        (runs[0] + runs[1]).ShouldBeGreaterThanOrEqualTo(6);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Cancel_StopsTheBatch_AndNothingMoreIsGenerated(string provider)
    {
        using var host = Host(provider, itemsPerClaim: 1);
        var a = await ArrangeAsync(host, 3);
        (await Runner(host).RunOnceAsync("node-a", CancellationToken.None)).ShouldBeTrue();

        var cancel = await a.Admin.PostAsync($"/api/v1/template-batches/{a.BatchId}/cancel", null);
        cancel.StatusCode.ShouldBe(HttpStatusCode.OK, await cancel.Content.ReadAsStringAsync());
        var cancelled = await cancel.Content.ReadFromJsonAsync<JsonElement>();
        cancelled.GetProperty("status").GetString().ShouldBe("cancelled");
        cancelled.GetProperty("succeeded").GetInt32().ShouldBe(1);

        (await Runner(host).RunOnceAsync("node-a", CancellationToken.None)).ShouldBeFalse();
        (await DocumentCountAsync(host, a.Counterparties)).ShouldBe(1);
        (await ItemsAsync(a.Admin, a.BatchId, "pending")).Count.ShouldBe(2);
        var again = await a.Admin.PostAsync($"/api/v1/template-batches/{a.BatchId}/cancel", null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("template_batch_finished");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Start_OverTheCap_IsRefusedNamingTheLimitAndWritesNothing(string provider)
    {
        using var host = Host(provider, maxItems: 2);
        var admin = await host.AdminAsync();
        var template = await CreateLetterTemplateAsync(host);
        var region = await CreateRegionAsync(admin);
        for (var i = 0; i < 3; i++)
            await CreateCounterpartyAsync(admin, region, Marker($"ООО Много {i} "));

        var response = await StartAsync(admin, template, region);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("template_batch_too_large");
        problem.GetProperty("limit").GetInt32().ShouldBe(2);
        problem.GetProperty("total").GetInt32().ShouldBe(3);
        (await host.WithDbAsync(db => db.TemplateBatches.CountAsync())).ShouldBe(0);
        (await host.WithDbAsync(db => db.TemplateBatchItems.CountAsync())).ShouldBe(0);
    }
}
