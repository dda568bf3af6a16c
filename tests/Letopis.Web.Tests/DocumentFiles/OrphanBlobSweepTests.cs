using System.Text;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents.Files;
using Letopis.Core.Storage;
using Letopis.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Letopis.Web.Tests.DocumentFiles.FileTestKit;

namespace Letopis.Web.Tests.DocumentFiles;

public class OrphanBlobSweepTests
{
    private static LetopisHost SweepHost(string provider) => Started(new LetopisHost(provider, settings: new Dictionary<string, string?>
    {
        ["Letopis:Files:OrphanGraceMinutes"] = "60",
        // The background pass must not run while the test moves the clock: the test runs its own.
        ["Letopis:Files:OrphanSweepMinutes"] = "10080",
    }));

    private static async Task<int> SweepAsync(LetopisHost host, RecordingLogger<SweepOrphanBlobs> logger)
    {
        await using var scope = host.Scope();
        var sweep = ActivatorUtilities.CreateInstance<SweepOrphanBlobs>(scope.ServiceProvider, logger);
        return await sweep.RunOnceAsync(CancellationToken.None);
    }

    private static async Task<string> PutAsync(LetopisHost host, string text)
    {
        var key = Guid.CreateVersion7().ToString("N");
        await host.Services.GetRequiredService<IBlobStore>().PutAsync(key, new MemoryStream(Encoding.UTF8.GetBytes(text)), CancellationToken.None);
        return key;
    }

    private static async Task<bool> ExistsAsync(LetopisHost host, string key)
    {
        await using var blob = await host.Services.GetRequiredService<IBlobStore>().OpenReadAsync(key, CancellationToken.None);
        return blob is not null;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Sweep_UnreferencedBlobPastTheGrace_IsDeletedAndCounted(string provider)
    {
        using var host = SweepHost(provider);
        var client = await host.AdminAsync();
        var document = await DocumentAsync(host, await AdminIdAsync(host));
        // A recorded file, and bytes whose version never committed (the process died in between).
        var recorded = await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{document}/files", Encoding.UTF8.GetBytes("договор"), "договор.txt"));
        var orphan = await PutAsync(host, "осиротевший файл");
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        // Written just now: an upload about to be recorded.
        var young = await PutAsync(host, "загружается сейчас");
        var logger = new RecordingLogger<SweepOrphanBlobs>();

        (await SweepAsync(host, logger)).ShouldBe(1);

        (await ExistsAsync(host, orphan)).ShouldBeFalse();
        (await ExistsAsync(host, young)).ShouldBeTrue();
        (await client.GetByteArrayAsync($"/api/v1/files/{recorded.GetProperty("id").GetGuid()}/content")).ShouldBe(Encoding.UTF8.GetBytes("договор"));
        logger.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.State.Any(p => p.Key == "Count" && Equals(p.Value, 1)));

        // A second pass (or another node's) finds nothing more to do.
        (await SweepAsync(host, new RecordingLogger<SweepOrphanBlobs>())).ShouldBe(0);
        StoredFiles(host).ShouldBe((2, 0));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Sweep_ManyBlobs_ChecksThemInBatches(string provider)
    {
        using var host = SweepHost(provider);
        var client = await host.AdminAsync();
        var document = await DocumentAsync(host, await AdminIdAsync(host));
        var orphans = new List<string>();
        for (var i = 0; i < SweepOrphanBlobs.BatchSize + 7; i++)
            orphans.Add(await PutAsync(host, "orphan " + i));
        var recorded = await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{document}/files", Encoding.UTF8.GetBytes("оставить"), "оставить.txt"));
        host.Clock.Advance(TimeSpan.FromHours(2));

        (await SweepAsync(host, new RecordingLogger<SweepOrphanBlobs>())).ShouldBe(orphans.Count);

        StoredFiles(host).ShouldBe((1, 0));
        (await client.GetByteArrayAsync($"/api/v1/files/{recorded.GetProperty("id").GetGuid()}/content")).ShouldBe(Encoding.UTF8.GetBytes("оставить"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Commit_BlobOlderThanHalfTheGrace_IsRefusedAndItsBytesRemoved(string provider)
    {
        using var host = SweepHost(provider);
        var adminId = await AdminIdAsync(host);
        var document = await DocumentAsync(host, adminId);
        await using var scope = host.Scope();
        var access = await AccessContext.LoadAsync(scope.ServiceProvider.GetRequiredService<LetopisDb>(), adminId, CancellationToken.None);
        var upload = scope.ServiceProvider.GetRequiredService<UploadDocumentFile>();
        var target = (await upload.PrepareAsync(access, document, null, null, CancellationToken.None)).Value;
        var stored = (await upload.StoreAsync(target, new MemoryStream(Encoding.UTF8.GetBytes("медленно")), CancellationToken.None)).Value;

        // Stuck for over half the grace between storing and recording: the sweep may be about to take the
        // bytes, so the version is not recorded (a recorded version without its bytes would be a lost file).
        host.Clock.Advance(TimeSpan.FromMinutes(31));
        var result = await upload.CommitAsync(target, "медленно.txt", stored, null, CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.Conflict);
        StoredFiles(host).ShouldBe((0, 0));
        (await RecordsAsync(host, document)).ShouldBe((0, 0));
    }

    internal sealed class RecordingLogger<T> : ILogger<T>
    {
        public List<(LogLevel Level, IReadOnlyList<KeyValuePair<string, object?>> State)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
                Entries.Add((logLevel, state as IReadOnlyList<KeyValuePair<string, object?>> ?? []));
        }
    }
}
