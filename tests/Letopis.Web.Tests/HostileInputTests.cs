using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Letopis.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Letopis.Web.Tests;

/// <summary>
/// Malformed requests, generated from the OpenAPI document, at every write endpoint (and the
/// query parameters of every read): no answer may be a 5xx and the server may log no exception.
/// </summary>
public class HostileInputTests(ITestOutputHelper output)
{
    private const int Seed = 20261206;

    /// <summary>Values that break parsers, converters and arithmetic: types, sizes, encodings, edge numbers and dates.</summary>
    private static readonly string[] EdgeValues =
    [
        "null", "true", "[]", "{}", "[[[[[[[[[[]]]]]]]]]]", "{\"a\":{\"b\":{\"c\":[1,{\"d\":null}]}}}",
        "0", "-1", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "18446744073709551616", "1e309", "-1e309", "1e-400", "0.5", "-0.0", "79228162514264337593543950336",
        "\"\"", "\" \"", "\"0001-01-01\"", "\"9999-12-31\"", "\"10000-01-01\"", "\"2026-02-30\"", "\"0000-00-00\"",
        "\"9999-12-31T23:59:59.9999999+00:00\"", "\"9999-12-31T23:59:59-14:00\"", "\"0001-01-01T00:00:00+14:00\"",
        "\"0001-01-01T00:00:00Z\"", "\"2026-13-45T25:61:61Z\"", "\"2026-12-01T10:00:00+99:00\"",
        "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"a\\u0000b\"", "\"\\u0000\"", "\"\\uFFFF\\uFFFE\"", "\"\\u202Eevil\"",
        "\"00000000-0000-0000-0000-000000000000\"", "\"ffffffff-ffff-ffff-ffff-ffffffffffff\"", "\"not-a-guid\"",
        "\"-1\"", "\"9223372036854775808\"", "\"NaN\"", "\"Infinity\"", "\"<script>alert(1)</script>\"", "\"'; DROP TABLE x; --\"",
        "\"%s%n%x\"", "\"../../../etc/passwd\"", "\"ООО «Ромашка»\"", "\"\\u0301\\u0301\\u0301\"",
    ];

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task EveryEndpoint_MalformedRequests_NeverAnswer5xxNorLogAnException(string provider)
    {
        using var host = new LetopisHost(provider);
        var admin = await host.AdminAsync();
        var anonymous = host.CreateClient();
        var errors = new ErrorRecorder();
        host.Services.GetRequiredService<ILoggerFactory>().AddProvider(errors);
        var ids = await RealIdsAsync(admin, (await host.CreateUserAsync()).Id);
        var document = await admin.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var random = new Random(Seed);
        var failures = new List<string>();
        var sent = 0;
        var writes = 0;
        var statuses = new SortedDictionary<int, int>();

        foreach (var (path, method, operation) in Operations(document))
        {
            var isWrite = method != "get";
            if (isWrite)
                writes++;
            foreach (var request in Requests(document, path, method, operation, ids, random))
            {
                sent++;
                // Signing in and out is what strangers reach: sent without the admin's token, which stays valid.
                var client = path.StartsWith("/api/v1/auth/", StringComparison.Ordinal) ? anonymous : admin;
                using var response = await client.SendAsync(request.Build());
                statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                if ((int)response.StatusCode >= 500)
                    failures.Add($"{(int)response.StatusCode} {method.ToUpperInvariant()} {request.Url} {Shorten(request.Description)}");
            }
        }

        output.WriteLine($"{sent} requests at {writes} write operations: " + string.Join(", ", statuses.Select(x => $"{x.Key}×{x.Value}")));
        foreach (var failure in failures.Take(200))
            output.WriteLine(failure);
        foreach (var entry in errors.Entries.Take(50))
            output.WriteLine(entry);
        writes.ShouldBeGreaterThan(20);
        sent.ShouldBeGreaterThanOrEqualTo(2000);
        failures.ShouldBeEmpty();
        errors.Entries.ShouldBeEmpty();
    }

    private static string Shorten(string text) => text.Length > 160 ? text[..160] + "…" : text;

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Name is "post" or "put" or "patch" or "delete" or "get")
                    yield return (path.Name, operation.Name, operation.Value);
            }
        }
    }

    /// <summary>Ids of records that exist, so that malformed bodies also reach the handlers of real records.</summary>
    private static async Task<Dictionary<string, string>> RealIdsAsync(HttpClient admin, Guid user)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var counterparty = await admin.PostAsJsonAsync("/api/v1/counterparties", new { kind = "company", name = "ООО «Проверка»" });
        ids["counterparty"] = (await counterparty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var activity = await admin.PostAsJsonAsync("/api/v1/activities", new
        {
            kind = "call",
            subject = "Позвонить",
            plannedAt = LetopisHost.Start.AddDays(1),
            counterpartyId = ids["counterparty"],
        });
        ids["activit"] = (await activity.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        ids["user"] = user.ToString();
        return ids;
    }

    private static string PathValue(string path, string parameter, Dictionary<string, string> ids, int variant, JsonElement? schema)
    {
        if (parameter == "book")
            return variant % 2 == 0 ? "regions" : "activity-types";
        if (schema is { } s && s.TryGetProperty("format", out var format) && format.GetString() != "uuid"
            && s.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() is "integer")
            return variant % 2 == 0 ? "1" : "2147483647";
        if (variant % 3 == 0)
        {
            var section = path.Split('{')[0];
            foreach (var (key, id) in ids)
            {
                if (section.Contains(key, StringComparison.Ordinal))
                    return id;
            }
        }
        return variant % 3 == 1 ? Guid.Empty.ToString() : Guid.CreateVersion7().ToString();
    }

    private static IEnumerable<HostileRequest> Requests(JsonElement document, string path, string method, JsonElement operation,
        Dictionary<string, string> ids, Random random)
    {
        var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().Select(x => Resolve(document, x)).ToList() : [];
        var pathParameters = parameters.Where(x => x.GetProperty("in").GetString() == "path").ToList();
        var queryParameters = parameters.Where(x => x.GetProperty("in").GetString() == "query").ToList();
        var variant = 0;
        string Url(string? query = null)
        {
            var url = path;
            foreach (var parameter in pathParameters)
            {
                var name = parameter.GetProperty("name").GetString()!;
                JsonElement? schema = parameter.TryGetProperty("schema", out var sc) ? Resolve(document, sc) : null;
                url = url.Replace("{" + name + "}", PathValue(path, name, ids, variant, schema), StringComparison.Ordinal);
            }
            variant++;
            return query is null ? url : url + "?" + query;
        }

        // Query parameters: every edge value in each, for reads and writes alike.
        foreach (var parameter in queryParameters)
        {
            var name = parameter.GetProperty("name").GetString()!;
            foreach (var value in QueryEdges(random))
                yield return new HostileRequest(method, Url($"{name}={value}"), null, null, $"query {name}={value}");
        }
        if (method == "get")
            yield break;

        var properties = BodyProperties(document, operation);
        var valid = properties.ToDictionary(x => x.Key, x => ValidValue(document, x.Value));
        string Body(IEnumerable<KeyValuePair<string, string>> members) =>
            "{" + string.Join(",", members.Select(m => JsonSerializer.Serialize(m.Key) + ":" + m.Value)) + "}";
        const string json = "application/json";

        // The shape of the body itself.
        yield return new HostileRequest(method, Url(), "", json, "empty body");
        yield return new HostileRequest(method, Url(), "null", json, "null");
        yield return new HostileRequest(method, Url(), "[]", json, "array");
        yield return new HostileRequest(method, Url(), "\"text\"", json, "string");
        yield return new HostileRequest(method, Url(), "42", json, "number");
        yield return new HostileRequest(method, Url(), "{", json, "truncated");
        yield return new HostileRequest(method, Url(), "{\"a\":", json, "truncated member");
        yield return new HostileRequest(method, Url(), "{\"a\":1,}", json, "trailing comma");
        yield return new HostileRequest(method, Url(), "{'a':1}", json, "single quotes");
        yield return new HostileRequest(method, Url(), "{} {}", json, "two documents");
        yield return new HostileRequest(method, Url(), new string('[', 5000) + new string(']', 5000), json, "deep nesting");
        yield return new HostileRequest(method, Url(), Body(valid), "text/plain", "text/plain");
        yield return new HostileRequest(method, Url(), "<a/>", "application/xml", "xml");
        yield return new HostileRequest(method, Url(), "name=a&name=b", "application/x-www-form-urlencoded", "form");
        yield return new HostileRequest(method, Url(), "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nabc", "multipart/form-data; boundary=x", "multipart garbage");
        yield return new HostileRequest(method, Url(), "--\r\n\r\n", "multipart/form-data", "multipart without boundary");
        yield return new HostileRequest(method, Url(), Body(valid), "application/json; charset=utf-7", "charset utf-7");
        yield return new HostileRequest(method, Url(), new byte[] { 0x7B, 0x22, 0x6E, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0xFE, 0x22, 0x7D }, json, "invalid UTF-8");
        yield return new HostileRequest(method, Url(), "\uFEFF" + Body(valid), json, "byte order mark");
        yield return new HostileRequest(method, Url(), Body(valid), json, "plausible body");
        yield return new HostileRequest(method, Url(), Body(valid.Concat(valid)), json, "every key twice");
        yield return new HostileRequest(method, Url(), "{\"name\":\"a\",\"name\":\"b\",\"Name\":\"c\"}", json, "duplicate name");

        // Each property: duplicates, then edge values in an otherwise plausible body.
        foreach (var property in properties.Keys)
        {
            var others = valid.Where(x => x.Key != property).ToList();
            yield return new HostileRequest(method, Url(), Body(others.Append(new(property, "\"a\"")).Append(new(property, "1"))), json, $"{property} twice");
            yield return new HostileRequest(method, Url(), Body(others.Append(new(property, "\"" + new string('я', 300_000) + "\""))), json, $"{property} huge");
            foreach (var value in EdgeValues.OrderBy(_ => random.Next()).Take(14))
                yield return new HostileRequest(method, Url(), Body(others.Append(new(property, value))), json, $"{property}={value}");
        }
        // Bodies whose schema is unknown to the document still get the common field names.
        if (properties.Count == 0)
        {
            foreach (var name in new[] { "name", "date", "from", "to", "expiresAt", "version", "id" })
            {
                foreach (var value in EdgeValues.OrderBy(_ => random.Next()).Take(6))
                    yield return new HostileRequest(method, Url(), Body([new(name, value)]), json, $"{name}={value}");
            }
        }
    }

    private static IEnumerable<string> QueryEdges(Random random) =>
        new[] { "2147483647", "-2147483648", "9223372036854775808", "0001-01-01", "9999-12-31", "10000-01-01", "%ED%A0%80", "%00", "%FF%FE", "", "[]", "1e309" }
            .Concat(new[] { "2026-02-30", "0", "-1", "NaN", new string('x', 5000), "9999-12-31T23:59:59Z" }.OrderBy(_ => random.Next()).Take(3));

    private static Dictionary<string, JsonElement> BodyProperties(JsonElement document, JsonElement operation)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (!operation.TryGetProperty("requestBody", out var body) || !Resolve(document, body).TryGetProperty("content", out var content))
            return result;
        foreach (var media in content.EnumerateObject())
        {
            if (!media.Value.TryGetProperty("schema", out var schema))
                continue;
            var resolved = Resolve(document, schema);
            if (resolved.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                    result.TryAdd(property.Name, Resolve(document, property.Value));
            }
        }
        return result;
    }

    private static string ValidValue(JsonElement document, JsonElement schema)
    {
        if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
            return values[0].GetRawText();
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var type = "string";
        if (schema.TryGetProperty("type", out var t))
            type = t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).First(x => x != "null")! : t.GetString()!;
        return (type, format) switch
        {
            ("string", "date") => "\"2026-12-01\"",
            ("string", "date-time") => "\"2026-12-01T10:00:00+03:00\"",
            ("string", "uuid") => "\"" + Guid.CreateVersion7() + "\"",
            ("string", _) => "\"Проверка\"",
            ("integer" or "number", _) => "1",
            ("boolean", _) => "true",
            ("array", _) => "[]",
            ("object", _) => "{}",
            _ => "null",
        };
    }

    private static JsonElement Resolve(JsonElement document, JsonElement element)
    {
        for (var i = 0; i < 10 && element.ValueKind == JsonValueKind.Object; i++)
        {
            if (element.TryGetProperty("$ref", out var reference))
            {
                element = reference.GetString()!.TrimStart('#', '/').Split('/')
                    .Aggregate(document, (node, part) => node.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)));
                continue;
            }
            if (element.TryGetProperty("oneOf", out var oneOf) || element.TryGetProperty("anyOf", out oneOf))
            {
                var first = oneOf.EnumerateArray().FirstOrDefault(x => !(x.TryGetProperty("type", out var tt) && tt.ValueKind == JsonValueKind.String && tt.GetString() == "null"));
                if (first.ValueKind != JsonValueKind.Object)
                    return element;
                element = first;
                continue;
            }
            return element;
        }
        return element;
    }

    private sealed record HostileRequest(string Method, string Url, object? Content, string? ContentType, string Description)
    {
        public HttpRequestMessage Build()
        {
            var request = new HttpRequestMessage(new HttpMethod(Method.ToUpperInvariant()), Url);
            if (Content is not null)
            {
                var bytes = Content as byte[] ?? Encoding.UTF8.GetBytes((string)Content);
                var content = new ByteArrayContent(bytes);
                if (ContentType is not null)
                    content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
                request.Content = content;
            }
            return request;
        }
    }

    /// <summary>Every error the server logs with an exception.</summary>
    private sealed class ErrorRecorder : ILoggerProvider
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Recorder(ErrorRecorder owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Error && exception is not null)
                    owner.Entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception.GetType().Name}: {exception.Message} {exception.StackTrace?.Split('\n').FirstOrDefault()}");
            }
        }
    }
}
