using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Letopis.Core.Common;

namespace Letopis.Web.Api;

public static class HttpExtensions
{
    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in."));

    /// <summary>The version named by <c>If-Match</c> (<c>"7"</c> or <c>W/"7"</c>), if any.</summary>
    public static int? IfMatchVersion(this HttpRequest request)
    {
        var raw = request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(raw))
            return null;
        var trimmed = raw.Replace("W/", "", StringComparison.Ordinal).Trim().Trim('"');
        return int.TryParse(trimmed, out var v) ? v : -1;
    }

    public static void SetETag(this HttpResponse response, int version) =>
        response.Headers.ETag = $"\"{version}\"";

    public static Optional<T> Field<T>(this JsonObject patch, string name)
    {
        if (!patch.TryGetPropertyValue(name, out var node))
            return Optional<T>.Absent;
        if (node is null)
            return new Optional<T>(true, default!);
        try
        {
            return new Optional<T>(true, node.Deserialize<T>(JsonOptions.Web)!);
        }
        catch (JsonFieldException e)
        {
            throw new PatchFieldException(name, e.Code);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new PatchFieldException(name);
        }
    }

    /// <summary>The <c>customFields</c> object of a body: absent → null, otherwise code → value (null clears).</summary>
    public static IReadOnlyDictionary<string, JsonNode?>? CustomFields(this JsonObject body)
    {
        if (!body.TryGetPropertyValue("customFields", out var node) || node is null)
            return null;
        if (node is not JsonObject codes)
            throw new PatchFieldException("customFields");
        return codes.ToDictionary(p => p.Key, p => p.Value?.DeepClone());
    }

    public static int? VersionField(this JsonObject patch) =>
        patch.TryGetPropertyValue("version", out var node) && node is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
}

/// <summary>A merge-patch field whose JSON type is wrong (a string where a number belongs…).</summary>
public sealed class PatchFieldException(string field, string code = FieldErrors.Invalid) : Exception($"Field '{field}' has the wrong type.")
{
    public string FieldName { get; } = field;

    public string Code { get; } = code;
}

public static class JsonOptions
{
    public static readonly JsonSerializerOptions Web = Create();

    public static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.BasicLatin, System.Text.Unicode.UnicodeRanges.Cyrillic),
        };
        o.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        JsonInput.Configure(o);
        return o;
    }
}
