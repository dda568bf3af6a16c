using System.Text.Json.Nodes;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Letopis.Core.Deals;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Leads;

/// <summary>What the intake answers: the lead, and whether the request was merged into an existing one.</summary>
public sealed record LeadIntake(LeadDto Lead, bool Merged);

/// <summary>
/// Registers a lead in the first stage (or a chosen open one); the caller is responsible unless
/// another is named. The intake (web forms, telephony) merges a request sent again within a
/// minute from the same phone or e-mail into the lead it already made.
/// </summary>
public sealed class CreateLead(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    /// <summary>How long a repeated web form or call is taken for the same lead.</summary>
    public static readonly TimeSpan MergeWindow = TimeSpan.FromMinutes(1);

    public async Task<Result<LeadDto>> HandleAsync(AccessContext access, LeadFields fields, CancellationToken ct)
    {
        var result = await SaveAsync(access, fields, merge: false, ct);
        return result.IsSuccess ? result.Value.Lead : result.Error!;
    }

    /// <summary>
    /// As <see cref="HandleAsync"/>, but a lead with the same phone or e-mail made within
    /// <see cref="MergeWindow"/> and still open takes the request instead: its empty fields are
    /// filled and the new comment appended.
    /// </summary>
    public Task<Result<LeadIntake>> IntakeAsync(AccessContext access, LeadFields fields, CancellationToken ct) =>
        SaveAsync(access, fields, merge: true, ct);

    private async Task<Result<LeadIntake>> SaveAsync(AccessContext access, LeadFields fields, bool merge, CancellationToken ct)
    {
        var responsible = fields.ResponsibleId.HasValue ? fields.ResponsibleId.Value : access.UserId;
        if (!access.Allows(Lead.EntityKind, PermissionAction.Create, responsible))
            return Error.Forbidden();
        var now = Instants.ToMicroseconds(time.GetUtcNow().UtcDateTime);
        var lead = new Lead
        {
            CreatedAt = now,
            CreatedById = access.UserId,
            ResponsibleId = access.UserId,
            StageChangedAt = now,
        };
        var errors = await LeadRules.ApplyAsync(db, access, lead, fields, ct);
        var stages = await LeadRules.StagesAsync(db, ct);
        Guid? stageId = null;
        if (fields.StageId is { HasValue: true, Value: { } chosen })
        {
            if (stages.Any(s => s.Id == chosen && s.Semantic == StageSemantic.Open))
                stageId = chosen;
            else
                errors.Add(("stageId", LeadErrors.NotALeadStage));
        }
        else
        {
            stageId = stages.FirstOrDefault(s => s.Semantic == StageSemantic.Open)?.Id;
            if (stageId is null)
                errors.Add(("stageId", FieldErrors.Required));
        }
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        if (merge && await MergeTargetAsync(access, lead, now, ct) is { } existing)
            return await MergeAsync(access, existing, lead, fields, now, ct);

        var custom = await CustomValues.PrepareAsync(db, access, CustomFieldEntities.Lead, lead.Id, isNew: true, fields.CustomFields, ct);
        if (custom.Errors.Count > 0)
            return Error.Validation([.. custom.Errors]);

        await LeadRules.MatchRepeatAsync(db, lead, ct);
        db.Leads.Add(lead);
        LeadMoves.Enter(db, lead, stageId!.Value, now, actor);
        custom.Apply(db, lead.Id, Lead.EntityKind, now, actor);
        LeadMoves.Timeline(db, lead, now, actor, TimelineKinds.LeadCreated, lead.Title);
        await db.SaveChangesAsync(ct);
        return new LeadIntake(await LeadProjection.ShapeAsync(db, access, lead, ct), Merged: false);
    }

    private async Task<Lead?> MergeTargetAsync(AccessContext access, Lead incoming, DateTime now, CancellationToken ct)
    {
        if (incoming.Phone is null && incoming.Email is null)
            return null;
        var since = now - MergeWindow;
        var editable = db.Leads.VisibleTo(access, Lead.EntityKind, PermissionAction.Edit).Where(l => l.Status == LeadStatus.Open);
        // Each lookup walks the (Phone, CreatedAt) or (Email, CreatedAt) index over one minute.
        if (incoming.Phone is { } phone
            && await editable.Where(l => l.Phone == phone && l.CreatedAt >= since)
                .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).FirstOrDefaultAsync(ct) is { } byPhone)
            return byPhone;
        if (incoming.Email is { } email)
            return await editable.Where(l => l.Email == email && l.CreatedAt >= since)
                .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).FirstOrDefaultAsync(ct);
        return null;
    }

    private async Task<Result<LeadIntake>> MergeAsync(
        AccessContext access, Lead lead, Lead incoming, LeadFields fields, DateTime now, CancellationToken ct)
    {
        // Only the custom fields the lead has no value for are taken from the repeated request.
        IReadOnlyDictionary<string, JsonNode?>? customInput = null;
        if (fields.CustomFields is { Count: > 0 } given)
        {
            var current = await CustomValues.ReadAsync(db, CustomFieldEntities.Lead, lead.Id, ct);
            customInput = given.Where(p => p.Value is not null && (!current.TryGetValue(p.Key, out var v) || v is null))
                .ToDictionary(p => p.Key, p => p.Value);
        }
        var custom = await CustomValues.PrepareAsync(db, access, CustomFieldEntities.Lead, lead.Id, isNew: false, customInput, ct);
        if (custom.Errors.Count > 0)
            return Error.Validation([.. custom.Errors]);

        var contactChanged = false;
        lead.ContactName ??= incoming.ContactName;
        lead.CompanyName ??= incoming.CompanyName;
        lead.SourceId ??= incoming.SourceId;
        if (lead.Phone is null && incoming.Phone is not null)
            (lead.Phone, contactChanged) = (incoming.Phone, true);
        if (lead.Email is null && incoming.Email is not null)
            (lead.Email, contactChanged) = (incoming.Email, true);
        if (lead.Inn is null && incoming.Inn is not null)
            (lead.Inn, contactChanged) = (incoming.Inn, true);
        if (incoming.Comment is { } comment && lead.Comment?.Contains(comment, StringComparison.Ordinal) != true)
        {
            var joined = lead.Comment is null ? comment : lead.Comment + "\n\n" + comment;
            lead.Comment = joined.Length > TextLimits.Long ? joined[..TextLimits.Long] : joined;
        }
        if (contactChanged)
            await LeadRules.MatchRepeatAsync(db, lead, ct);
        db.ChangeTracker.DetectChanges();
        var changed = Timeline.ChangedFields(db, lead);
        if (custom.Apply(db, lead.Id, Lead.EntityKind, now, actor) is { Count: > 0 } customChanged)
        {
            db.Entry(lead).Property(l => l.Version).IsModified = true;
            changed = string.Join(",", new[] { changed }.Concat(customChanged).OfType<string>());
        }
        if (!string.IsNullOrEmpty(changed))
            LeadMoves.Timeline(db, lead, now, actor, TimelineKinds.LeadChanged, changed);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return new LeadIntake(await LeadProjection.ShapeAsync(db, access, lead, ct), Merged: true);
    }
}
