using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Letopis.Core.Deals;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Leads;

/// <summary>
/// Edits a lead (JSON merge patch semantics). A converted or junk lead keeps its fields editable,
/// but not its stage: it leaves the outcome only by <see cref="MoveLead"/>, with the right to reopen.
/// </summary>
public sealed class UpdateLead(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public async Task<Result<LeadDto>> HandleAsync(
        AccessContext access, Guid id, LeadFields fields, int? version, int? ifMatch, CancellationToken ct)
    {
        var lead = await db.Leads.VisibleTo(access, Lead.EntityKind).SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null)
            return Error.NotFound();
        if (!access.Allows(Lead.EntityKind, PermissionAction.Edit, lead.ResponsibleId))
            return Error.Forbidden();
        if (VersionCheck.Fails(lead.Version, version, ifMatch) is { } stale)
            return stale;
        // Handing the lead to someone outside one's own reach would be a way round the permissions.
        if (fields.ResponsibleId is { HasValue: true, Value: var newResponsible } && newResponsible != lead.ResponsibleId
            && !access.Allows(Lead.EntityKind, PermissionAction.Edit, newResponsible))
            return Error.Forbidden();

        var (phone, email, inn) = (lead.Phone, lead.Email, lead.Inn);
        var errors = await LeadRules.ApplyAsync(db, access, lead, fields, ct);
        Guid? moveTo = null;
        if (fields.StageId.HasValue && fields.StageId.Value != lead.StageId)
        {
            var stages = await LeadRules.StagesAsync(db, ct);
            var target = stages.FirstOrDefault(s => s.Id == fields.StageId.Value);
            if (lead.Status != LeadStatus.Open)
                errors.Add(("stageId", LeadErrors.Closed));
            else if (target is null)
                errors.Add(("stageId", LeadErrors.NotALeadStage));
            else if (target.Semantic != StageSemantic.Open)
                errors.Add(("stageId", LeadErrors.OutcomeRequired));
            else
                moveTo = target.Id;
        }
        var custom = await CustomValues.PrepareAsync(db, access, CustomFieldEntities.Lead, id, isNew: false, fields.CustomFields, ct);
        errors.AddRange(custom.Errors);
        if (errors.Count > 0)
        {
            // The tracked lead may hold half-applied values; this context is not saved again.
            return Error.Validation([.. errors]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if ((lead.Phone, lead.Email, lead.Inn) != (phone, email, inn))
            await LeadRules.MatchRepeatAsync(db, lead, ct);
        db.ChangeTracker.DetectChanges();
        var changed = Timeline.ChangedFields(db, lead);
        if (custom.Apply(db, id, Lead.EntityKind, now, actor) is { Count: > 0 } customChanged)
        {
            db.Entry(lead).Property(l => l.Version).IsModified = true;
            changed = string.Join(",", new[] { changed }.Concat(customChanged).OfType<string>());
        }
        if (!string.IsNullOrEmpty(changed))
            LeadMoves.Timeline(db, lead, now, actor, TimelineKinds.LeadChanged, changed);
        if (moveTo is { } stageId)
        {
            LeadMoves.Enter(db, lead, stageId, now, actor);
            LeadMoves.Timeline(db, lead, now, actor, TimelineKinds.LeadStage, await StageNameAsync(stageId, ct));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return (await LeadProjection.LoadAsync(db, access, id, ct))!;
    }

    private Task<string?> StageNameAsync(Guid stageId, CancellationToken ct) =>
        db.PipelineStages.Where(s => s.Id == stageId).Select(s => s.Name).FirstOrDefaultAsync(ct);
}

/// <summary>Deletes a lead with its timeline; its activities stay, without the link.</summary>
public sealed class DeleteLead(LetopisDb db)
{
    public async Task<Result<bool>> HandleAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var lead = await db.Leads.VisibleTo(access, Lead.EntityKind).SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null)
            return Error.NotFound();
        if (!access.Allows(Lead.EntityKind, PermissionAction.Delete, lead.ResponsibleId))
            return Error.Forbidden();
        db.CustomFieldValues.RemoveRange(await db.CustomFieldValues.Where(v => v.EntityId == id).ToListAsync(ct));
        db.Leads.Remove(lead);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
