using Letopis.Core.Access;
using Letopis.Core.Activities;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Letopis.Core.Deals;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Leads.Conversion;

/// <summary>
/// Converts a quality lead into any combination of a contact person, a company and a deal, as
/// Bitrix24 users know it: the created elements are linked to each other and to the lead, the lead
/// closes as converted in its outcome stage, its open activities are completed, and its activities
/// and timeline stay visible from what it became. Everything is checked first and written in one
/// save; a refusal creates nothing.
/// </summary>
public sealed class ConvertLead(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public async Task<Result<ConversionResult>> HandleAsync(AccessContext access, Guid leadId, ConversionRequest request, CancellationToken ct)
    {
        var planned = await new ConversionPlanner(db).PlanAsync(access, leadId, request, preview: false, ct);
        if (!planned.IsSuccess)
            return planned.Error!;
        var plan = planned.Value;
        if (ConversionPlanner.Refusal(plan, request.AllowDuplicates) is { } refused)
            return refused;

        // Whole microseconds, as PostgreSQL keeps them: the records are answered from memory.
        var now = Instants.ToMicroseconds(time.GetUtcNow().UtcDateTime);
        var lead = plan.Lead;
        var companyId = plan.LinkCompanyId;
        var contactId = plan.LinkContactId;
        string? contactName = null;

        if (plan.Company is { } company)
        {
            company.CreatedAt = now;
            company.CreatedById = access.UserId;
            db.Counterparties.Add(company);
            companyId = company.Id;
        }
        if (plan.CreateContact)
        {
            var contact = new ContactPerson
            {
                FullName = plan.ContactName!,
                FullNameNormalized = plan.ContactName!.ToUpperInvariant(),
                Phone = plan.ContactPhone,
                Email = plan.ContactEmail,
                CreatedAt = now,
            };
            db.ContactPersons.Add(contact);
            contactId = contact.Id;
            contactName = contact.FullName;
        }
        if (companyId is { } cp && contactId is { } person)
            await AttachContactAsync(cp, person, plan.CreateCompany, plan.CreateContact, contactName, now, ct);

        Deal? deal = null;
        if (plan.CreateDeal)
        {
            deal = new Deal
            {
                Title = plan.DealTitle!,
                TitleNormalized = plan.DealTitle!.ToUpperInvariant(),
                PipelineId = plan.DealStage!.PipelineId,
                StageId = plan.DealStage.Id,
                ResponsibleId = plan.ResponsibleId,
                CompanyId = companyId,
                SourceId = lead.SourceId,
                LeadId = lead.Id,
                StageChangedAt = now,
                CreatedAt = now,
                CreatedById = access.UserId,
            };
            db.Deals.Add(deal);
            if (contactId is { } main)
                db.DealContacts.Add(new DealContact { DealId = deal.Id, ContactId = main, Order = 0 });
            StageMoves.Record(db, Deal.EntityKind, deal.Id, null, deal.StageId, now, now, actor);
        }

        await WriteCustomFieldsAsync(plan, plan.CreateCompany ? companyId : null, plan.CreateContact ? contactId : null, deal?.Id, now, ct);
        await CloseLeadAsync(plan, access, companyId, contactId, deal?.Id, now, ct);

        try
        {
            // One save: the new records, their links, values and history, the closed lead and its re-pointed trail.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return new ConversionResult(contactId, companyId, deal?.Id);
    }

    /// <summary>The contact works for the company: the first contact of a company becomes its main one.</summary>
    private async Task AttachContactAsync(Guid companyId, Guid contactId, bool newCompany, bool newContact, string? name, DateTime now, CancellationToken ct)
    {
        if (!newCompany && !newContact
            && await db.CounterpartyContacts.AnyAsync(l => l.CounterpartyId == companyId && l.ContactId == contactId, ct))
            return;
        var isMain = newCompany || !await db.CounterpartyContacts.AnyAsync(l => l.CounterpartyId == companyId, ct);
        db.CounterpartyContacts.Add(new CounterpartyContact { CounterpartyId = companyId, ContactId = contactId, IsMain = isMain });
        name ??= await db.ContactPersons.Where(c => c.Id == contactId).Select(c => c.FullName).SingleAsync(ct);
        Timeline.Add(db, companyId, now, actor, newContact ? TimelineKinds.ContactAdded : TimelineKinds.ContactLinked, name,
            ContactPerson.EntityKind, contactId);
        // An existing card's own history shows who joined it, as adding a contact there does.
        if (!newCompany)
            db.ChangeRecords.Add(ChangeRecord.Of(Counterparty.EntityKind, companyId, now, actor, ChangeOperation.Updated, "contacts", null, name));
    }

    /// <summary>Creates the planned definitions, joins list fields into one shared option list, and copies the values.</summary>
    private async Task WriteCustomFieldsAsync(ConversionPlan plan, Guid? companyId, Guid? contactId, Guid? dealId, DateTime now, CancellationToken ct)
    {
        foreach (var field in plan.NewFields)
        {
            field.CreatedAt = now;
            db.CustomFields.Add(field);
        }
        foreach (var (leadField, targets) in plan.ListGroups)
            await JoinOptionGroupAsync(leadField, targets, ct);

        foreach (var copy in plan.Copies)
        {
            var (entityId, historyKind) = copy.Entity switch
            {
                CustomFieldEntities.Company => (companyId, Counterparty.EntityKind),
                CustomFieldEntities.Contact => (contactId, ContactPerson.EntityKind),
                _ => (dealId, Deal.EntityKind),
            };
            if (entityId is not { } id)
                continue;
            foreach (var value in copy.Values)
            {
                value.EntityId = id;
                db.CustomFieldValues.Add(value);
            }
            db.ChangeRecords.Add(ChangeRecord.Of(historyKind, id, now, actor, ChangeOperation.Created,
                CustomValues.FieldPrefix + copy.Field.Code, null, CustomValues.Text(copy.Field, copy.Values)));
        }
    }

    /// <summary>
    /// The lead's list field and its counterparts on the targets keep one list of options from now on
    /// (<see cref="CustomField.OptionsGroupId"/>): they start from the union of their options, the lead's order first.
    /// </summary>
    private async Task JoinOptionGroupAsync(CustomField leadField, List<CustomField> targets, CancellationToken ct)
    {
        var members = new List<CustomField> { leadField };
        members.AddRange(targets.Where(t => !members.Contains(t)));
        // Fields already grouped bring their whole group along: one list, not two that half overlap.
        var groups = members.Where(m => m.OptionsGroupId is not null).Select(m => m.OptionsGroupId!.Value).Distinct().ToList();
        var groupId = leadField.OptionsGroupId ?? groups.FirstOrDefault();
        if (groupId == Guid.Empty)
            groupId = Guid.CreateVersion7();
        if (groups.Count > 0)
        {
            var grouped = await db.CustomFields.Where(f => f.OptionsGroupId != null && groups.Contains(f.OptionsGroupId.Value))
                .OrderBy(f => f.Id).ToListAsync(ct);
            members.AddRange(grouped.Where(f => !members.Contains(f)));
        }
        var options = new List<string>();
        foreach (var option in members.SelectMany(m => m.OptionList()))
        {
            if (!options.Contains(option))
                options.Add(option);
        }
        var text = CustomField.OptionsText(options);
        foreach (var member in members)
        {
            member.OptionsGroupId = groupId;
            if (member.Options != text)
                member.Options = text;
        }
    }

    private async Task CloseLeadAsync(ConversionPlan plan, AccessContext access, Guid? companyId, Guid? contactId, Guid? dealId, DateTime now, CancellationToken ct)
    {
        var lead = plan.Lead;
        if (plan.OutcomeStage is { } outcome && lead.StageId != outcome.Id)
        {
            LeadMoves.Enter(db, lead, outcome.Id, now, actor);
        }
        lead.Status = LeadStatus.Converted;
        lead.ClosedAt = now;
        lead.ClosedById = access.UserId;
        lead.CompanyId = companyId;
        lead.ContactId = contactId;
        lead.DealId = dealId;

        // The conversion closes the lead's work: what was still planned on it is done with it.
        var activities = await db.Activities.Where(a => a.LeadId == lead.Id).OrderBy(a => a.Id).ToListAsync(ct);
        foreach (var activity in activities)
        {
            if (activity.Status == ActivityStatus.Planned)
            {
                activity.Status = ActivityStatus.Done;
                activity.CompletedAt = now;
                activity.CompletedById = actor.UserId;
                activity.CompletedOnBehalfOfId = actor.OnBehalfOfId;
                await ActivityReminders.CancelAsync(db, activity.Id, now, ct);
            }
            // What was done on the lead stays in sight from the client and the deal it became.
            activity.CounterpartyId ??= companyId;
            activity.ContactId ??= contactId;
            activity.DealId ??= dealId;
        }

        var trail = await db.TimelineEvents.Where(t => t.LeadId == lead.Id).OrderBy(t => t.Id).ToListAsync(ct);
        foreach (var row in trail)
        {
            row.CounterpartyId ??= companyId;
            row.DealId ??= dealId;
        }
        db.TimelineEvents.Add(new TimelineEvent
        {
            LeadId = lead.Id,
            CounterpartyId = companyId,
            DealId = dealId,
            At = now,
            Kind = TimelineKinds.LeadConverted,
            Text = lead.Title,
            UserId = actor.UserId,
            OnBehalfOfId = actor.OnBehalfOfId,
            EntityKind = Lead.EntityKind,
            EntityId = lead.Id,
        });
    }
}
