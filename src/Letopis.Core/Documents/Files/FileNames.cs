using Letopis.Core.Common;

namespace Letopis.Core.Documents.Files;

/// <summary>
/// What a stored file may be called. The name is only ever shown and offered back on download
/// (blobs are keyed by generated ids), but a name with path parts or control characters would be
/// unsafe in every program the file is later saved into, so it is refused rather than mangled.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 255;

    /// <summary>Field error code: the name holds a path part, a separator or a control character.</summary>
    public const string Unsafe = "unsafe_name";

    /// <summary>The field error code for <paramref name="name"/>, or null when it is acceptable.</summary>
    public static string? Check(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return FieldErrors.Required;
        if (name.Length > MaxLength)
            return FieldErrors.TooLong;
        // Without separators «../» cannot occur; a name of dots alone is still a path on every system.
        if (name.Any(c => char.IsControl(c) || c is '/' or '\\' or '\u2028' or '\u2029' or '\uFEFF')
            || name.Trim().All(c => c == '.'))
            return Unsafe;
        return null;
    }

    /// <summary>The name as stored: surrounding spaces dropped (Windows cannot save a name ending in one).</summary>
    public static string Normalize(string name) => name.Trim();
}
