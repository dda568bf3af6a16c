namespace Letopis.Core.Templates;

/// <summary>
/// Amounts in Russian words as contracts and invoices write them («сумма прописью»):
/// «сто двадцать три тысячи рублей 45 копеек». Whole units in words with the right gender
/// (одна тысяча, два рубля) and declension (рубль, рубля, рублей); the minor part in digits.
/// Written here because no served package declines the currency units together with the number.
/// </summary>
public static class RussianMoneyWords
{
    /// <summary>The largest whole amount spelled (below a quintillion), beyond any amount Letopis stores.</summary>
    public const decimal Max = 999_999_999_999_999_999m;

    private static readonly string[] OnesMasculine = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"];
    private static readonly string[] OnesFeminine = ["", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"];
    private static readonly string[] Teens = ["десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"];
    private static readonly string[] Tens = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"];
    private static readonly string[] Hundreds = ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"];

    /// <summary>Scales from thousands up: the three forms (1, 2–4, 5+) and whether the scale word is feminine.</summary>
    private static readonly (string One, string Few, string Many, bool Feminine)[] Scales =
    [
        ("тысяча", "тысячи", "тысяч", true),
        ("миллион", "миллиона", "миллионов", false),
        ("миллиард", "миллиарда", "миллиардов", false),
        ("триллион", "триллиона", "триллионов", false),
        ("квадриллион", "квадриллиона", "квадриллионов", false),
    ];

    private sealed record Currency(string One, string Few, string Many, bool Feminine, string MinorOne, string MinorFew, string MinorMany);

    private static readonly Dictionary<string, Currency> Currencies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["RUB"] = new("рубль", "рубля", "рублей", false, "копейка", "копейки", "копеек"),
        ["USD"] = new("доллар США", "доллара США", "долларов США", false, "цент", "цента", "центов"),
        ["EUR"] = new("евро", "евро", "евро", false, "цент", "цента", "центов"),
        ["CNY"] = new("юань", "юаня", "юаней", false, "фэнь", "фэня", "фэней"),
    };

    public static bool IsKnownCurrency(string code) => Currencies.ContainsKey(code);

    /// <summary>
    /// The amount in words, rounded half away from zero to the minor unit. Throws
    /// <see cref="ArgumentOutOfRangeException"/> for a negative amount or one beyond <see cref="Max"/>,
    /// <see cref="ArgumentException"/> for a currency it cannot spell.
    /// </summary>
    public static string Format(decimal amount, string currency = "RUB")
    {
        if (!Currencies.TryGetValue(currency, out var unit))
            throw new ArgumentException($"Amounts in {currency} cannot be written in words.", nameof(currency));
        if (amount < 0)
            throw new ArgumentOutOfRangeException(nameof(amount), "A negative amount cannot be written in words.");
        var rounded = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        if (rounded > Max)
            throw new ArgumentOutOfRangeException(nameof(amount), "The amount is too large to be written in words.");

        var whole = (ulong)decimal.Truncate(rounded);
        var minor = (int)((rounded - decimal.Truncate(rounded)) * 100m);
        var words = Spell(whole, unit.Feminine);
        var unitWord = Plural(whole, unit.One, unit.Few, unit.Many);
        var minorWord = Plural((ulong)minor, unit.MinorOne, unit.MinorFew, unit.MinorMany);
        return $"{words} {unitWord} {minor:00} {minorWord}";
    }

    /// <summary>A whole number in words, in the masculine (рубль) or feminine (тонна) gender: 0 is «ноль».</summary>
    public static string Spell(ulong number, bool feminine = false)
    {
        if (number == 0)
            return "ноль";
        var parts = new List<string>();
        var groups = new List<int>();
        for (var n = number; n > 0; n /= 1000)
            groups.Add((int)(n % 1000));
        for (var i = groups.Count - 1; i >= 0; i--)
        {
            var group = groups[i];
            if (group == 0)
                continue;
            if (i == 0)
            {
                AddTriad(parts, group, feminine);
                continue;
            }
            var scale = Scales[i - 1];
            AddTriad(parts, group, scale.Feminine);
            parts.Add(Plural((ulong)group, scale.One, scale.Few, scale.Many));
        }
        return string.Join(' ', parts);
    }

    /// <summary>The form of a noun after a number: 1 рубль, 2 рубля, 5 рублей, 11 рублей, 21 рубль.</summary>
    public static string Plural(ulong number, string one, string few, string many)
    {
        var lastTwo = number % 100;
        if (lastTwo is >= 11 and <= 19)
            return many;
        return (number % 10) switch
        {
            1 => one,
            2 or 3 or 4 => few,
            _ => many,
        };
    }

    private static void AddTriad(List<string> parts, int triad, bool feminine)
    {
        var hundreds = triad / 100;
        var rest = triad % 100;
        if (hundreds > 0)
            parts.Add(Hundreds[hundreds]);
        if (rest is >= 10 and <= 19)
        {
            parts.Add(Teens[rest - 10]);
            return;
        }
        if (rest / 10 > 0)
            parts.Add(Tens[rest / 10]);
        if (rest % 10 > 0)
            parts.Add((feminine ? OnesFeminine : OnesMasculine)[rest % 10]);
    }
}
