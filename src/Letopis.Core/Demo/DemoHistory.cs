using Letopis.Core.Access;
using Letopis.Core.Activities;
using Letopis.Core.Crm;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Demo;

/// <summary>
/// Dates and signs the history rows the demo's saves wrote. The seeding runs as nobody, at one
/// moment, so every row would read «today, no one». Here a card's creation is dated when the card
/// was entered and signed by its responsible manager, a later change (a call done, a contract
/// signed) by the one who made it, on its day; what the administrator set up (users, departments,
/// reference books, fields) is signed by the administrator.
/// </summary>
internal static class DemoHistory
{
    private static readonly string[] ActivityOutcome = ["status", "completedAt", "completedById", "result", "nextStep"];

    private static readonly string[] DocumentOutcome = ["status", "signedByUsOn", "signedByCounterpartyOn", "validFrom", "validTo"];

    public static async Task StampAsync(LetopisDb db, DateTime now, CancellationToken ct)
    {
        var admin = await db.Users.Where(u => u.NormalizedUserName == "ADMIN" || u.NormalizedUserName == "DIRECTOR")
            .OrderBy(u => u.NormalizedUserName).Select(u => u.Id).FirstAsync(ct);

        await OutcomesAsync(db, now, ct);

        await db.ChangeRecords.Where(r => r.UserId == null && r.EntityKind == Counterparty.AuditKind)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.At, r => db.Counterparties.Where(c => c.Id == r.EntityId).Select(c => c.CreatedAt).First())
                .SetProperty(r => r.UserId, r => db.Counterparties.Where(c => c.Id == r.EntityId).Select(c => c.ResponsibleId).First() ?? admin), ct);
        // A contact person is entered by the manager of the card it was entered on.
        await db.ChangeRecords.Where(r => r.UserId == null && r.EntityKind == ContactPerson.AuditKind)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.At, r => db.ContactPersons.Where(c => c.Id == r.EntityId).Select(c => c.CreatedAt).First())
                .SetProperty(r => r.UserId, r => db.CounterpartyContacts.Where(l => l.ContactId == r.EntityId && l.IsMain)
                    .Join(db.Counterparties, l => l.CounterpartyId, c => c.Id, (l, c) => c.ResponsibleId).FirstOrDefault() ?? admin), ct);
        await db.ChangeRecords.Where(r => r.UserId == null && r.EntityKind == Document.AuditKind)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.At, r => db.Documents.Where(d => d.Id == r.EntityId).Select(d => d.CreatedAt).First())
                .SetProperty(r => r.UserId, r => db.Documents.Where(d => d.Id == r.EntityId).Select(d => d.CreatedById).First() ?? admin), ct);
        await db.ChangeRecords.Where(r => r.UserId == null && r.EntityKind == Activity.AuditKind)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.At, r => db.Activities.Where(a => a.Id == r.EntityId).Select(a => a.CreatedAt).First())
                .SetProperty(r => r.UserId, r => db.Activities.Where(a => a.Id == r.EntityId).Select(a => (Guid?)a.PlannedById).First()), ct);
        var setUp = new[] { AppUser.AuditKind, Department.AuditKind, ReferenceItem.AuditKind, Deputyship.AuditKind, CustomField.AuditKind, OurCompany.AuditKind };
        await db.ChangeRecords.Where(r => r.UserId == null && setUp.Contains(r.EntityKind))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UserId, admin), ct);
        await db.TimelineEvents.Where(t => t.UserId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UserId, t => db.Counterparties.Where(c => c.Id == t.CounterpartyId).Select(c => c.ResponsibleId).First() ?? admin), ct);
    }

    /// <summary>
    /// Signs what the demo's leads and deals wrote: a lead's or deal's rows by its responsible manager
    /// on the day it was entered, a planned activity by whom planned it, a document linked to a deal
    /// by the deal's manager, the pipelines and stages by the administrator, and timeline rows by the
    /// manager of the lead, deal or card they are about.
    /// </summary>
    public static async Task StampSalesAsync(LetopisDb db, CancellationToken ct)
    {
        var admin = await db.Users.Where(u => u.NormalizedUserName == "ADMIN" || u.NormalizedUserName == "DIRECTOR")
            .OrderBy(u => u.NormalizedUserName).Select(u => u.Id).FirstAsync(ct);
        await db.ChangeRecords.Where(r => r.UserId == null && r.EntityKind == Leads.Lead.AuditKind)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.At, r => db.Leads.Where(l => l.Id == r.EntityId).Select(l => l.CreatedAt).First())
                .SetProperty(r => r.UserId, r => db.Leads.Where(l => l.Id == r.EntityId).Select(l => l.ResponsibleId).First() ?? admin), ct);
        await db.ChangeRecords.Where(r => r.UserId == null && r.EntityKind == Deals.Deal.AuditKind)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.At, r => db.Deals.Where(d => d.Id == r.EntityId).Select(d => d.CreatedAt).First())
                .SetProperty(r => r.UserId, r => db.Deals.Where(d => d.Id == r.EntityId).Select(d => d.ResponsibleId).First() ?? admin), ct);
        await db.ChangeRecords.Where(r => r.UserId == null && r.EntityKind == Activity.AuditKind)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.At, r => db.Activities.Where(a => a.Id == r.EntityId).Select(a => a.CreatedAt).First())
                .SetProperty(r => r.UserId, r => db.Activities.Where(a => a.Id == r.EntityId).Select(a => (Guid?)a.PlannedById).First()), ct);
        await db.ChangeRecords.Where(r => r.UserId == null && r.EntityKind == Document.AuditKind)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UserId, r => db.Documents.Where(d => d.Id == r.EntityId)
                .Join(db.Deals, d => d.DealId, x => x.Id, (d, x) => x.ResponsibleId).FirstOrDefault() ?? admin), ct);
        var setUp = new[] { Deals.Pipeline.AuditKind, Deals.PipelineStage.AuditKind, ReferenceItem.AuditKind };
        await db.ChangeRecords.Where(r => r.UserId == null && setUp.Contains(r.EntityKind))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UserId, admin), ct);
        await db.TimelineEvents.Where(t => t.UserId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UserId, t =>
                db.Deals.Where(d => d.Id == t.DealId).Select(d => d.ResponsibleId).FirstOrDefault()
                ?? db.Leads.Where(l => l.Id == t.LeadId).Select(l => l.ResponsibleId).FirstOrDefault()
                ?? db.Counterparties.Where(c => c.Id == t.CounterpartyId).Select(c => c.ResponsibleId).FirstOrDefault()
                ?? admin), ct);
    }

    /// <summary>
    /// A done call was planned first and done later; a signed contract was a draft first. The
    /// outcome's fields become a change of their own, at the time and by the person of the outcome.
    /// </summary>
    private static async Task OutcomesAsync(LetopisDb db, DateTime now, CancellationToken ct)
    {
        var done = await db.Activities.AsNoTracking().Where(a => a.CompletedAt != null)
            .ToDictionaryAsync(a => a.Id, a => (At: a.CompletedAt!.Value, By: a.CompletedById), ct);
        var doneRows = await db.ChangeRecords
            .Where(r => r.UserId == null && r.EntityKind == Activity.AuditKind && ActivityOutcome.Contains(r.Field)).ToListAsync(ct);
        foreach (var row in doneRows)
        {
            if (!done.TryGetValue(row.EntityId, out var outcome))
                continue;
            row.Operation = ChangeOperation.Updated;
            row.At = outcome.At;
            row.UserId = outcome.By;
            if (row.Field == "status")
                row.OldValue = nameof(ActivityStatus.Planned);
        }

        var decided = await db.Documents.AsNoTracking().Where(d => d.Status != DocumentStatus.Draft)
            .Select(d => new { d.Id, d.CreatedAt, d.RegisteredOn, d.SignedByUsOn, d.CreatedById })
            .ToDictionaryAsync(d => d.Id, ct);
        var documentRows = await db.ChangeRecords
            .Where(r => r.UserId == null && r.EntityKind == Document.AuditKind && DocumentOutcome.Contains(r.Field)).ToListAsync(ct);
        foreach (var row in documentRows)
        {
            if (!decided.TryGetValue(row.EntityId, out var document))
                continue;
            row.Operation = ChangeOperation.Updated;
            row.At = DemoDocuments.DecidedAt(document.CreatedAt, document.RegisteredOn, document.SignedByUsOn, now);
            row.UserId = document.CreatedById;
            if (row.Field == "status")
                row.OldValue = nameof(DocumentStatus.Draft);
        }
        await db.SaveChangesAsync(ct);
    }
}
