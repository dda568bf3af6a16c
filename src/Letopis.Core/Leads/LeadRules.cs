using System.Text.Json.Nodes;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Deals;
using Microsoft.EntityFrameworkCore;
using static Letopis.Core.Common.PatchText;

namespace Letopis.Core.Leads;

/// <summary>The fields of a lead as a create or merge-patch request carries them; absent fields stay as they are.</summary>
public sealed record LeadFields(
    Optional<string?> Title = default,
    Optional<Guid?> SourceId = default,
    Optional<string?> ContactName = default,
    Optional<string?> Phone = default,
    Optional<string?> Email = default,
    Optional<string?> CompanyName = default,
    Optional<string?> Inn = default,
    Optional<string?> Comment = default,
    Optional<Guid?> ResponsibleId = default,
    Optional<Guid?> StageId = default)
{
    /// <summary>Custom field values by code, merge-patch style: null clears, absent codes stay.</summary>
    public IReadOnlyDictionary<string, JsonNode?>? CustomFields { get; init; }
}

/// <summary>Error codes of the lead life cycle; the web layer localizes them.</summary>
public static class LeadErrors
{
    /// <summary>The outcome stage is reached only by its result: junk or conversion.</summary>
    public const string OutcomeRequired = "outcome_required";

    /// <summary>The lead is already converted or junk.</summary>
    public const string Closed = "lead_closed";

    /// <summary>A field error: the stage is not an open stage of the lead pipeline.</summary>
    public const string NotALeadStage = "not_a_lead_stage";
}

/// <summary>The stages of the one lead pipeline, in order.</summary>
public sealed record LeadStage(Guid Id, string Name, StageSemantic Semantic, string? Color, int Order);

/// <summary>Validates lead fields before anything is written, applies them, and finds the client a repeat lead belongs to.</summary>
public static class LeadRules
{
    /// <summary>The stages of the lead pipeline, left to right.</summary>
    public static Task<List<LeadStage>> StagesAsync(LetopisDb db, CancellationToken ct) =>
        db.PipelineStages.AsNoTracking()
            .Where(s => db.Pipelines.Any(p => p.Id == s.PipelineId && p.Kind == PipelineKind.Lead))
            .OrderBy(s => s.Order).ThenBy(s => s.Id)
            .Select(s => new LeadStage(s.Id, s.Name, s.Semantic, s.Color, s.Order))
            .ToListAsync(ct);

    /// <summary>
    /// Checks and applies <paramref name="f"/> to <paramref name="target"/>; on errors nothing is changed.
    /// The stage is not applied here: moves record a transition (<see cref="LeadMoves"/>).
    /// </summary>
    internal static async Task<List<(string, string)>> ApplyAsync(
        LetopisDb db, AccessContext access, Lead target, LeadFields f, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var title = Text(f.Title, target.Title, "title", Lead.TitleMax, errors, required: true);
        var contactName = Text(f.ContactName, target.ContactName, "contactName", TextLimits.Name, errors);
        var companyName = Text(f.CompanyName, target.CompanyName, "companyName", TextLimits.Name, errors);
        var comment = Text(f.Comment, target.Comment, "comment", TextLimits.Long, errors, multiLine: true);
        var phone = PhoneField(f.Phone, target.Phone, errors);
        var email = Text(f.Email, target.Email, "email", 254, errors)?.ToLowerInvariant();
        if (f.Email.HasValue && email is not null && !UserRules.IsValidEmail(email))
            errors.Add(("email", FieldErrors.Invalid));
        var inn = Text(f.Inn, target.Inn, "inn", 50, errors);
        if (f.Inn.HasValue && inn is not null && Requisites.InnError(inn) is { } innError)
            errors.Add(("inn", innError));

        if (f.SourceId is { HasValue: true, Value: { } source } && source != target.SourceId
            && !await db.ReferenceItems.AnyAsync(r => r.Id == source && r.Book == ReferenceBook.AdSource && !r.IsArchived, ct))
            errors.Add(("sourceId", FieldErrors.NotFound));
        if (f.ResponsibleId is { HasValue: true, Value: { } responsible } && responsible != target.ResponsibleId)
        {
            if (!await db.Users.AnyAsync(u => u.Id == responsible && u.IsActive, ct))
                errors.Add(("responsibleId", FieldErrors.NotFound));
        }
        if (errors.Count > 0)
            return errors;

        target.Title = title!;
        target.TitleNormalized = title!.ToUpperInvariant();
        target.ContactName = contactName;
        target.CompanyName = companyName;
        target.Comment = comment;
        target.Phone = phone;
        target.Email = email;
        target.Inn = inn;
        target.SourceId = f.SourceId.Or(target.SourceId);
        if (f.ResponsibleId.HasValue)
            target.ResponsibleId = f.ResponsibleId.Value;
        return errors;
    }

    private static string? PhoneField(Optional<string?> value, string? current, List<(string, string)> errors)
    {
        if (!value.HasValue)
            return current;
        if (string.IsNullOrWhiteSpace(value.Value))
            return null;
        if (value.Value.Length > 40)
        {
            errors.Add(("phone", FieldErrors.TooLong));
            return null;
        }
        var normalized = Phones.Normalize(value.Value);
        if (normalized is null)
            errors.Add(("phone", FieldErrors.Invalid));
        return normalized;
    }

    /// <summary>The normalized phone of a query text, or null when it is no phone.</summary>
    public static string? NormalizePhone(string text) =>
        text.Count(char.IsAsciiDigit) >= 5 && text.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')')
            ? Phones.Normalize(text)
            : null;

    /// <summary>
    /// Marks the lead repeat when its phone, e-mail or ИНН belongs to an existing counterparty or
    /// contact person, or clears the mark when none does. Every lookup is an indexed equality.
    /// </summary>
    internal static async Task MatchRepeatAsync(LetopisDb db, Lead lead, CancellationToken ct)
    {
        Guid? counterparty = null;
        Guid? contact = null;
        if (lead.Inn is { } inn)
            counterparty = await db.Counterparties.AsNoTracking().Where(c => c.Inn == inn).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        if (counterparty is null && lead.Phone is { } phone)
            counterparty = await db.Counterparties.AsNoTracking().Where(c => c.Phone == phone).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        if (counterparty is null && lead.Email is { } email)
            counterparty = await db.Counterparties.AsNoTracking().Where(c => c.Email == email).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        if (lead.Phone is { } contactPhone)
            contact = await db.ContactPersons.AsNoTracking().Where(c => c.Phone == contactPhone).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        if (contact is null && lead.Email is { } contactEmail)
            contact = await db.ContactPersons.AsNoTracking().Where(c => c.Email == contactEmail).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        // A matched contact person's client is one of their counterparties (the main place of work first).
        if (counterparty is null && contact is { } person)
            counterparty = await db.CounterpartyContacts.AsNoTracking().Where(l => l.ContactId == person)
                .OrderByDescending(l => l.IsMain).ThenBy(l => l.CounterpartyId)
                .Select(l => (Guid?)l.CounterpartyId).FirstOrDefaultAsync(ct);
        lead.RepeatCounterpartyId = counterparty;
        lead.RepeatContactId = contact;
    }
}

/// <summary>Moves between stages: each move is a <see cref="StageTransition"/> with the time spent where the lead stood.</summary>
internal static class LeadMoves
{
    public static void Enter(LetopisDb db, Lead lead, Guid stageId, DateTime now, ICurrentActor? actor)
    {
        var from = db.Entry(lead).State == EntityState.Added ? (Guid?)null : lead.StageId;
        Deals.StageMoves.Record(db, Lead.EntityKind, lead.Id, from, stageId, now, lead.StageChangedAt, actor);
        lead.StageId = stageId;
        lead.StageChangedAt = now;
    }

    /// <summary>A row of the lead's timeline (and of its client's, when it is a repeat lead or converted).</summary>
    public static TimelineEvent Timeline(LetopisDb db, Lead lead, DateTime at, ICurrentActor? actor, string kind, string? text)
    {
        var entry = new TimelineEvent
        {
            LeadId = lead.Id,
            At = at,
            Kind = kind,
            Text = text,
            UserId = actor?.UserId,
            OnBehalfOfId = actor?.OnBehalfOfId,
            EntityKind = Lead.EntityKind,
            EntityId = lead.Id,
        };
        db.TimelineEvents.Add(entry);
        return entry;
    }
}
