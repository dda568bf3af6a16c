namespace Letopis.Infrastructure.Pdf;

/// <summary>
/// Finds an engine's executable and remembers the answer for a while, so a missing package costs one
/// file check a minute rather than one per request, and installing it later needs no restart.
/// </summary>
public sealed class EngineLocator(string? configuredPath, string[] commandNames, TimeSpan recheck, TimeProvider time)
{
    private readonly Lock _gate = new();
    private string? _path;
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    /// <summary>The executable's full path, or null when it is not installed.</summary>
    public string? Find()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_checkedAt != DateTimeOffset.MinValue && now - _checkedAt < recheck && (_path is null || File.Exists(_path)))
                return _path;
            _path = Resolve();
            _checkedAt = now;
            return _path;
        }
    }

    /// <summary>Forgets the answer: the executable vanished under us (a package removed).</summary>
    public void Forget()
    {
        lock (_gate)
            _checkedAt = DateTimeOffset.MinValue;
    }

    private string? Resolve()
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
            return IsExecutable(configuredPath) ? Path.GetFullPath(configuredPath) : null;
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in commandNames)
        {
            foreach (var dir in dirs)
            {
                var candidate = Path.Combine(dir, name);
                if (IsExecutable(candidate))
                    return candidate;
            }
        }
        return null;
    }

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
            return false;
        if (OperatingSystem.IsWindows())
            return true;
        var mode = File.GetUnixFileMode(path);
        return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
