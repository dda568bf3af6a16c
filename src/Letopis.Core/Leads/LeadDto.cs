using System.Text.Json.Serialization;
using Letopis.Core.Access;
using Letopis.Core.Crm;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Letopis.Core.Deals;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Leads;

/// <summary>A record a lead points at, with its name.</summary>
public sealed record LeadRef(Guid Id, string Name);

/// <summary>A stage as cards and columns show it.</summary>
public sealed record LeadStageRef(Guid Id, string Name, StageSemantic Semantic, string? Color, int Order);

/// <summary>What the conversion created or linked; null ids for what it did not.</summary>
public sealed record LeadCreatedLinks(Guid? ContactId, string? ContactName, Guid? CompanyId, string? CompanyName, Guid? DealId, string? DealTitle);

/// <summary>A lead's card as the API and the UI show it.</summary>
public sealed record LeadDto(
    Guid Id,
    string Title,
    Guid? SourceId,
    LeadRef? Source,
    string? ContactName,
    string? Phone,
    string? PhoneFormatted,
    string? Email,
    string? CompanyName,
    string? Inn,
    string? Comment,
    Guid? ResponsibleId,
    LeadRef? Responsible,
    Guid StageId,
    LeadStageRef Stage,
    LeadStatus Status,
    Guid? JunkReasonId,
    LeadRef? JunkReason,
    string? JunkComment,
    bool IsRepeat,
    LeadRef? RepeatCounterparty,
    LeadRef? RepeatContact,
    LeadCreatedLinks Created,
    DateTime? ClosedAt,
    LeadRef? ClosedBy,
    DateTime StageChangedAt,
    DateTime CreatedAt,
    LeadRef? CreatedBy,
    IReadOnlyDictionary<string, object?> CustomFields,
    int Version)
{
    /// <summary>The intake's answer only: whether the request joined a lead made within the last minute.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Merged { get; init; }
}

/// <summary>A row of the leads list.</summary>
public sealed record LeadListItem(
    Guid Id,
    string Title,
    string? CompanyName,
    string? ContactName,
    string? Phone,
    string? PhoneFormatted,
    string? Email,
    string? Inn,
    LeadRef? Source,
    LeadRef? Responsible,
    LeadStageRef? Stage,
    LeadStatus Status,
    bool IsRepeat,
    DateTime CreatedAt);

internal static class LeadProjection
{
    /// <summary>The card of one lead; visibility is checked by the caller.</summary>
    public static async Task<LeadDto?> LoadAsync(LetopisDb db, AccessContext access, Guid id, CancellationToken ct)
    {
        var lead = await db.Leads.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, ct);
        return lead is null ? null : await ShapeAsync(db, access, lead, ct);
    }

    public static async Task<LeadDto> ShapeAsync(LetopisDb db, AccessContext access, Lead l, CancellationToken ct)
    {
        var stage = await db.PipelineStages.AsNoTracking().Where(s => s.Id == l.StageId)
            .Select(s => new LeadStageRef(s.Id, s.Name, s.Semantic, s.Color, s.Order)).SingleAsync(ct);
        var bookIds = new[] { l.SourceId, l.JunkReasonId }.OfType<Guid>().ToList();
        var books = bookIds.Count == 0 ? new Dictionary<Guid, string>() : await db.ReferenceItems.AsNoTracking().Where(r => bookIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var userIds = new[] { l.ResponsibleId, l.ClosedById, l.CreatedById }.OfType<Guid>().Distinct().ToList();
        var users = userIds.Count == 0 ? new Dictionary<Guid, string>() : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        var counterpartyIds = new[] { l.RepeatCounterpartyId, l.CompanyId }.OfType<Guid>().Distinct().ToList();
        // A client the caller may not see stays unnamed: the lead only says it is a repeat one.
        var counterparties = counterpartyIds.Count == 0 ? new Dictionary<Guid, string>() : await db.Counterparties.AsNoTracking()
            .VisibleTo(access, Counterparty.EntityKind).Where(c => counterpartyIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var contactIds = new[] { l.RepeatContactId, l.ContactId }.OfType<Guid>().Distinct().ToList();
        var contacts = contactIds.Count == 0 ? new Dictionary<Guid, string>() : await db.ContactPersons.AsNoTracking().Where(c => contactIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.FullName, ct);
        string? dealTitle = null;
        if (l.DealId is { } dealId)
            dealTitle = await db.Deals.AsNoTracking().Where(d => d.Id == dealId).Select(d => d.Title).FirstOrDefaultAsync(ct);
        var custom = await CustomValues.ReadAsync(db, CustomFieldEntities.Lead, l.Id, ct);

        LeadRef? Ref(Guid? key, IReadOnlyDictionary<Guid, string> names) =>
            key is { } k && names.TryGetValue(k, out var name) ? new LeadRef(k, name) : null;

        // The repeat contact is shown with the client it came with: a contact person is as visible as their companies.
        var repeatContact = l.RepeatContactId is { } rc && (l.RepeatCounterpartyId is null || counterparties.ContainsKey(l.RepeatCounterpartyId.Value))
            ? Ref(rc, contacts)
            : null;
        return new LeadDto(
            l.Id, l.Title, l.SourceId, Ref(l.SourceId, books), l.ContactName, l.Phone, l.Phone is null ? null : Phones.Format(l.Phone),
            l.Email, l.CompanyName, l.Inn, l.Comment, l.ResponsibleId, Ref(l.ResponsibleId, users), l.StageId, stage, l.Status,
            l.JunkReasonId, Ref(l.JunkReasonId, books), l.JunkComment, l.IsRepeat, Ref(l.RepeatCounterpartyId, counterparties), repeatContact,
            new LeadCreatedLinks(l.ContactId, l.ContactId is { } c ? contacts.GetValueOrDefault(c) : null,
                l.CompanyId, l.CompanyId is { } co ? counterparties.GetValueOrDefault(co) : null, l.DealId, dealTitle),
            l.ClosedAt, Ref(l.ClosedById, users), l.StageChangedAt, l.CreatedAt, Ref(l.CreatedById, users), custom, l.Version);
    }
}
