using System.Net;
using System.Security.Cryptography;
using Letopis.TestKit;
using static Letopis.Web.Tests.DocumentFiles.FileTestKit;

namespace Letopis.Web.Tests.DocumentFiles;

/// <summary>
/// Files larger than what is verified before sending are checked while they stream, a chunk held
/// back until the hash is known: the bytes arrive whole, and a blob spoiled on the disk never arrives complete.
/// </summary>
public class LargeFileStreamingTests
{
    // Above the 32 MB verified up front, and not a whole number of the 1 MB chunks.
    private const int Size = 40 * 1024 * 1024 + 12_345;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ALargeFile_ComesBackByteForByte_AndASpoiledOneIsCutOff(string provider)
    {
        using var host = Started(new LetopisHost(provider));
        var client = await host.AdminAsync();
        var document = await DocumentAsync(host, await AdminIdAsync(host));
        var bytes = RandomBytes(Size, seed: 40);
        var file = (await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{document}/files", bytes, "архив.bin"))).GetProperty("id").GetGuid();

        var back = await client.GetByteArrayAsync($"/api/v1/files/{file}/content");
        back.Length.ShouldBe(Size);
        SHA256.HashData(back).ShouldBe(SHA256.HashData(bytes));

        // The last byte flipped on the disk: the sum is wrong only once everything has been read.
        var blob = Directory.EnumerateFiles(Path.Combine(host.DataDir, "files"), "*", SearchOption.AllDirectories).Single();
        await using (var stream = new FileStream(blob, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Position = Size - 1;
            var last = (byte)stream.ReadByte();
            stream.Position = Size - 1;
            stream.WriteByte((byte)(last ^ 0xFF));
        }

        using var response = await client.GetAsync($"/api/v1/files/{file}/content", HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentLength.ShouldBe(Size);
        long received = 0;
        var failed = false;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
                received += read;
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            failed = true;
        }
        // A download that ends short of its promised length is a failed one for every client.
        (failed || received < Size).ShouldBeTrue($"received {received} of {Size} bytes without an error");
        received.ShouldBeLessThan(Size);
    }
}
