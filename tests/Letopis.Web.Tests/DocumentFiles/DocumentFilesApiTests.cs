using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Letopis.Core.Documents.Files;
using Letopis.Infrastructure.Documents;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using static Letopis.Web.Tests.DocumentFiles.FileTestKit;

namespace Letopis.Web.Tests.DocumentFiles;

public class DocumentFilesApiTests
{
    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Upload_ThenDownload_ReturnsTheExactBytes(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var document = await DocumentAsync(host, await AdminIdAsync(host));
        // Several megabytes: many buffers through the stream, well past the multipart reader's own buffering.
        var big = RandomBytes(6 * 1024 * 1024 + 123, seed: 7);

        var created = await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{document}/files", big, "Смета объекта № 5.bin"));
        created.GetProperty("name").GetString().ShouldBe("Смета объекта № 5.bin");
        created.GetProperty("size").GetInt64().ShouldBe(big.Length);
        created.GetProperty("sha256").GetString().ShouldBe(Sha(big));
        created.GetProperty("version").GetInt32().ShouldBe(1);
        var fileId = created.GetProperty("id").GetGuid();

        var download = await client.GetAsync($"/api/v1/files/{fileId}/content");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        bytes.Length.ShouldBe(big.Length);
        bytes.SequenceEqual(big).ShouldBeTrue();
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("Смета объекта № 5.bin");
        download.Headers.ETag!.Tag.ShouldBe($"\"{Sha(big)}\"");

        // Chunked, with no declared length, is the same.
        var small = Encoding.UTF8.GetBytes("Акт сверки взаиморасчётов\n");
        var chunked = await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{document}/files", small, "сверка.txt", chunked: true));
        (await client.GetByteArrayAsync($"/api/v1/files/{chunked.GetProperty("id").GetGuid()}/content")).ShouldBe(small);

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{document}/files");
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ShouldBe(["Смета объекта № 5.bin", "сверка.txt"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task NewVersion_KeepsEveryVersionWithItsUploaderAndComment(string provider)
    {
        using var host = new LetopisHost(provider);
        var admin = await host.AdminAsync();
        var editor = await host.CreateUserAsync("admin", fullName: "Морозова Ольга Викторовна");
        var client = await host.ClientAsync(editor.Login, editor.Password);
        var counterparty = await CounterpartyAsync(admin, "ООО «Версия " + Marker() + "»");
        var document = await DocumentAsync(host, editor.Id, "Договор поставки бетона", counterparty);
        var first = Encoding.UTF8.GetBytes("Редакция первая");
        var second = Encoding.UTF8.GetBytes("Редакция вторая, согласованная с юристами");

        var file = (await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{document}/files", first, "договор.txt", "Проект"))).GetProperty("id").GetGuid();
        host.Clock.Advance(TimeSpan.FromHours(2));
        var v2 = await CreatedAsync(await UploadAsync(client, $"/api/v1/files/{file}/versions", second, "договор (редакция 2).txt", "После замечаний юристов"));
        v2.GetProperty("id").GetGuid().ShouldBe(file);
        v2.GetProperty("version").GetInt32().ShouldBe(2);

        var card = await client.GetFromJsonAsync<JsonElement>($"/api/v1/files/{file}");
        card.GetProperty("name").GetString().ShouldBe("договор (редакция 2).txt");
        card.GetProperty("version").GetInt32().ShouldBe(2);
        var versions = card.GetProperty("versions").EnumerateArray().ToList();
        versions.Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("comment").GetString(), v.GetProperty("uploadedByName").GetString()))
            .ShouldBe([(2, "После замечаний юристов", "Морозова Ольга Викторовна"), (1, "Проект", "Морозова Ольга Викторовна")]);
        (versions[0].GetProperty("uploadedAt").GetDateTime() - versions[1].GetProperty("uploadedAt").GetDateTime()).ShouldBe(TimeSpan.FromHours(2));

        (await client.GetByteArrayAsync($"/api/v1/files/{file}/content")).ShouldBe(second);
        (await client.GetByteArrayAsync($"/api/v1/files/{file}/content?version=1")).ShouldBe(first);
        (await client.GetAsync($"/api/v1/files/{file}/content?version=3")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The counterparty's chronicle and the document's history both tell it.
        var timeline = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{counterparty}/timeline");
        var titles = timeline.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("kind").GetString() == DocumentFileTimeline.Kind)
            .Select(i => i.GetProperty("title").GetString()).ToList();
        titles.Count.ShouldBe(2);
        titles.ShouldContain(t => t!.Contains("договор (редакция 2).txt (v2)"));
        var history = await host.WithDbAsync(db => db.ChangeRecords.Where(c => c.EntityId == document && c.Field == "files").OrderBy(c => c.At).Select(c => c.NewValue).ToListAsync());
        history.ShouldBe(["договор.txt (v1)", "договор (редакция 2).txt (v2)"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ContentType_IsTakenFromTheBytes_NotTheName(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var document = await DocumentAsync(host, await AdminIdAsync(host));
        var writer = new SimpleDocumentWriter();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        var cases = new (byte[] Bytes, string Name, string Type, bool Inline)[]
        {
            (writer.Pdf("Скан", ["Подписано"]), "фото.jpg", ContentSniffer.Pdf, true),
            (png, "акт.pdf", ContentSniffer.Png, true),
            (writer.Docx("Договор", ["Текст"]), "договор.pdf", ContentSniffer.Docx, false),
            (Encoding.UTF8.GetBytes("<!DOCTYPE html><script>alert(1)</script>"), "договор.pdf", ContentSniffer.Html, false),
            (Encoding.UTF8.GetBytes("Обычный текст письма"), "письмо.docx", ContentSniffer.Text, true),
        };
        foreach (var (bytes, name, type, inline) in cases)
        {
            var created = await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{document}/files", bytes, name));
            created.GetProperty("contentType").GetString().ShouldBe(type, name);
            var response = await client.GetAsync($"/api/v1/files/{created.GetProperty("id").GetGuid()}/content?inline=true");
            response.Content.Headers.ContentType!.MediaType.ShouldBe(type);
            // Only what a browser shows without running it is offered inline; an HTML page is always a download.
            response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe(inline ? "inline" : "attachment", name);
            response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Upload_UnsafeNames_AreStoredCleaned(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var document = await DocumentAsync(host, await AdminIdAsync(host));
        var path = $"/api/v1/documents/{document}/files";
        var bytes = Encoding.UTF8.GetBytes("содержимое");

        foreach (var (parameters, stored) in new[]
        {
            // A right-to-left override would show «invoiceexe.pdf» to the next person; a zero-width space hides in «акт».
            ("filename*=UTF-8''invoice%E2%80%AEfdp.exe", "invoicefdp.exe"),
            ("filename*=UTF-8''%D0%B0%E2%80%8B%D0%BA%D1%82.pdf", "акт.pdf"),
            ("filename*=UTF-8''%EF%BB%BF%E2%81%A6%D1%81%D1%87%D1%91%D1%82%E2%81%A9%E2%80%8F.xlsx", "счёт.xlsx"),
            ("filename=\"CON\"", "_CON"),
            ("filename=\"NUL.txt\"", "_NUL.txt"),
            ("filename=\"lpt9.tar.gz\"", "_lpt9.tar.gz"),
            ("filename=\"a.txt:stream\"", "a.txt_stream"),
            ("filename=\"a*b?.pdf\"", "a_b_.pdf"),
            ("filename*=UTF-8''%3Cscript%3E%7C%22x%22.html", "_script___x_.html"),
            ("filename=\"..\\\\..\\\\x.pdf\"", "x.pdf"),
            ("filename=\"../../etc/passwd\"", "passwd"),
            ("filename*=UTF-8''..%2F..%2F" + Uri.EscapeDataString("секрет.txt"), "секрет.txt"),
            ("filename=\"C:\\\\Windows\\\\win.ini\"", "win.ini"),
            ("filename*=UTF-8''%D0%B0%01%D0%B1.txt", "аб.txt"),
            ("filename*=UTF-8''%D0%B0%0A%D0%B1.txt", "аб.txt"),
            ("filename=\"отчёт. . .\"", "отчёт"),
            ("filename=\"..\"", FileNames.Fallback),
            ("filename*=UTF-8''%E2%80%AE%E2%80%8B", FileNames.Fallback),
            ($"filename=\"{new string('я', 300)}.txt\"", new string('я', 125) + ".txt"),
        })
        {
            var created = await CreatedAsync(await UploadRawAsync(client, path, bytes, parameters));
            created.GetProperty("name").GetString().ShouldBe(stored, parameters);
            var fileId = created.GetProperty("id").GetGuid();
            (await client.GetFromJsonAsync<JsonElement>($"/api/v1/files/{fileId}")).GetProperty("name").GetString().ShouldBe(stored, parameters);
            var download = await client.GetAsync($"/api/v1/files/{fileId}/content");
            download.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe(stored, parameters);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Upload_TwoFilesInOneRequest_Is400AndNothingIsStored(string provider)
    {
        using var host = Started(new LetopisHost(provider));
        var client = await host.AdminAsync();
        var document = await DocumentAsync(host, await AdminIdAsync(host));
        var path = $"/api/v1/documents/{document}/files";

        var two = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes("первый")), "file", "первый.txt" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("второй")), "file", "второй.txt" },
        };
        var problem = await ProblemAsync(await client.PostAsync(path, two), HttpStatusCode.BadRequest);
        problem.GetProperty("fieldCodes").GetProperty("file")[0].GetString().ShouldBe(UploadDocumentFile.OneFilePerRequest);
        problem.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("file");

        // A file under another part name is not dropped either.
        var other = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes("первый")), "file", "первый.txt" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("приложение")), "attachment", "приложение.txt" },
        };
        (await ProblemAsync(await client.PostAsync(path, other), HttpStatusCode.BadRequest))
            .GetProperty("fieldCodes").GetProperty("file")[0].GetString().ShouldBe(UploadDocumentFile.OneFilePerRequest);

        StoredFiles(host).ShouldBe((0, 0));
        (await RecordsAsync(host, document)).ShouldBe((0, 0));
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/storage/usage")).GetProperty("company").GetProperty("usedBytes").GetInt64().ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task MissingNamesAndEmptyFiles_AreRefused_AndNothingIsStored(string provider)
    {
        using var host = Started(new LetopisHost(provider));
        var client = await host.AdminAsync();
        var document = await DocumentAsync(host, await AdminIdAsync(host));
        var path = $"/api/v1/documents/{document}/files";
        var bytes = Encoding.UTF8.GetBytes("содержимое");

        var empty = await ProblemAsync(await UploadRawAsync(client, path, bytes, "filename=\"\""), HttpStatusCode.BadRequest);
        empty.GetProperty("fieldCodes").GetProperty("file")[0].GetString().ShouldBe(FileNames.Missing);

        var zero = await ProblemAsync(await UploadAsync(client, path, [], "пустой.txt"), HttpStatusCode.BadRequest);
        zero.GetProperty("fieldCodes").GetProperty("file")[0].GetString().ShouldBe(UploadDocumentFile.Empty);
        var noFile = await ProblemAsync(await client.PostAsync(path, new MultipartFormDataContent { { new StringContent("без файла"), "comment" } }), HttpStatusCode.BadRequest);
        noFile.GetProperty("errors").TryGetProperty("file", out _).ShouldBeTrue();

        StoredFiles(host).ShouldBe((0, 0));
        (await RecordsAsync(host, document)).ShouldBe((0, 0));
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/storage/usage")).GetProperty("company").GetProperty("usedBytes").GetInt64().ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task FileOverTheMaximum_Is413_DeclaredOrNot(string provider)
    {
        using var host = Started(new LetopisHost(provider, settings: new Dictionary<string, string?> { ["Letopis:Files:MaxMegabytes"] = "1" }));
        var client = await host.AdminAsync();
        var document = await DocumentAsync(host, await AdminIdAsync(host));
        var tooBig = RandomBytes(1024 * 1024 + 1, seed: 3);

        foreach (var chunked in new[] { false, true })
        {
            var problem = await ProblemAsync(await UploadAsync(client, $"/api/v1/documents/{document}/files", tooBig, "большой.bin", chunked: chunked), HttpStatusCode.RequestEntityTooLarge);
            problem.GetProperty("code").GetString().ShouldBe(UploadDocumentFile.TooLarge);
            problem.GetProperty("limit").GetInt64().ShouldBe(1024 * 1024);
        }
        StoredFiles(host).ShouldBe((0, 0));
        (await RecordsAsync(host, document)).ShouldBe((0, 0));

        // Exactly the maximum is fine.
        await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{document}/files", tooBig[..(1024 * 1024)], "ровно.bin", chunked: true));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task UploadCutOffMidway_LeavesNoBlobAndNoRecord(string provider)
    {
        using var host = Started(new LetopisHost(provider));
        var client = await host.AdminAsync();
        var document = await DocumentAsync(host, await AdminIdAsync(host));
        var temporaryRoot = Path.Combine(host.DataDir, "files");

        var form = new MultipartFormDataContent { { new StreamContent(new BreakingStream(512 * 1024, () => StoredFiles(host).Temporary > 0)), "file", "обрыв.bin" } };
        await Should.ThrowAsync<Exception>(() => client.PostAsync($"/api/v1/documents/{document}/files", form));

        // The server notices the broken body on its own time; it has until then to clean up.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (StoredFiles(host).Temporary > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        StoredFiles(host).ShouldBe((0, 0));
        (await RecordsAsync(host, document)).ShouldBe((0, 0));
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/storage/usage")).GetProperty("company").GetProperty("usedBytes").GetInt64().ShouldBe(0);
        Directory.Exists(temporaryRoot).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CorruptedBlob_IsAServerError_NeverWrongBytes(string provider)
    {
        using var host = Started(new LetopisHost(provider));
        var client = await host.AdminAsync();
        var document = await DocumentAsync(host, await AdminIdAsync(host));
        var bytes = RandomBytes(300_000, seed: 11);
        var file = (await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{document}/files", bytes, "скан.bin"))).GetProperty("id").GetGuid();

        // One flipped byte on the disk, as a failing drive or a careless hand would leave it.
        var blob = Directory.EnumerateFiles(Path.Combine(host.DataDir, "files"), "*", SearchOption.AllDirectories).Single();
        var onDisk = await File.ReadAllBytesAsync(blob);
        onDisk[150_000] ^= 0xFF;
        await File.WriteAllBytesAsync(blob, onDisk);

        var problem = await ProblemAsync(await client.GetAsync($"/api/v1/files/{file}/content"), HttpStatusCode.InternalServerError);
        problem.GetProperty("code").GetString().ShouldBe("file_corrupted");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task FilesOfAHiddenDocument_DoNotExistForTheCaller(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var document = await DocumentAsync(host, await AdminIdAsync(host));
        var file = (await CreatedAsync(await UploadAsync(admin, $"/api/v1/documents/{document}/files", Encoding.UTF8.GetBytes("тайна"), "тайна.txt"))).GetProperty("id").GetGuid();
        var stranger = await host.CreateUserAsync();
        var client = await host.ClientAsync(stranger.Login, stranger.Password);

        (await client.GetAsync($"/api/v1/documents/{document}/files")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/v1/files/{file}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/v1/files/{file}/content")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await UploadAsync(client, $"/api/v1/documents/{document}/files", [1, 2, 3], "чужой.bin")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await UploadAsync(client, $"/api/v1/files/{file}/versions", [1, 2, 3], "чужой.bin")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.DeleteAsync($"/api/v1/files/{file}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/api/v1/files/{file}/content")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Delete_RemovesTheBytes_AndGivesTheSpaceBack(string provider)
    {
        using var host = Started(new LetopisHost(provider));
        var client = await host.AdminAsync();
        var document = await DocumentAsync(host, await AdminIdAsync(host));
        var file = (await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{document}/files", RandomBytes(1000, 1), "a.bin"))).GetProperty("id").GetGuid();
        await CreatedAsync(await UploadAsync(client, $"/api/v1/files/{file}/versions", RandomBytes(2000, 2), "a.bin"));
        await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{document}/files", RandomBytes(500, 3), "b.bin"));
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/storage/usage")).GetProperty("company").GetProperty("usedBytes").GetInt64().ShouldBe(3500);

        (await client.DeleteAsync($"/api/v1/files/{file}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        StoredFiles(host).ShouldBe((1, 0));
        var usage = await client.GetFromJsonAsync<JsonElement>("/api/v1/storage/usage");
        usage.GetProperty("company").GetProperty("usedBytes").GetInt64().ShouldBe(500);
        usage.GetProperty("user").GetProperty("usedBytes").GetInt64().ShouldBe(500);
        (await client.GetAsync($"/api/v1/files/{file}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{document}/files")).GetProperty("total").GetInt32().ShouldBe(1);
    }

    /// <summary>Gives some bytes, waits until the server is writing them into the store, then breaks like a dropped connection.</summary>
    private sealed class BreakingStream(int before, Func<bool> serverIsWriting) : Stream
    {
        private int _given;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _given; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (_given >= before)
            {
                var deadline = DateTime.UtcNow.AddSeconds(20);
                while (!serverIsWriting() && DateTime.UtcNow < deadline)
                    await Task.Delay(20, cancellationToken);
                throw new IOException("The connection was reset.");
            }
            var n = Math.Min(count, before - _given);
            Array.Fill(buffer, (byte)'x', offset, n);
            _given += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
