using System.Globalization;

namespace Letopis.Web.Components.Pages.Sales;

/// <summary>Money and quantities of leads and deals as the user reads and types them.</summary>
public static class SalesText
{
    /// <summary>Kopecks in the user's culture with the currency: «1 234 567,89 ₽».</summary>
    public static string Money(long minor, string currency = "RUB")
    {
        return Money(minor / 100m, currency);
    }

    /// <summary>Roubles in the user's culture with the currency: «1 234 567,89 ₽».</summary>
    public static string Money(decimal amount, string currency = "RUB")
    {
        var number = amount.ToString("N2", CultureInfo.CurrentCulture);
        return currency == "RUB" ? $"{number} ₽" : $"{number} {currency}";
    }

    /// <summary>Thousandths as the user reads them: «1,5», «12».</summary>
    public static string Quantity(long milli) => (milli / 1000m).ToString("#,##0.###", CultureInfo.CurrentCulture);
}
