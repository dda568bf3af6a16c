using System.Reflection;
using Letopis.Core.Documents;

namespace Letopis.Core.Templates;

/// <summary>A template Letopis ships: its code, what it is made from and the type its files are registered as.</summary>
/// <param name="DocumentTypeCode">The code of the preconfigured document type (<see cref="SeedDocumentTypes"/>); null: not registrable.</param>
public sealed record ShippedTemplate(
    string Code,
    string Name,
    string Description,
    TemplateTarget Target,
    string? DocumentTypeCode,
    string Body,
    string FileNamePattern,
    string EmailSubject,
    string EmailBody);

/// <summary>
/// The Russian templates Letopis ships as HTML with print styles (A4, margins, page breaks, tables
/// that repeat their header on every page, fonts found on Debian: Liberation, PT, DejaVu). Each
/// body carries its own styles, so a copy the company edits stays whole.
/// </summary>
public static class ShippedTemplates
{
    public const string SupplyContract = "supply-contract";
    public const string CommercialOffer = "commercial-offer";
    public const string CompletedWorksAct = "completed-works-act";
    public const string CoverLetter = "cover-letter";

    private const string EmailSignature = "\n\nС уважением,\n{{ user.fullName }}{% if user.position %}\n{{ user.position }}{% endif %}\n{{ ourCompany.name }}{% if user.phone %}\nТел.: {{ user.phone }}{% endif %}";

    private static readonly Lazy<IReadOnlyList<ShippedTemplate>> Templates = new(Load);

    public static IReadOnlyList<ShippedTemplate> All => Templates.Value;

    public static ShippedTemplate Get(string code) => All.Single(t => t.Code == code);

    private static IReadOnlyList<ShippedTemplate> Load()
    {
        var style = Resource("_style.css");
        string Body(string code) => Resource(code + ".html").Replace("/*STYLE*/", style.TrimEnd(), StringComparison.Ordinal);
        return
        [
            new(SupplyContract, "Договор поставки",
                "Договор поставки по сделке: стороны с реквизитами, спецификация из позиций сделки, сумма прописью, подписи.",
                TemplateTarget.Deal, SeedDocumentTypes.Contract, Body(SupplyContract),
                "Договор поставки — {{ counterparty.name }}",
                "Договор поставки{% if deal.title %}: {{ deal.title }}{% endif %}",
                "{% if counterparty.mainContact %}Уважаемый(ая) {{ counterparty.mainContact.fullName }}!{% else %}Добрый день!{% endif %}\n\nНаправляем договор поставки на сумму {{ deal.total | money }}. Просим подписать его и вернуть нам подписанный экземпляр." + EmailSignature),
            new(CommercialOffer, "Коммерческое предложение",
                "Коммерческое предложение по сделке: позиции с ценами и НДС, итог и сумма прописью, срок действия, контакты менеджера.",
                TemplateTarget.Deal, null, Body(CommercialOffer),
                "КП — {{ counterparty.name }} — {{ today | date }}",
                "Коммерческое предложение {{ ourCompany.name }}",
                "{% if counterparty.mainContact %}Уважаемый(ая) {{ counterparty.mainContact.fullName }}!{% else %}Добрый день!{% endif %}\n\nНаправляем коммерческое предложение{% if deal.title %} «{{ deal.title }}»{% endif %} на сумму {{ deal.total | money }}. Будем рады ответить на вопросы." + EmailSignature),
            new(CompletedWorksAct, "Акт выполненных работ",
                "Акт к договору: номер и дата договора-основания, работы из позиций сделки или сумма документа, НДС, сумма прописью, подписи.",
                TemplateTarget.Document, SeedDocumentTypes.Act, Body(CompletedWorksAct),
                "Акт — {{ counterparty.name }} — {{ today | date }}",
                "Акт выполненных работ{% if document.parent.number %} по договору № {{ document.parent.number }}{% endif %}",
                "{% if counterparty.mainContact %}Уважаемый(ая) {{ counterparty.mainContact.fullName }}!{% else %}Добрый день!{% endif %}\n\nНаправляем акт выполненных работ. Просим подписать его и вернуть нам один экземпляр." + EmailSignature),
            new(CoverLetter, "Сопроводительное письмо",
                "Письмо контрагенту на бланке нашей организации: адресат, просьба подписать и вернуть документы, подпись.",
                TemplateTarget.Counterparty, SeedDocumentTypes.OutgoingLetter, Body(CoverLetter),
                "Сопроводительное письмо — {{ counterparty.name }}",
                "Документы от {{ ourCompany.name }}",
                "{% if counterparty.mainContact %}Уважаемый(ая) {{ counterparty.mainContact.fullName }}!{% else %}Добрый день!{% endif %}\n\nНаправляем документы согласно сопроводительному письму во вложении." + EmailSignature),
        ];
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Letopis.Templates.Shipped." + name)
            ?? throw new InvalidOperationException($"The shipped template resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
