using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Deals;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Leads;

/// <summary>
/// Moves a lead to another open stage (the board's drag and drop, the status bar). The outcome
/// stage is reached only by its result (<see cref="JunkLead"/> or the conversion). A converted or
/// junk lead moved back out of the outcome is reopened: that takes the edit right of
/// <see cref="EntityKinds.LeadOutcome"/>, and it unlinks, but never deletes, what the conversion created.
/// </summary>
public sealed class MoveLead(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public async Task<Result<LeadDto>> HandleAsync(AccessContext access, Guid id, Guid? stageId, int? version, CancellationToken ct)
    {
        var lead = await db.Leads.VisibleTo(access, Lead.EntityKind).SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null)
            return Error.NotFound();
        if (!access.Allows(Lead.EntityKind, PermissionAction.Edit, lead.ResponsibleId))
            return Error.Forbidden();
        if (VersionCheck.Fails(lead.Version, version, null) is { } stale)
            return stale;
        if (stageId is not { } to)
            return Error.Validation(("stageId", FieldErrors.Required));
        var stages = await LeadRules.StagesAsync(db, ct);
        var target = stages.FirstOrDefault(s => s.Id == to);
        if (target is null)
            return Error.Validation(("stageId", LeadErrors.NotALeadStage));
        if (target.Semantic != StageSemantic.Open)
            return new Error(LeadErrors.OutcomeRequired, "The outcome stage is reached by marking the lead junk or converting it.",
                new Dictionary<string, string[]> { ["stageId"] = [LeadErrors.OutcomeRequired] });
        if (to == lead.StageId)
            return await LeadProjection.ShapeAsync(db, access, lead, ct);

        var now = time.GetUtcNow().UtcDateTime;
        if (lead.Status != LeadStatus.Open)
        {
            if (!access.Allows(EntityKinds.LeadOutcome, PermissionAction.Edit, lead.ResponsibleId))
                return Error.Forbidden();
            lead.Status = LeadStatus.Open;
            lead.JunkReasonId = null;
            lead.JunkComment = null;
            lead.ClosedAt = null;
            lead.ClosedById = null;
            // The created contact, company and deal stay: only the lead's links to them go.
            lead.ContactId = null;
            lead.CompanyId = null;
            lead.DealId = null;
            LeadMoves.Timeline(db, lead, now, actor, TimelineKinds.LeadReopened, target.Name);
        }
        else
        {
            LeadMoves.Timeline(db, lead, now, actor, TimelineKinds.LeadStage, target.Name);
        }
        LeadMoves.Enter(db, lead, to, now, actor);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return await LeadProjection.ShapeAsync(db, access, lead, ct);
    }
}

/// <summary>
/// Closes a lead as junk («некачественный»): with a reason from the <c>junk-reasons</c> book and/or
/// a free comment, in the outcome stage. Its planned activities stay where they are.
/// </summary>
public sealed class JunkLead(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public async Task<Result<LeadDto>> HandleAsync(
        AccessContext access, Guid id, Guid? reasonId, string? reason, int? version, CancellationToken ct)
    {
        var lead = await db.Leads.VisibleTo(access, Lead.EntityKind).SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null)
            return Error.NotFound();
        if (!access.Allows(Lead.EntityKind, PermissionAction.Edit, lead.ResponsibleId))
            return Error.Forbidden();
        if (VersionCheck.Fails(lead.Version, version, null) is { } stale)
            return stale;
        if (lead.Status != LeadStatus.Open)
            return Closed(lead.Status);

        var errors = new List<(string, string)>();
        var comment = PatchText.Text(reason, null, "reason", TextLimits.Long, errors, multiLine: true);
        if (reasonId is { } r && !await db.ReferenceItems.AnyAsync(i => i.Id == r && i.Book == ReferenceBook.JunkReason && !i.IsArchived, ct))
            errors.Add(("reasonId", FieldErrors.NotFound));
        if (reasonId is null && comment is null && errors.Count == 0)
            errors.Add(("reasonId", FieldErrors.Required));
        var outcome = (await LeadRules.StagesAsync(db, ct)).LastOrDefault(s => s.Semantic == StageSemantic.Outcome);
        if (outcome is null)
            errors.Add(("stageId", FieldErrors.NotFound));
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var now = time.GetUtcNow().UtcDateTime;
        lead.Status = LeadStatus.Junk;
        lead.JunkReasonId = reasonId;
        lead.JunkComment = comment;
        lead.ClosedAt = now;
        lead.ClosedById = access.UserId;
        var reasonName = reasonId is { } rid ? await db.ReferenceItems.Where(i => i.Id == rid).Select(i => i.Name).SingleAsync(ct) : null;
        LeadMoves.Timeline(db, lead, now, actor, TimelineKinds.LeadJunk,
            string.Join(": ", new[] { reasonName, comment }.Where(t => t is not null)));
        if (outcome!.Id != lead.StageId)
            LeadMoves.Enter(db, lead, outcome.Id, now, actor);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return await LeadProjection.ShapeAsync(db, access, lead, ct);
    }

    /// <summary>The error of an outcome asked for twice: the lead is already converted or junk.</summary>
    public static Error Closed(LeadStatus status) =>
        new(LeadErrors.Closed,
            status == LeadStatus.Converted ? "The lead is already converted." : "The lead is already closed as junk.",
            Extensions: new Dictionary<string, object?> { ["status"] = status.ToString().ToLowerInvariant() });
}
