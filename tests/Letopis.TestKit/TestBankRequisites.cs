using Letopis.Core.Crm;

namespace Letopis.TestKit;

/// <summary>Bank requisites that pass the Bank of Russia checks: a real БИК and accounts completed with their control digit.</summary>
public static class TestBankRequisites
{
    /// <summary>ПАО Сбербанк, Москва.</summary>
    public const string Bik = "044525225";

    public const string CorrespondentAccount = "30101810400000000225";

    /// <summary>A fresh settlement account of a company at <see cref="Bik"/>.</summary>
    public static string Account(string bik = Bik) =>
        Requisites.CompleteAccount("40702810" + "0" + string.Concat(Enumerable.Range(0, 11).Select(_ => Random.Shared.Next(0, 10))), bik);
}
