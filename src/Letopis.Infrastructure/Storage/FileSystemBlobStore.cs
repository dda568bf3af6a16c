using System.Buffers;
using System.Security.Cryptography;
using Letopis.Core.Storage;

namespace Letopis.Infrastructure.Storage;

/// <summary>
/// Blobs as files under one folder, sharded by the key's first characters. Writes go to a
/// temporary file and are moved into place only when complete, so a cut-off upload leaves nothing.
/// A blob's last-write time is set from the application's clock just before the move (the move keeps
/// it), so its age on every node is measured on the clock the orphan sweep reads.
/// </summary>
public sealed class FileSystemBlobStore : IBlobStore
{
    /// <summary>The unit of reading and writing a blob: large enough that a gigabyte takes a thousand system calls, not thirteen thousand.</summary>
    public const int Chunk = 1 << 20;

    private readonly string _root;
    private readonly TimeProvider _time;

    public FileSystemBlobStore(string root, TimeProvider? time = null)
    {
        _root = Path.GetFullPath(root);
        _time = time ?? TimeProvider.System;
        Directory.CreateDirectory(_root);
    }

    public async Task<BlobInfo> PutAsync(string key, Stream content, CancellationToken ct)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = Path.Combine(_root, ".tmp-" + Guid.NewGuid().ToString("N"));
        try
        {
            long size;
            byte[] hash;
            // No FileStream buffer: the chunks are large. While one chunk is being written, the next
            // is read and hashed, so the network, the hash and the disk work side by side.
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous))
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var chunk = ArrayPool<byte>.Shared.Rent(Chunk);
                var spare = ArrayPool<byte>.Shared.Rent(Chunk);
                var writing = Task.CompletedTask;
                try
                {
                    size = 0;
                    int read;
                    while ((read = await content.ReadAtLeastAsync(chunk.AsMemory(0, Chunk), Chunk, throwOnEndOfStream: false, ct)) > 0)
                    {
                        sha.AppendData(chunk, 0, read);
                        await writing;
                        writing = file.WriteAsync(chunk.AsMemory(0, read), ct).AsTask();
                        size += read;
                        (chunk, spare) = (spare, chunk);
                    }
                    await writing;
                    // The bytes reach the disk before the file is moved into place and its record is
                    // committed: an upload that was answered «201» survives a power cut.
                    file.Flush(flushToDisk: true);
                }
                finally
                {
                    // A failed read must not return a buffer a write is still using.
                    await writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    ArrayPool<byte>.Shared.Return(chunk);
                    ArrayPool<byte>.Shared.Return(spare);
                }
                hash = sha.GetHashAndReset();
            }
            var written = _time.GetUtcNow().UtcDateTime;
            File.SetLastWriteTimeUtc(temp, written);
            File.Move(temp, path, overwrite: false);
            return new BlobInfo(key, size, Convert.ToHexStringLower(hash), written);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        Stream? stream = File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.Asynchronous | FileOptions.SequentialScan)
            : null;
        return Task.FromResult(stream);
    }

    public Task<bool> DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
            return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    /// <summary>Walks the shard folders lazily; temporary files of uploads in progress (in the root) are not blobs.</summary>
    public IAsyncEnumerable<BlobEntry> ListAsync(CancellationToken ct) => Enumerate(ct).ToAsyncEnumerable();

    private IEnumerable<BlobEntry> Enumerate(CancellationToken ct)
    {
        var options = new EnumerationOptions { IgnoreInaccessible = true, RecurseSubdirectories = false };
        foreach (var first in new DirectoryInfo(_root).EnumerateDirectories("*", options))
        {
            foreach (var second in first.EnumerateDirectories("*", options))
            {
                ct.ThrowIfCancellationRequested();
                foreach (var file in second.EnumerateFiles("*", options))
                {
                    if (IsKey(file.Name) && file.Name.StartsWith(first.Name + second.Name, StringComparison.Ordinal))
                        yield return new BlobEntry(file.Name, file.LastWriteTimeUtc);
                }
            }
        }
    }

    private static bool IsKey(string key) => key.Length >= 4 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private string PathOf(string key)
    {
        // Keys are generated by Letopis, but a key is still never allowed to leave the root.
        if (!IsKey(key))
            throw new ArgumentException("Invalid blob key.", nameof(key));
        return Path.Combine(_root, key[..2], key[2..4], key);
    }
}
