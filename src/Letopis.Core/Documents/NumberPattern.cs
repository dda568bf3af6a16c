using System.Globalization;
using System.Text;
using Letopis.Core.Common;

namespace Letopis.Core.Documents;

/// <summary>
/// A registration number pattern. Tokens: <c>{n}</c> (the counter), <c>{n:0000}</c> (zero-padded),
/// <c>{yyyy}</c>, <c>{yy}</c>, <c>{MM}</c> (of the registration date), <c>{parent}</c> (the parent
/// document's number), <c>{type}</c> (the type code). Any other text is copied as is.
/// </summary>
public sealed class NumberPattern
{
    public const int MaxLength = 200;

    /// <summary>Field error codes of <c>numberPattern</c> / <c>pattern</c>.</summary>
    public const string UnknownToken = "unknown_token";
    public const string NoCounter = "no_counter";
    public const string NotUniqueAcrossYears = "no_year_token";
    public const string NotUniqueAcrossParents = "no_parent_token";

    private readonly List<Part> _parts;

    private NumberPattern(string text, List<Part> parts)
    {
        Text = text;
        _parts = parts;
    }

    public string Text { get; }

    public bool UsesParent => _parts.Any(p => p.Token == "parent");

    public bool UsesYear => _parts.Any(p => p.Token is "yyyy" or "yy");

    /// <summary>Parses a pattern; the error is a field error code (<see cref="UnknownToken"/>…).</summary>
    public static (NumberPattern? Pattern, string? Error) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return (null, FieldErrors.Required);
        text = text.Trim();
        if (text.Length > MaxLength)
            return (null, FieldErrors.TooLong);
        var parts = new List<Part>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '}')
                return (null, UnknownToken);
            if (c != '{')
            {
                if (char.IsControl(c))
                    return (null, FieldErrors.Invalid);
                literal.Append(c);
                continue;
            }
            var end = text.IndexOf('}', i + 1);
            if (end < 0)
                return (null, UnknownToken);
            var token = text[(i + 1)..end];
            if (literal.Length > 0)
            {
                parts.Add(new Part(literal.ToString(), null, 0));
                literal.Clear();
            }
            if (token is "n" or "yyyy" or "yy" or "MM" or "parent" or "type")
                parts.Add(new Part(null, token, 0));
            else if (token.StartsWith("n:", StringComparison.Ordinal) && token.Length is > 2 and <= 12 && token[2..].All(ch => ch == '0'))
                parts.Add(new Part(null, "n", token.Length - 2));
            else
                return (null, UnknownToken);
            i = end;
        }
        if (literal.Length > 0)
            parts.Add(new Part(literal.ToString(), null, 0));
        if (!parts.Any(p => p.Token == "n"))
            return (null, NoCounter);
        return (new NumberPattern(text, parts), null);
    }

    /// <summary>
    /// Whether numbers of this pattern stay unique under the reset rule: a yearly counter needs the
    /// year in the number, a per-parent one the parent's number. Returns the error code or null.
    /// </summary>
    public string? CheckUnique(CounterReset reset) => reset switch
    {
        CounterReset.Yearly when !UsesYear => NotUniqueAcrossYears,
        CounterReset.PerParent when !UsesParent => NotUniqueAcrossParents,
        _ => null,
    };

    /// <summary>The counter's scope for a document: <c>""</c>, the year, or the parent's id.</summary>
    public static string ScopeOf(CounterReset reset, DateOnly registeredOn, Guid? parentId) => reset switch
    {
        CounterReset.Yearly => registeredOn.Year.ToString(CultureInfo.InvariantCulture),
        CounterReset.PerParent => parentId?.ToString() ?? "",
        _ => "",
    };

    public string Format(long counter, DateOnly registeredOn, string? parentNumber, string typeCode)
    {
        var text = new StringBuilder();
        foreach (var part in _parts)
        {
            text.Append(part.Token switch
            {
                null => part.Literal,
                "n" => counter.ToString(part.Width > 0 ? new string('0', part.Width) : "0", CultureInfo.InvariantCulture),
                "yyyy" => registeredOn.Year.ToString("0000", CultureInfo.InvariantCulture),
                "yy" => (registeredOn.Year % 100).ToString("00", CultureInfo.InvariantCulture),
                "MM" => registeredOn.Month.ToString("00", CultureInfo.InvariantCulture),
                "parent" => parentNumber ?? "",
                "type" => typeCode,
                _ => "",
            });
        }
        return text.ToString();
    }

    private sealed record Part(string? Literal, string? Token, int Width);
}
