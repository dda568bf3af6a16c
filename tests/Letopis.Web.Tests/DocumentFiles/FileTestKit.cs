using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.Documents.Files;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Letopis.Web.Tests.DocumentFiles;

/// <summary>Documents to attach files to, uploads in every shape a client may send, and a look at what was stored.</summary>
internal static class FileTestKit
{
    /// <summary>A made-up stem of consonants: unique per test, untouched by the stemmer, so that its declined forms are found only where it was written.</summary>
    public static string Marker() =>
        string.Concat(Enumerable.Range(0, 8).Select(_ => "бвгджзклмнпрстфхцчшщ"[Random.Shared.Next(20)]));

    /// <summary>A registered contract (written straight to the database: the files are what is under test).</summary>
    public static Task<Guid> DocumentAsync(LetopisHost host, Guid? responsibleId, string title = "Договор подряда", Guid? counterpartyId = null) =>
        host.WithDbAsync(async db =>
        {
            var type = await db.DocumentTypes.FirstAsync(t => t.Code == "contract");
            var document = new Document
            {
                TypeId = type.Id,
                Title = title,
                TitleNormalized = title.ToUpperInvariant(),
                RegisteredOn = new DateOnly(2026, 11, 27),
                ResponsibleId = responsibleId,
                CounterpartyId = counterpartyId,
                Status = DocumentStatus.Draft,
                CreatedAt = host.Clock.GetUtcNow().UtcDateTime,
            };
            document.RootId = document.Id;
            db.Documents.Add(document);
            await db.SaveChangesAsync();
            return document.Id;
        });

    public static async Task<Guid> AdminIdAsync(LetopisHost host) =>
        await host.WithDbAsync(db => db.Users.Where(u => u.NormalizedUserName == "ADMIN").Select(u => u.Id).SingleAsync());

    public static async Task<Guid> CounterpartyAsync(HttpClient client, string name)
    {
        var response = await client.PostAsJsonAsync("/api/v1/counterparties", new { name });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Uploads through <see cref="MultipartFormDataContent"/>, as .NET clients do (the name goes as filename and filename*).</summary>
    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, string path, byte[] bytes, string name, string? comment = null, bool chunked = false)
    {
        var form = new MultipartFormDataContent();
        HttpContent file = chunked ? new StreamContent(new NonSeekableStream(bytes)) : new ByteArrayContent(bytes);
        form.Add(file, "file", name);
        if (comment is not null)
            form.Add(new StringContent(comment, Encoding.UTF8), "comment");
        return client.PostAsync(path, form);
    }

    /// <summary>Uploads with a hand-written part header, to send exactly the file name bytes a hostile client would.</summary>
    public static Task<HttpResponseMessage> UploadRawAsync(HttpClient client, string path, byte[] bytes, string dispositionParameters)
    {
        const string boundary = "letopis-test-boundary";
        var body = new MemoryStream();
        void Text(string s) => body.Write(Encoding.UTF8.GetBytes(s));
        Text($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; {dispositionParameters}\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.Write(bytes);
        Text($"\r\n--{boundary}--\r\n");
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return client.PostAsync(path, content);
    }

    public static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Runs the background text extraction now and waits for any run in progress on this node.</summary>
    public static async Task ExtractAsync(LetopisHost host)
    {
        await using var scope = host.Scope();
        await scope.ServiceProvider.GetRequiredService<ExtractFileTexts>().RunOnceAsync(CancellationToken.None);
    }

    /// <summary>Blobs in the store and temporary files of uploads in progress.</summary>
    public static (int Blobs, int Temporary) StoredFiles(LetopisHost host)
    {
        var root = Path.Combine(host.DataDir, "files");
        if (!Directory.Exists(root))
            return (0, 0);
        var all = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        return (all.Count(f => !f!.StartsWith(".tmp-", StringComparison.Ordinal)), all.Count(f => f!.StartsWith(".tmp-", StringComparison.Ordinal)));
    }

    public static Task<(int Files, int Versions)> RecordsAsync(LetopisHost host, Guid documentId) =>
        host.WithDbAsync(async db => (
            await db.DocumentFiles.CountAsync(f => f.DocumentId == documentId),
            await db.DocumentFileVersions.CountAsync(v => db.DocumentFiles.Any(f => f.Id == v.FileId && f.DocumentId == documentId))));

    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        // Not a sniffable signature, whatever the seed gave.
        bytes[0] = 0x00;
        return bytes;
    }

    public static LetopisHost Started(LetopisHost host)
    {
        _ = host.Server;
        return host;
    }

    /// <summary>A body whose length the client cannot know in advance: sent chunked.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
