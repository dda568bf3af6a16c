using System.Text.Json.Nodes;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Letopis.Core.Deals;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Leads.Conversion;

/// <summary>A custom value to write on a created element: the target field (existing or created now) and its rows.</summary>
internal sealed record CustomCopy(string Entity, CustomField Field, List<CustomFieldValue> Values);

/// <summary>
/// Everything a conversion would do, worked out before anything is written: the loaded lead, the
/// records to create or link, the values they get, and what stops it (errors, missing required
/// fields, custom fields the targets lack, duplicates). <see cref="ConvertLead"/> writes it,
/// <see cref="PreviewConversion"/> shows it.
/// </summary>
internal sealed class ConversionPlan
{
    public required Lead Lead { get; init; }

    public List<(string Field, string Code)> Errors { get; } = [];

    public List<MissingField> Missing { get; } = [];

    public List<UnsyncedField> Unsynchronized { get; } = [];

    public ConversionMatches Matches { get; set; } = new([], []);

    public RepeatClient? Repeat { get; set; }

    public bool CreateCompany { get; set; }

    public bool CreateContact { get; set; }

    public bool CreateDeal { get; set; }

    public Guid? LinkCompanyId { get; set; }

    public Guid? LinkContactId { get; set; }

    public Guid ResponsibleId { get; set; }

    public PipelineStage? DealStage { get; set; }

    public PipelineStage? OutcomeStage { get; set; }

    /// <summary>The company to create, with its fields applied (not yet added to the context).</summary>
    public Counterparty? Company { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    public string? ContactEmail { get; set; }

    public string? DealTitle { get; set; }

    public List<CustomCopy> Copies { get; } = [];

    /// <summary>Definitions the conversion creates on the targets.</summary>
    public List<CustomField> NewFields { get; } = [];

    /// <summary>Filled list fields of the lead and the target fields that share their options from now on.</summary>
    public List<(CustomField LeadField, List<CustomField> Targets)> ListGroups { get; } = [];
}

/// <summary>The small domain service that plans a conversion for both the convert and the preview use cases.</summary>
internal sealed class ConversionPlanner(LetopisDb db)
{
    private const int MatchLimit = 10;

    /// <summary>
    /// Loads and checks the lead (404 hidden, 403 without edit right, 409 closed) and plans the rest.
    /// With <paramref name="preview"/> the choice itself is not judged (the dialog is still being filled).
    /// </summary>
    public async Task<Result<ConversionPlan>> PlanAsync(AccessContext access, Guid leadId, ConversionRequest request, bool preview, CancellationToken ct)
    {
        var lead = await db.Leads.VisibleTo(access, Lead.EntityKind).SingleOrDefaultAsync(l => l.Id == leadId, ct);
        if (lead is null)
            return Error.NotFound();
        if (!access.Allows(Lead.EntityKind, PermissionAction.Edit, lead.ResponsibleId))
            return Error.Forbidden();
        if (lead.Status != LeadStatus.Open)
        {
            var status = lead.Status == LeadStatus.Converted ? "converted" : "junk";
            return new Error(ConversionErrors.LeadClosed,
                lead.Status == LeadStatus.Converted ? "The lead is already converted." : "The lead is closed as junk.",
                Extensions: new Dictionary<string, object?> { ["status"] = status });
        }

        var plan = new ConversionPlan { Lead = lead, ResponsibleId = lead.ResponsibleId ?? access.UserId };
        plan.OutcomeStage = await OutcomeStageAsync(lead.StageId, ct);
        if (lead.IsRepeat)
            plan.Repeat = await RepeatClientAsync(lead, ct);

        if (ChooseTargets(plan, request, preview) is { } refused)
            return refused;
        await CheckLinksAndPipelineAsync(plan, access, request, preview, ct);
        if (!preview && plan.Errors.Count > 0)
            return Error.Validation([.. plan.Errors]);

        if (plan.CreateCompany && !access.Allows(Counterparty.EntityKind, PermissionAction.Create, plan.ResponsibleId)
            || plan.CreateContact && !access.Allows(ContactPerson.EntityKind, PermissionAction.Create, plan.ResponsibleId)
            || plan.CreateDeal && !access.Allows(Deal.EntityKind, PermissionAction.Create, plan.ResponsibleId))
            return Error.Forbidden();

        var fields = request.Fields ?? new ConversionFields();
        await PlanCompanyAsync(plan, fields.Company, ct);
        PlanContact(plan, fields.Contact);
        PlanDeal(plan, fields.Deal);
        await PlanCustomFieldsAsync(plan, fields, request.CreateFields, ct);
        // Field definitions are settings: creating them takes the custom-field right, as in the settings screen.
        if (!preview && plan.NewFields.Count > 0 && !ManageCustomFields.CanManage(access, PermissionAction.Create))
            return Error.Forbidden();
        plan.Matches = await MatchesAsync(access, plan, fields, preview, ct);
        return plan;
    }

    /// <summary>Turns the plan's findings into the error convert answers, in the order the user resolves them.</summary>
    public static Error? Refusal(ConversionPlan plan, bool allowDuplicates)
    {
        if (plan.Errors.Count > 0)
            return Error.Validation([.. plan.Errors]);
        if (plan.Missing.Count > 0)
            return new Error(ConversionErrors.RequiredFieldsMissing, "Required fields of the elements to create are missing.",
                Extensions: new Dictionary<string, object?> { ["missing"] = plan.Missing });
        if (plan.Unsynchronized.Count > 0)
            return new Error(ConversionErrors.FieldsNotSynchronized, "Custom fields of the lead are missing on the elements to create.",
                Extensions: new Dictionary<string, object?> { ["fields"] = plan.Unsynchronized });
        if (!allowDuplicates && (plan.Matches.Companies.Count > 0 || plan.Matches.Contacts.Count > 0 || plan.Matches.HiddenCompanies))
            return new Error(ConversionErrors.DuplicatesFound, "A company or contact person like this already exists.",
                Extensions: new Dictionary<string, object?>
                {
                    ["matches"] = plan.Matches,
                    ["companies"] = plan.Matches.Companies,
                    ["contacts"] = plan.Matches.Contacts,
                    ["hidden"] = plan.Matches.HiddenCompanies,
                });
        return null;
    }

    private async Task<PipelineStage?> OutcomeStageAsync(Guid leadStageId, CancellationToken ct)
    {
        var pipelineId = await db.PipelineStages.Where(s => s.Id == leadStageId).Select(s => s.PipelineId).SingleAsync(ct);
        return await db.PipelineStages.AsNoTracking()
            .Where(s => s.PipelineId == pipelineId && s.Semantic == StageSemantic.Outcome)
            .OrderByDescending(s => s.Order).ThenBy(s => s.Id).FirstOrDefaultAsync(ct);
    }

    private async Task<RepeatClient> RepeatClientAsync(Lead lead, CancellationToken ct)
    {
        var company = lead.RepeatCounterpartyId is { } cp
            ? await db.Counterparties.Where(c => c.Id == cp).Select(c => c.Name).SingleOrDefaultAsync(ct)
            : null;
        var contact = lead.RepeatContactId is { } cid
            ? await db.ContactPersons.Where(c => c.Id == cid).Select(c => c.FullName).SingleOrDefaultAsync(ct)
            : null;
        return new RepeatClient(lead.RepeatCounterpartyId, company, lead.RepeatContactId, contact);
    }

    private static Error? ChooseTargets(ConversionPlan plan, ConversionRequest request, bool preview)
    {
        var lead = plan.Lead;
        plan.CreateDeal = request.CreateDeal;
        if (lead.IsRepeat)
        {
            // A repeat lead is a new request of a known client: only a deal of theirs, never a second card.
            var refused = new List<(string, string)>();
            if (request.CreateCompany)
                refused.Add(("createCompany", ConversionErrors.RepeatLead));
            if (request.CreateContact)
                refused.Add(("createContact", ConversionErrors.RepeatLead));
            if (request.CompanyId is { } company && company != lead.RepeatCounterpartyId)
                refused.Add(("companyId", ConversionErrors.RepeatLead));
            if (request.ContactId is { } contact && contact != lead.RepeatContactId)
                refused.Add(("contactId", ConversionErrors.RepeatLead));
            if (!request.CreateDeal)
                refused.Add(("createDeal", ConversionErrors.RepeatLead));
            if (refused.Count > 0 && !preview)
            {
                return new Error(ConversionErrors.RepeatLead, "A repeat lead can only become a deal of its client.",
                    refused.GroupBy(r => r.Item1).ToDictionary(g => g.Key, g => g.Select(r => r.Item2).ToArray()),
                    new Dictionary<string, object?> { ["repeat"] = plan.Repeat });
            }
            plan.LinkCompanyId = lead.RepeatCounterpartyId;
            plan.LinkContactId = lead.RepeatContactId;
            return null;
        }
        plan.LinkCompanyId = request.CompanyId;
        plan.LinkContactId = request.ContactId;
        plan.CreateCompany = request.CreateCompany && request.CompanyId is null;
        plan.CreateContact = request.CreateContact && request.ContactId is null;
        if (!plan.CreateCompany && !plan.CreateContact && !plan.CreateDeal && plan.LinkCompanyId is null && plan.LinkContactId is null)
            plan.Errors.Add(("createContact", ConversionErrors.NothingSelected));
        return null;
    }

    private async Task CheckLinksAndPipelineAsync(ConversionPlan plan, AccessContext access, ConversionRequest request, bool preview, CancellationToken ct)
    {
        var visible = db.Counterparties.VisibleTo(access, Counterparty.EntityKind);
        // A repeat lead's client was found by the system; a link chosen by the user must be one they can see.
        if (!plan.Lead.IsRepeat)
        {
            if (plan.LinkCompanyId is { } company && !await visible.AnyAsync(c => c.Id == company, ct))
                plan.Errors.Add(("companyId", FieldErrors.NotFound));
            if (plan.LinkContactId is { } contact
                && !await db.CounterpartyContacts.AnyAsync(l => l.ContactId == contact && visible.Any(v => v.Id == l.CounterpartyId), ct))
                plan.Errors.Add(("contactId", FieldErrors.NotFound));
        }
        if (!plan.CreateDeal)
            return;
        if (request.PipelineId is not { } pipelineId)
        {
            if (!preview)
                plan.Errors.Add(("pipelineId", FieldErrors.Required));
            return;
        }
        var pipeline = await db.Pipelines.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pipelineId, ct);
        if (pipeline is null || pipeline.Kind != PipelineKind.Deal || pipeline.IsArchived)
        {
            plan.Errors.Add(("pipelineId", FieldErrors.NotFound));
            return;
        }
        plan.DealStage = await db.PipelineStages.AsNoTracking()
            .Where(s => s.PipelineId == pipelineId && s.Semantic == StageSemantic.Open)
            .OrderBy(s => s.Order).ThenBy(s => s.Id).FirstOrDefaultAsync(ct);
        if (plan.DealStage is null)
            plan.Errors.Add(("pipelineId", FieldErrors.Invalid));
    }

    private async Task PlanCompanyAsync(ConversionPlan plan, ConversionCompanyFields? given, CancellationToken ct)
    {
        if (!plan.CreateCompany)
            return;
        var lead = plan.Lead;
        var name = Given(given?.Name) ?? lead.CompanyName;
        var inn = Given(given?.Inn) ?? lead.Inn;
        var company = new Counterparty { Kind = CounterpartyKind.Company, ResponsibleId = plan.ResponsibleId };
        var fields = new CounterpartyFields(
            Kind: "company", Name: name, FullName: default, Inn: inn, Kpp: Given(given?.Kpp), Ogrn: default,
            Phone: Given(given?.Phone) ?? lead.Phone, Fax: default, Email: Given(given?.Email) ?? lead.Email, Website: default,
            LegalAddress: default, RegionId: default, CategoryId: default, GroupId: default, ActivityTypeId: default,
            AdSourceId: default, ResponsibleId: default);
        var errors = await CounterpartyRules.ApplyAsync(db, company, fields, ct);
        foreach (var (field, code) in errors)
        {
            if (code == FieldErrors.Required)
                plan.Missing.Add(new MissingField(CustomFieldEntities.Company, field, null, "string"));
            else
                plan.Errors.Add(($"fields.company.{field}", code));
        }
        // A company made from a lead is a legal entity whose requisites the deal's documents need.
        if (string.IsNullOrWhiteSpace(inn))
            plan.Missing.Add(new MissingField(CustomFieldEntities.Company, "inn", null, "string"));
        company.AdSourceId = lead.SourceId;
        plan.Company = company;
    }

    private static void PlanContact(ConversionPlan plan, ConversionContactFields? given)
    {
        if (!plan.CreateContact)
            return;
        var lead = plan.Lead;
        var errors = new List<(string, string)>();
        plan.ContactName = ContactRules.Name(Given(given?.FullName) ?? lead.ContactName, errors);
        plan.ContactPhone = ContactRules.Phone(Given(given?.Phone) ?? lead.Phone, "phone", errors);
        plan.ContactEmail = ContactRules.Email(Given(given?.Email) ?? lead.Email, errors)?.ToLowerInvariant();
        foreach (var (field, code) in errors)
        {
            if (code == FieldErrors.Required)
                plan.Missing.Add(new MissingField(CustomFieldEntities.Contact, field, null, "string"));
            else
                plan.Errors.Add(($"fields.contact.{field}", code));
        }
    }

    private static void PlanDeal(ConversionPlan plan, ConversionDealFields? given)
    {
        if (!plan.CreateDeal)
            return;
        var title = Given(given?.Title) ?? plan.Lead.Title.Trim();
        if (string.IsNullOrEmpty(title))
            plan.Missing.Add(new MissingField(CustomFieldEntities.Deal, "title", null, "string"));
        else if (title.Length > Deal.TitleMax)
            plan.Errors.Add(("fields.deal.title", FieldErrors.TooLong));
        else
            TextRules.Check(title, "fields.deal.title", plan.Errors);
        plan.DealTitle = title;
    }

    /// <summary>
    /// Matches each filled custom field of the lead to a field of every created element by label
    /// (any case), type and multiplicity; plans the fields to create, the values to copy, and
    /// checks the targets' required fields.
    /// </summary>
    private async Task PlanCustomFieldsAsync(ConversionPlan plan, ConversionFields given, IReadOnlyList<string>? createFields, CancellationToken ct)
    {
        var targets = new List<string>();
        if (plan.CreateCompany)
            targets.Add(CustomFieldEntities.Company);
        if (plan.CreateContact)
            targets.Add(CustomFieldEntities.Contact);
        if (plan.CreateDeal)
            targets.Add(CustomFieldEntities.Deal);
        if (targets.Count == 0)
            return;

        var entities = targets.Append(CustomFieldEntities.Lead).ToList();
        var defs = await db.CustomFields.Where(f => entities.Contains(f.Entity)).OrderBy(f => f.Order).ThenBy(f => f.Code).ToListAsync(ct);
        var leadFields = defs.Where(f => f.Entity == CustomFieldEntities.Lead).ToList();
        var leadFieldIds = leadFields.Select(f => f.Id).ToList();
        var leadValues = (await db.CustomFieldValues.AsNoTracking()
                .Where(v => v.EntityId == plan.Lead.Id && leadFieldIds.Contains(v.FieldId)).ToListAsync(ct))
            .GroupBy(v => v.FieldId).ToDictionary(g => g.Key, g => g.ToList());
        var createAll = createFields?.Contains("*") == true;
        var toCreate = createFields?.ToHashSet(StringComparer.Ordinal) ?? [];
        var takenCodes = defs.Select(f => (f.Entity, f.Code)).ToHashSet();

        foreach (var leadField in leadFields.Where(f => !f.IsArchived && leadValues.ContainsKey(f.Id)))
        {
            var lacking = new List<string>();
            var listTargets = new List<CustomField>();
            foreach (var entity in targets)
            {
                var target = defs.Where(f => f.Entity == entity && !f.IsArchived && f.Type == leadField.Type && f.Multiple == leadField.Multiple
                                             && string.Equals(f.Label.Trim(), leadField.Label.Trim(), StringComparison.OrdinalIgnoreCase))
                    .FirstOrDefault();
                if (target is null && (createAll || toCreate.Contains(leadField.Code)))
                {
                    target = NewField(leadField, entity, takenCodes, defs);
                    plan.NewFields.Add(target);
                }
                if (target is null)
                {
                    lacking.Add(entity);
                    continue;
                }
                // Two lead fields alike (same label, type, multiplicity) fill one target field: the first wins.
                if (plan.Copies.Any(c => c.Field == target))
                    continue;
                plan.Copies.Add(new CustomCopy(entity, target, leadValues[leadField.Id].Select(v => Copy(v, target.Id)).ToList()));
                if (leadField.Type == CustomFieldType.List)
                    listTargets.Add(target);
            }
            if (lacking.Count > 0)
                plan.Unsynchronized.Add(new UnsyncedField(leadField.Code, leadField.Label, TypeName(leadField.Type), leadField.Multiple, lacking));
            if (listTargets.Count > 0)
                plan.ListGroups.Add((leadField, listTargets));
        }

        foreach (var entity in targets)
        {
            var supplied = entity switch
            {
                CustomFieldEntities.Company => given.Company?.CustomFields,
                CustomFieldEntities.Contact => given.Contact?.CustomFields,
                _ => given.Deal?.CustomFields,
            };
            foreach (var (code, node) in supplied ?? new Dictionary<string, JsonNode?>())
            {
                var name = $"fields.{entity}.{CustomValues.FieldPrefix}{code}";
                var field = defs.FirstOrDefault(f => f.Entity == entity && f.Code == code && !f.IsArchived);
                if (field is null)
                {
                    plan.Errors.Add((name, CustomFieldErrors.UnknownField));
                    continue;
                }
                var (values, error) = CustomValues.Parse(field, node);
                if (error is not null)
                {
                    plan.Errors.Add((name, error));
                    continue;
                }
                // The user's value replaces what the lead would have given.
                plan.Copies.RemoveAll(c => c.Field.Id == field.Id);
                if (values.Count > 0)
                    plan.Copies.Add(new CustomCopy(entity, field, values));
            }
            foreach (var field in defs.Where(f => f.Entity == entity && f.Required && !f.IsArchived))
            {
                if (!plan.Copies.Any(c => c.Field.Id == field.Id))
                {
                    plan.Missing.Add(new MissingField(entity, CustomValues.FieldPrefix + field.Code, field.Label, TypeName(field.Type),
                        field.Multiple, field.Type == CustomFieldType.List ? field.OptionList() : null));
                }
            }
        }
    }

    private static CustomField NewField(CustomField leadField, string entity, HashSet<(string, string)> takenCodes, List<CustomField> defs)
    {
        var code = leadField.Code;
        for (var n = 2; takenCodes.Contains((entity, code)); n++)
        {
            var suffix = "_" + n;
            code = (leadField.Code.Length + suffix.Length > CustomField.CodeMax ? leadField.Code[..(CustomField.CodeMax - suffix.Length)] : leadField.Code) + suffix;
        }
        takenCodes.Add((entity, code));
        var order = defs.Where(f => f.Entity == entity).Select(f => f.Order).DefaultIfEmpty(0).Max() + 1;
        var field = new CustomField
        {
            Entity = entity,
            Code = code,
            Label = leadField.Label,
            Type = leadField.Type,
            Required = leadField.Required,
            Multiple = leadField.Multiple,
            Options = leadField.Options,
            Order = order,
        };
        defs.Add(field);
        return field;
    }

    private async Task<ConversionMatches> MatchesAsync(AccessContext access, ConversionPlan plan, ConversionFields given, bool preview, CancellationToken ct)
    {
        var lead = plan.Lead;
        var visible = db.Counterparties.AsNoTracking().VisibleTo(access, Counterparty.EntityKind);
        List<CompanyMatch> companies = [];
        var hidden = false;
        // The preview offers links for whatever the user may choose; convert checks only what it creates.
        var inn = plan.Company?.Inn ?? (preview ? Given(given.Company?.Inn) ?? lead.Inn : null);
        if ((preview || plan.CreateCompany) && inn is not null)
        {
            var same = db.Counterparties.AsNoTracking().Where(c => c.Inn == inn);
            companies = await same.VisibleTo(access, Counterparty.EntityKind)
                .OrderBy(c => c.NameNormalized).ThenBy(c => c.Id).Take(MatchLimit)
                .Select(c => new CompanyMatch(c.Id, c.Name, c.Inn)).ToListAsync(ct);
            hidden = companies.Count < MatchLimit && await same.CountAsync(ct) > companies.Count;
        }

        List<ContactMatch> contacts = [];
        var phone = plan.CreateContact ? plan.ContactPhone : preview ? Phones.Normalize(Given(given.Contact?.Phone) ?? lead.Phone ?? "") : null;
        var email = plan.CreateContact ? plan.ContactEmail : preview ? (Given(given.Contact?.Email) ?? lead.Email)?.ToLowerInvariant() : null;
        if ((preview || plan.CreateContact) && (phone is not null || email is not null))
        {
            // Each condition on its own indexed column (as the repeat-lead check matches): an OR that
            // also named the unindexed second phone read every contact person (0.33 s at 200,000).
            var people = db.ContactPersons.AsNoTracking();
            people = phone is not null && email is not null ? people.Where(c => c.Phone == phone || c.Email == email)
                : phone is not null ? people.Where(c => c.Phone == phone)
                : people.Where(c => c.Email == email);
            people = people
                .Where(c => db.CounterpartyContacts.Any(l => l.ContactId == c.Id && visible.Any(v => v.Id == l.CounterpartyId)));
            contacts = await people.OrderBy(c => c.FullNameNormalized).ThenBy(c => c.Id).Take(MatchLimit)
                .Select(c => new ContactMatch(c.Id, c.FullName, c.Phone, c.Email)).ToListAsync(ct);
        }
        return new ConversionMatches(companies, contacts, hidden);
    }

    private static CustomFieldValue Copy(CustomFieldValue v, Guid fieldId) => new()
    {
        FieldId = fieldId,
        StringValue = v.StringValue,
        NumberValue = v.NumberValue,
        DateValue = v.DateValue,
        BoolValue = v.BoolValue,
        GuidValue = v.GuidValue,
    };

    public static string TypeName(CustomFieldType type) => type.ToString().ToLowerInvariant();

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
