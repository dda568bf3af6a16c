using Letopis.Core.Crm;

namespace Letopis.TestKit;

public static class TestRequisites
{
    /// <summary>A fresh organisation ИНН with a correct check digit, so tests do not collide.</summary>
    public static string Inn10() =>
        Requisites.CompleteInn10(string.Concat(Enumerable.Range(0, 9).Select(i => i < 2 ? Random.Shared.Next(1, 10) : Random.Shared.Next(0, 10))));
}
