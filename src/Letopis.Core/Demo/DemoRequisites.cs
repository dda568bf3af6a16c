using Letopis.Core.Crm;

namespace Letopis.Core.Demo;

/// <summary>
/// Requisites that pass the checks a bookkeeper's software makes: the ИНН, КПП and ОГРН of a
/// company share the code of its tax office, a sole proprietor has a 12-digit ИНН and a 15-digit
/// ОГРНИП, and every check digit is computed the way the Federal Tax Service does.
/// </summary>
internal static class DemoRequisites
{
    private static readonly int[] Inn12First = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Inn12Second = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

    // Codes of real tax offices of the demo regions, in the order of the regions.
    private static readonly string[][] TaxOffices =
    [
        ["7701", "7704", "7707", "7710", "7714", "7719", "7725", "7736"],
        ["5001", "5003", "5012", "5024", "5032", "5047"],
        ["7801", "7805", "7810", "7813", "7825", "7838"],
        ["1655", "1656", "1657", "1658", "1659"],
        ["5256", "5257", "5258", "5259", "5260", "5261"],
        ["6658", "6659", "6670", "6671", "6685", "6686"],
        ["6311", "6312", "6315", "6316", "6317", "6319"],
        ["2308", "2309", "2310", "2311", "2312"],
    ];

    public static string TaxOffice(Random random, int region) => TaxOffices[region][random.Next(TaxOffices[region].Length)];

    /// <summary>An organisation's ИНН: the tax office, five digits of the record, the check digit.</summary>
    public static string CompanyInn(Random random, string office) => Requisites.CompleteInn10(office + Digits(random, 5));

    /// <summary>A КПП of the head office: the tax office, reason «01» (a Russian organisation), «001».</summary>
    public static string Kpp(string office) => office + "01001";

    /// <summary>ОГРН: «1», the two digits of the year, the region and office, five digits of the record, the check digit.</summary>
    public static string Ogrn(Random random, string office, int year)
    {
        var body = "1" + (year % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture) + office + Digits(random, 5);
        return body + (long.Parse(body, System.Globalization.CultureInfo.InvariantCulture) % 11 % 10);
    }

    /// <summary>A person's ИНН (12 digits): the tax office, six digits of the record and two check digits.</summary>
    public static string PersonInn(Random random, string office)
    {
        var body = office + Digits(random, 6);
        body += Check(body, Inn12First);
        return body + Check(body, Inn12Second);
    }

    /// <summary>ОГРНИП: «3», the two digits of the year, the region, nine digits of the record, the check digit.</summary>
    public static string Ogrnip(Random random, string office, int year)
    {
        var body = "3" + (year % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture) + office[..2] + Digits(random, 9);
        return body + (long.Parse(body, System.Globalization.CultureInfo.InvariantCulture) % 13 % 10);
    }

    private static string Digits(Random random, int count) => string.Concat(Enumerable.Range(0, count).Select(_ => random.Next(10)));

    private static int Check(string value, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
            sum += (value[i] - '0') * weights[i];
        return sum % 11 % 10;
    }
}
