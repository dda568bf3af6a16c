using Letopis.Core.Templates;

namespace Letopis.Core.Tests.Templates;

/// <summary>A filled model for engine tests, without a database.</summary>
internal static class TemplateSamples
{
    public static TemplateModel Model(string counterpartyName = "ООО «Ромашка»", int items = 2)
    {
        var bank = new TemplateBankAccount("ПАО Сбербанк", "044525225", "40702810938000012345", "30101810400000000225");
        var contact = new TemplateContact("Иванов Иван Иванович", "Генеральный директор", "+7 495 123-45-67", "ivanov@romashka.ru");
        var counterparty = new TemplateCounterparty(counterpartyName, "Общество с ограниченной ответственностью «Ромашка»",
            "7701234567", "770101001", "1027700132195", "г. Москва, ул. Ленина, д. 1", null, null, "+7 495 000-00-00",
            "info@romashka.ru", bank, [bank], [contact], contact);
        var list = Enumerable.Range(1, items)
            .Select(n => new TemplateItem(n, $"Товар {n}", 1.5m, "шт", 1000m, 20, 250m, 1500m))
            .ToList();
        var deal = new TemplateDeal("Поставка бумаги", null, 123_000.45m, "RUB", new DateTime(2026, 12, 31), list,
            list.Sum(i => i.Amount), list.Sum(i => i.Vat), "Петров Пётр");
        var company = new TemplateCompany("ООО «Летопись»", null, "7702000000", "770201001", null, "г. Москва",
            "Генеральный директор", "Сидоров С. С.", null);
        var document = new TemplateDocument("Д-17", new DateTime(2026, 11, 28), "Акт", 1000m, "Акт",
            new TemplateDocumentParent("Д-1", new DateTime(2026, 1, 15), "Договор поставки", "Договор"));
        return new TemplateModel(counterparty, company, deal, document,
            new TemplateUser("Петров Пётр", "Менеджер", "petrov@letopis.ru", null), new DateTime(2026, 11, 28));
    }
}
