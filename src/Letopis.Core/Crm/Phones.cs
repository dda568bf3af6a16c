using PhoneNumbers;

namespace Letopis.Core.Crm;

/// <summary>Phone numbers parsed with libphonenumber, Russia by default: stored as E.164, shown formatted.</summary>
public static class Phones
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The E.164 form (<c>+74951234567</c>), or null when the text is not a possible phone number.</summary>
    public static string? Normalize(string raw, string region = "RU")
    {
        try
        {
            var number = Util.Parse(raw, region);
            return Util.IsPossibleNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>The international format people read: <c>+7 495 123-45-67</c>.</summary>
    public static string Format(string e164)
    {
        // Parsing and formatting take tens of microseconds (regular expressions inside); a page of
        // fifty cards or an agenda of a hundred calls would pay it for every row on every request.
        if (Formatted.TryGetValue(e164, out var known))
            return known;
        string formatted;
        try
        {
            formatted = Util.Format(Util.Parse(e164, "RU"), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            formatted = e164;
        }
        // The format of a number never changes; the bound only keeps memory flat. (Count would lock
        // the whole dictionary, so additions are counted apart.)
        if (Formatted.TryAdd(e164, formatted) && Interlocked.Increment(ref _formattedCount) > MaxFormatted)
        {
            Formatted.Clear();
            Interlocked.Exchange(ref _formattedCount, 0);
        }
        return formatted;
    }

    private const int MaxFormatted = 200_000;

    private static int _formattedCount;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Formatted = new(StringComparer.Ordinal);
}
