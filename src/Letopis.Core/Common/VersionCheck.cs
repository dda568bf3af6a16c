namespace Letopis.Core.Common;

/// <summary>Optimistic concurrency as the API promises it: <c>If-Match</c> → 412, a stale body <c>version</c> → 409.</summary>
public static class VersionCheck
{
    public const string PreconditionFailed = "precondition_failed";

    public static Error? Fails(int current, int? bodyVersion, int? ifMatchVersion)
    {
        if (ifMatchVersion is { } m && m != current)
            return new Error(PreconditionFailed, "The record has changed since you read it (If-Match does not match).");
        if (bodyVersion is { } v && v != current)
            return Error.StaleVersion();
        return null;
    }
}
