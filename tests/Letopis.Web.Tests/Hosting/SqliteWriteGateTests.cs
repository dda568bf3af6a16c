using Letopis.Core.Crm;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Letopis.Web.Tests.Hosting;

/// <summary>On SQLite this process's saves queue for the write lock; nothing may be lost or stuck on the way.</summary>
public class SqliteWriteGateTests
{
    [Fact]
    public async Task ManyConcurrentSaves_AllLand()
    {
        using var host = new LetopisHost("sqlite");
        _ = host.Server; // started and seeded before the crowd arrives
        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => host.WithDbAsync(async db =>
        {
            db.Set<Tag>().Add(new Tag { Name = $"Тег {i}", NameNormalized = $"ТЕГ {i}" });
            return await db.SaveChangesAsync();
        }))));
        (await host.WithDbAsync(db => db.Set<Tag>().CountAsync())).ShouldBe(24);
    }

    [Fact]
    public async Task ASaveInsideAnOpenWriteTransaction_PassesWhileAnotherSaveWaitsForIt()
    {
        using var host = new LetopisHost("sqlite");
        await using var first = host.Scope();
        var holder = first.ServiceProvider.GetRequiredService<Letopis.Core.Data.LetopisDb>();
        await using var transaction = await holder.Database.BeginTransactionAsync();
        holder.Set<Tag>().Add(new Tag { Name = "Первый", NameNormalized = "ПЕРВЫЙ" });
        await holder.SaveChangesAsync(); // holds SQLite's write lock until the commit

        // Another save queues at the gate, takes it and waits for SQLite's lock, held above.
        var waiting = Task.Run(() => host.WithDbAsync(async db =>
        {
            db.Set<Tag>().Add(new Tag { Name = "Второй", NameNormalized = "ВТОРОЙ" });
            return await db.SaveChangesAsync();
        }));
        await Task.Delay(200);
        waiting.IsCompleted.ShouldBeFalse();

        // The lock holder saves again inside its transaction: it must not queue behind the waiter.
        holder.Set<Tag>().Add(new Tag { Name = "Третий", NameNormalized = "ТРЕТИЙ" });
        (await holder.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe(1);
        await transaction.CommitAsync();

        (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe(1);
        (await host.WithDbAsync(db => db.Set<Tag>().OrderBy(t => t.NameNormalized).Select(t => t.Name).ToListAsync()))
            .ShouldBe(["Второй", "Первый", "Третий"]);
    }
}
