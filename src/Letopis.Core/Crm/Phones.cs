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
        try
        {
            return Util.Format(Util.Parse(e164, "RU"), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }
}
