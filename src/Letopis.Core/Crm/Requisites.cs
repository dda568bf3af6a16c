namespace Letopis.Core.Crm;

/// <summary>
/// Checksums of Russian company and bank requisites, as the Federal Tax Service and the Bank of
/// Russia define them: ИНН (10 digits for organisations, 12 for individuals), КПП, ОГРН (13),
/// ОГРНИП (15), and a settlement account checked against its bank's БИК.
/// </summary>
public static class Requisites
{
    private static readonly int[] Inn10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Inn12First = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Inn12Second = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] AccountWeights = [7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1];

    public static bool IsDigits(string value, int length) => value.Length == length && value.All(char.IsAsciiDigit);

    public static bool IsValidInn(string inn) => inn.Length switch
    {
        10 => IsDigits(inn, 10) && Check(inn, Inn10) == inn[9] - '0',
        12 => IsDigits(inn, 12) && Check(inn, Inn12First) == inn[10] - '0' && Check(inn, Inn12Second) == inn[11] - '0',
        _ => false,
    };

    /// <summary>
    /// Why an ИНН is wrong, checked in the order a person would fix it: letters or signs
    /// (<c>inn_digits</c>), then the length (<c>inn_length</c>), then the check digits
    /// (<c>checksum</c>); null when it is valid. A five-digit number is not a typo in one digit.
    /// </summary>
    public static string? InnError(string inn) =>
        !inn.All(char.IsAsciiDigit) ? InnDigits
        : inn.Length is not (10 or 12) ? InnLength
        : IsValidInn(inn) ? null
        : Checksum;

    public const string InnDigits = "inn_digits";
    public const string InnLength = "inn_length";
    public const string Checksum = "checksum";

    /// <summary>Completes nine digits into an organisation ИНН with its check digit.</summary>
    public static string CompleteInn10(string nineDigits) =>
        IsDigits(nineDigits, 9) ? nineDigits + Check(nineDigits, Inn10) : throw new ArgumentException("Nine digits expected.", nameof(nineDigits));

    /// <summary>КПП: 4 digits of the tax office, 2 characters of the reason (digits or A–Z), 3 digits.</summary>
    public static bool IsValidKpp(string kpp) =>
        kpp.Length == 9 && kpp[..4].All(char.IsAsciiDigit) && kpp[4..6].All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c))
        && kpp[6..].All(char.IsAsciiDigit);

    /// <summary>ОГРН (13 digits): the last digit is the first 12 modulo 11, modulo 10.</summary>
    public static bool IsValidOgrn(string ogrn) =>
        IsDigits(ogrn, 13) && long.Parse(ogrn[..12]) % 11 % 10 == ogrn[12] - '0';

    /// <summary>ОГРНИП (15 digits): the last digit is the first 14 modulo 13, modulo 10.</summary>
    public static bool IsValidOgrnip(string ogrnip) =>
        IsDigits(ogrnip, 15) && long.Parse(ogrnip[..14]) % 13 % 10 == ogrnip[14] - '0';

    public static bool IsValidBik(string bik) => IsDigits(bik, 9);

    /// <summary>
    /// A settlement account (20 digits) belongs to the bank with this БИК when the control sum over
    /// the last three digits of the БИК followed by the account is divisible by 10.
    /// </summary>
    public static bool IsValidAccount(string account, string bik) =>
        IsDigits(account, 20) && IsValidBik(bik) && ControlSumOk(bik[6..] + account);

    /// <summary>
    /// A correspondent account (30101…) is checked like a settlement account, but against «0» and
    /// the fifth and sixth digits of the БИК (the Bank of Russia's settlement centre).
    /// </summary>
    public static bool IsValidCorrespondentAccount(string account, string bik) =>
        IsDigits(account, 20) && IsValidBik(bik) && ControlSumOk("0" + bik[4..6] + account);

    /// <summary>Sets the control digit (the ninth) of a 20-digit settlement account so that it matches the БИК.</summary>
    public static string CompleteAccount(string account, string bik) => Complete(account, a => IsValidAccount(a, bik));

    /// <summary>Sets the control digit of a correspondent account so that it matches the БИК.</summary>
    public static string CompleteCorrespondentAccount(string account, string bik) => Complete(account, a => IsValidCorrespondentAccount(a, bik));

    private static string Complete(string account, Func<string, bool> valid)
    {
        if (!IsDigits(account, 20))
            throw new ArgumentException("Twenty digits expected.", nameof(account));
        for (var key = '0'; key <= '9'; key++)
        {
            var candidate = account[..8] + key + account[9..];
            if (valid(candidate))
                return candidate;
        }
        throw new ArgumentException("No control digit fits.", nameof(account));
    }

    private static bool ControlSumOk(string digits)
    {
        var sum = 0;
        for (var i = 0; i < 23; i++)
            sum += (digits[i] - '0') * AccountWeights[i] % 10;
        return sum % 10 == 0;
    }

    private static int Check(string value, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
            sum += (value[i] - '0') * weights[i];
        return sum % 11 % 10;
    }
}
