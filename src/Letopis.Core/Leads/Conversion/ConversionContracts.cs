using System.Text.Json.Nodes;

namespace Letopis.Core.Leads.Conversion;

/// <summary>
/// What a quality lead becomes: any combination of a contact person, a company and a deal, or links
/// to an existing contact person or company instead of new ones («привязать вместо дубля»).
/// </summary>
/// <param name="CreateContact">Create a contact person from the lead's name, phone and e-mail.</param>
/// <param name="CreateCompany">Create a counterparty of kind <c>company</c> from the lead's company name and ИНН.</param>
/// <param name="CreateDeal">Create a deal in <c>pipelineId</c>'s first stage.</param>
/// <param name="PipelineId">The deal pipeline («направление»); required with <c>createDeal</c>.</param>
/// <param name="ContactId">Link this existing, visible contact person instead of creating one.</param>
/// <param name="CompanyId">Link this existing, visible counterparty instead of creating one.</param>
/// <param name="Fields">Values that complete or correct the lead's: the missing required fields, e.g. <c>{"company":{"inn":"..."}}</c>.</param>
/// <param name="CreateFields">Codes of the lead's custom fields to create on the targets that lack them; <c>["*"]</c> creates all.</param>
/// <param name="AllowDuplicates">Create the company or contact even though one with the same ИНН, phone or e-mail exists.</param>
public sealed record ConversionRequest(
    bool CreateContact,
    bool CreateCompany,
    bool CreateDeal,
    Guid? PipelineId = null,
    Guid? ContactId = null,
    Guid? CompanyId = null,
    ConversionFields? Fields = null,
    IReadOnlyList<string>? CreateFields = null,
    bool AllowDuplicates = false);

/// <summary>Values per created element; each given value wins over the lead's.</summary>
/// <param name="Company">The company's fields.</param>
/// <param name="Contact">The contact person's fields.</param>
/// <param name="Deal">The deal's fields.</param>
public sealed record ConversionFields(ConversionCompanyFields? Company = null, ConversionContactFields? Contact = null, ConversionDealFields? Deal = null);

/// <summary>The created company's values.</summary>
/// <param name="Name">Short name (default: the lead's company name).</param>
/// <param name="Inn">ИНН (default: the lead's); a company created from a lead must have one.</param>
/// <param name="Kpp">КПП.</param>
/// <param name="Phone">Phone (default: the lead's).</param>
/// <param name="Email">E-mail (default: the lead's).</param>
/// <param name="CustomFields">Custom field values by code.</param>
public sealed record ConversionCompanyFields(
    string? Name = null, string? Inn = null, string? Kpp = null, string? Phone = null, string? Email = null,
    IReadOnlyDictionary<string, JsonNode?>? CustomFields = null);

/// <summary>The created contact person's values.</summary>
/// <param name="FullName">Surname, name, patronymic (default: the lead's contact name).</param>
/// <param name="Phone">Phone (default: the lead's).</param>
/// <param name="Email">E-mail (default: the lead's).</param>
/// <param name="CustomFields">Custom field values by code.</param>
public sealed record ConversionContactFields(
    string? FullName = null, string? Phone = null, string? Email = null, IReadOnlyDictionary<string, JsonNode?>? CustomFields = null);

/// <summary>The created deal's values.</summary>
/// <param name="Title">Title (default: the lead's).</param>
/// <param name="CustomFields">Custom field values by code.</param>
public sealed record ConversionDealFields(string? Title = null, IReadOnlyDictionary<string, JsonNode?>? CustomFields = null);

/// <summary>What the conversion created or linked.</summary>
public sealed record ConversionResult(Guid? ContactId, Guid? CompanyId, Guid? DealId);

/// <summary>
/// A required field of an element to be created that neither the lead nor <c>fields</c> fill.
/// <c>field</c> is the built-in field's name (<c>name</c>, <c>inn</c>, <c>fullName</c>, <c>title</c>) or
/// <c>customFields.&lt;code&gt;</c>; the value goes to <c>fields.&lt;entity&gt;.&lt;field&gt;</c>.
/// </summary>
public sealed record MissingField(
    string Entity, string Field, string? Label, string Type, bool Multiple = false, IReadOnlyList<string>? Options = null);

/// <summary>A filled custom field of the lead that the named targets lack (none with the same label, type and multiplicity).</summary>
public sealed record UnsyncedField(string Code, string Label, string Type, bool Multiple, IReadOnlyList<string> Targets);

/// <summary>An existing company with the lead's ИНН.</summary>
public sealed record CompanyMatch(Guid Id, string Name, string? Inn);

/// <summary>An existing contact person with the lead's phone or e-mail.</summary>
public sealed record ContactMatch(Guid Id, string FullName, string? Phone, string? Email);

/// <summary>Existing records the user may link instead of creating duplicates; <c>hiddenCompanies</c>: others with the ИНН exist but are not visible.</summary>
public sealed record ConversionMatches(IReadOnlyList<CompanyMatch> Companies, IReadOnlyList<ContactMatch> Contacts, bool HiddenCompanies = false);

/// <summary>The client a repeat lead belongs to; its conversion can only make a deal of theirs.</summary>
public sealed record RepeatClient(Guid? CompanyId, string? CompanyName, Guid? ContactId, string? ContactName);

/// <summary>What converting with the given choice would ask for: the conversion dialog is built from it.</summary>
/// <param name="Missing">Required fields to fill.</param>
/// <param name="Unsynchronized">Custom fields to create on the targets.</param>
/// <param name="Matches">Existing companies and contacts with the lead's ИНН, phone or e-mail.</param>
/// <param name="Repeat">The client of a repeat lead, else null.</param>
/// <param name="CanCreateFields">Whether the caller may create the unsynchronized fields (the custom-field right); otherwise an administrator must add them first.</param>
public sealed record ConversionPreview(
    IReadOnlyList<MissingField> Missing,
    IReadOnlyList<UnsyncedField> Unsynchronized,
    ConversionMatches Matches,
    RepeatClient? Repeat,
    bool CanCreateFields);

/// <summary>The stable codes of conversion errors.</summary>
public static class ConversionErrors
{
    /// <summary>409: the lead is converted or junk (<c>status</c> says which).</summary>
    public const string LeadClosed = "lead_closed";

    /// <summary>422: required fields are missing; <c>missing</c> lists them. Nothing is created.</summary>
    public const string RequiredFieldsMissing = "required_fields_missing";

    /// <summary>422: filled custom fields of the lead have no counterpart on a target; <c>fields</c> lists them.</summary>
    public const string FieldsNotSynchronized = "fields_not_synchronized";

    /// <summary>409: a company with the ИНН or a contact with the phone or e-mail exists; <c>matches</c> lists the visible ones.</summary>
    public const string DuplicatesFound = "duplicates_found";

    /// <summary>400: a repeat lead can only become a deal of its client.</summary>
    public const string RepeatLead = "repeat_lead";

    /// <summary>Field code: nothing to create or link was chosen.</summary>
    public const string NothingSelected = "nothing_selected";
}
