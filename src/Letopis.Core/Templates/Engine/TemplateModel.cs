namespace Letopis.Core.Templates;

/// <summary>The record a template is generated from: any of a counterparty, a deal and a document.</summary>
public sealed record TemplateSubject(Guid? CounterpartyId, Guid? DealId, Guid? DocumentId);

/// <summary>
/// What a template sees, in camelCase: <c>counterparty</c>, <c>ourCompany</c>, <c>deal</c>,
/// <c>document</c>, <c>user</c>, <c>today</c>. Money is in decimal roubles (kopecks / 100), dates are
/// calendar dates (time 00:00). A part the subject does not bring is empty (<c>{% if deal %}</c>).
/// </summary>
public sealed record TemplateModel(
    TemplateCounterparty? Counterparty,
    TemplateCompany? OurCompany,
    TemplateDeal? Deal,
    TemplateDocument? Document,
    TemplateUser? User,
    DateTime Today);

public sealed record TemplateCounterparty(
    string Name,
    string? FullName,
    string? Inn,
    string? Kpp,
    string? Ogrn,
    string? Address,
    string? ActualAddress,
    string? PostalAddress,
    string? Phone,
    string? Email,
    TemplateBankAccount? BankAccount,
    IReadOnlyList<TemplateBankAccount> BankAccounts,
    IReadOnlyList<TemplateContact> Contacts,
    TemplateContact? MainContact);

public sealed record TemplateBankAccount(string BankName, string Bik, string Account, string? CorrespondentAccount);

public sealed record TemplateContact(string FullName, string? Position, string? Phone, string? Email);

/// <summary>Our legal entity: requisites, the signatory and the bank account.</summary>
public sealed record TemplateCompany(
    string Name,
    string? FullName,
    string? Inn,
    string? Kpp,
    string? Ogrn,
    string? Address,
    string? SignatoryPosition,
    string? SignatoryName,
    TemplateBankAccount? BankAccount);

/// <summary>A deal with its line items; <c>total</c> is the items' sum (the deal's amount when it has none).</summary>
public sealed record TemplateDeal(
    string Title,
    string? Number,
    decimal Amount,
    string Currency,
    DateTime? CloseOn,
    IReadOnlyList<TemplateItem> Items,
    decimal Total,
    decimal VatTotal,
    string? Responsible);

/// <summary>A line item: <c>n</c> counts from 1; the amount includes VAT, <c>vat</c> is the VAT inside it; <c>vatRate</c> is empty for «без НДС».</summary>
public sealed record TemplateItem(
    int N,
    string Name,
    decimal Quantity,
    string? Unit,
    decimal Price,
    int? VatRate,
    decimal Vat,
    decimal Amount);

public sealed record TemplateDocument(
    string? Number,
    DateTime? Date,
    string Title,
    decimal? Amount,
    string Type,
    TemplateDocumentParent? Parent);

public sealed record TemplateDocumentParent(string? Number, DateTime? Date, string Title, string Type);

public sealed record TemplateUser(string FullName, string? Position, string? Email, string? Phone);
