using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Letopis.Core.Common;

namespace Letopis.Web.Api;

/// <summary>
/// What every JSON body must satisfy before a handler sees it, whatever its shape: each field once,
/// dates and instants within <see cref="DateLimits"/>, and text without NUL characters (which
/// PostgreSQL cannot store). A breach is a <see cref="JsonFieldException"/>, which the exception
/// handler answers with a 400 naming the field.
/// </summary>
public static class JsonInput
{
    public static void Configure(JsonSerializerOptions options)
    {
        // Duplicate keys are refused while reading instead of failing later in a dictionary.
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new DateConverter());
        options.Converters.Add(new DateTimeConverter());
        options.Converters.Add(new DateTimeOffsetConverter());
        options.Converters.Add(new TextConverter());
        options.Converters.Add(new ObjectConverter());
    }

    /// <summary>The field named by a reader's JSON path: <c>$.followUp.plannedAt</c> → <c>followUp.plannedAt</c>.</summary>
    public static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
            return null;
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? null : field.Replace("['", "", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal);
    }

    private sealed class DateConverter : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = JsonMetadataServices.DateOnlyConverter.Read(ref reader, typeToConvert, options);
            return DateLimits.Contains(value) ? value : throw new JsonFieldException(FieldErrors.OutOfRange);
        }

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
            JsonMetadataServices.DateOnlyConverter.Write(writer, value, options);
    }

    private sealed class DateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = JsonMetadataServices.DateTimeConverter.Read(ref reader, typeToConvert, options);
            return DateLimits.Contains(value) ? value : throw new JsonFieldException(FieldErrors.OutOfRange);
        }

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            JsonMetadataServices.DateTimeConverter.Write(writer, value, options);
    }

    private sealed class DateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = JsonMetadataServices.DateTimeOffsetConverter.Read(ref reader, typeToConvert, options);
            return DateLimits.Contains(value) ? value : throw new JsonFieldException(FieldErrors.OutOfRange);
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            JsonMetadataServices.DateTimeOffsetConverter.Write(writer, value, options);
    }

    /// <summary>
    /// Merge-patch bodies (<see cref="JsonObject"/>) are checked whole when bound: the serializer
    /// finds duplicates only by exact name, while the object looks fields up case-insensitively and
    /// would fail on <c>name</c> and <c>Name</c> only when the handler reads it.
    /// </summary>
    private sealed class ObjectConverter : JsonConverter<JsonObject>
    {
        public override JsonObject? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new JsonException("A JSON object is expected.");
            using var document = JsonDocument.ParseValue(ref reader);
            if (FirstDuplicate(document.RootElement, "") is { } field)
                throw new JsonFieldException(FieldErrors.DuplicateKey, field);
            return JsonObject.Create(document.RootElement.Clone(), new JsonNodeOptions { PropertyNameCaseInsensitive = options.PropertyNameCaseInsensitive });
        }

        public override void Write(Utf8JsonWriter writer, JsonObject value, JsonSerializerOptions options) => value.WriteTo(writer, options);

        private static string? FirstDuplicate(JsonElement element, string prefix)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstDuplicate(item, $"{prefix}[{i++}]") is { } found)
                        return found;
                }
                return null;
            }
            if (element.ValueKind != JsonValueKind.Object)
                return null;
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in element.EnumerateObject())
            {
                var name = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
                if (!seen.Add(property.Name))
                    return name;
                if (FirstDuplicate(property.Value, name) is { } found)
                    return found;
            }
            return null;
        }
    }

    private sealed class TextConverter : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = JsonMetadataServices.StringConverter.Read(ref reader, typeToConvert, options);
            return value is not null && value.Contains('\0', StringComparison.Ordinal) ? throw new JsonFieldException(TextRules.ControlCharacters) : value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            JsonMetadataServices.StringConverter.Write(writer, value, options);
    }
}

/// <summary>
/// A JSON value that reads but is not accepted; the serializer adds the field's path, unless the
/// converter names the <see cref="Field"/> itself.
/// </summary>
public sealed class JsonFieldException(string code, string? field = null) : JsonException($"The value is not accepted ({code}).")
{
    public string Code { get; } = code;

    public string? Field { get; } = field;
}
