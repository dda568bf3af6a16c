using Letopis.Core.Calendar;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Execution;

/// <summary>
/// Arms the reminders of control points (a small domain service the plan's handlers share). Before the date:
/// the rules of the contract and of its type — a contract's rule replaces its type's rules for the same kind of
/// point — remind the responsible person, a role's members, a department's members or a named person, the given
/// number of working days before at 09:00 company time. The day after the date: an overdue notice to the
/// responsible person. The reminders engine fires each exactly once; re-arming cancels the pending ones first.
/// </summary>
public sealed class ControlPointReminders(LetopisDb db, CompanyTimeZone company, IExecutionWording? wording = null)
{
    /// <summary>Cancels the pending reminders of the points and, for the open ones, arms them anew.</summary>
    public async Task ArmAsync(IReadOnlyCollection<ControlPoint> points, DateTime now, CancellationToken ct)
    {
        if (points.Count == 0)
            return;
        await CancelAsync(points.Select(p => p.Id).ToList(), now, ct);
        var open = points.Where(p => p.Status == ControlPointStatus.Open).ToList();
        if (open.Count == 0)
            return;

        var documentIds = open.Select(p => p.DocumentId).Distinct().ToList();
        var documents = await db.Documents.AsNoTracking().Where(d => documentIds.Contains(d.Id))
            .Join(db.DocumentTypes, d => d.TypeId, t => t.Id, (d, t) => new { d.Id, d.TypeId, d.Number, d.Title, TypeName = t.Name })
            .ToDictionaryAsync(d => d.Id, ct);
        // A document created in this very save is not in the database yet.
        foreach (var added in db.ChangeTracker.Entries<Document>().Where(e => documentIds.Contains(e.Entity.Id) && !documents.ContainsKey(e.Entity.Id)))
        {
            var d = added.Entity;
            var typeName = await db.DocumentTypes.Where(t => t.Id == d.TypeId).Select(t => t.Name).SingleAsync(ct);
            documents[d.Id] = new { d.Id, d.TypeId, d.Number, d.Title, TypeName = typeName };
        }
        var typeIds = documents.Values.Select(d => d.TypeId).Distinct().ToList();
        var rules = await db.ControlReminderRules.AsNoTracking()
            .Where(r => (r.DocumentId != null && documentIds.Contains(r.DocumentId.Value)) || (r.DocumentTypeId != null && typeIds.Contains(r.DocumentTypeId.Value)))
            .ToListAsync(ct);

        var roleIds = rules.Where(r => r.RoleId != null).Select(r => r.RoleId!.Value).Distinct().ToList();
        var departmentIds = rules.Where(r => r.DepartmentId != null).Select(r => r.DepartmentId!.Value).Distinct().ToList();
        var roleMembers = (await db.UserRoles.Where(r => roleIds.Contains(r.RoleId))
            .Join(db.Users.Where(u => u.IsActive), r => r.UserId, u => u.Id, (r, u) => new { r.RoleId, u.Id }).ToListAsync(ct))
            .ToLookup(x => x.RoleId, x => x.Id);
        var departmentMembers = (await db.Users.Where(u => u.IsActive && u.DepartmentId != null && departmentIds.Contains(u.DepartmentId.Value))
            .Select(u => new { DepartmentId = u.DepartmentId!.Value, u.Id }).ToListAsync(ct))
            .ToLookup(x => x.DepartmentId, x => x.Id);

        var from = open.Min(p => p.DueOn).AddDays(-120);
        var to = open.Max(p => p.DueOn).AddDays(1);
        var overrides = await db.CalendarDays.AsNoTracking().Where(d => d.Date >= from && d.Date <= to).ToDictionaryAsync(d => d.Date, d => d.IsWorkingDay, ct);

        var planned = new List<(ControlPoint Point, Guid UserId, DateTime At, string Key)>();
        foreach (var point in open)
        {
            if (!documents.TryGetValue(point.DocumentId, out var document))
                continue;
            var own = rules.Where(r => r.DocumentId == point.DocumentId && (r.PointKind == null || r.PointKind == point.Kind)).ToList();
            var applying = own.Count > 0
                ? own
                : rules.Where(r => r.DocumentTypeId == document.TypeId && (r.PointKind == null || r.PointKind == point.Kind)).ToList();
            var seen = new HashSet<(Guid, DateTime)>();
            foreach (var rule in applying)
            {
                var day = WorkingDays.Add(point.DueOn, -Math.Max(0, rule.DaysBefore), overrides);
                var at = company.ReminderUtc(day);
                if (at <= now)
                    continue;
                var recipients = new HashSet<Guid>();
                if (rule.NotifyResponsible && point.ResponsibleId is { } responsible)
                    recipients.Add(responsible);
                if (rule.RoleId is { } roleId)
                    recipients.UnionWith(roleMembers[roleId]);
                if (rule.DepartmentId is { } departmentId)
                    recipients.UnionWith(departmentMembers[departmentId]);
                if (rule.UserId is { } userId)
                    recipients.Add(userId);
                foreach (var user in recipients.Order())
                {
                    if (seen.Add((user, at)))
                        planned.Add((point, user, at, ExecutionNotices.Reminder));
                }
            }
            var overdueAt = company.OverdueFromUtc(point.DueOn);
            if (point.ResponsibleId is { } who && overdueAt > now)
                planned.Add((point, who, overdueAt, ExecutionNotices.Overdue));
        }
        if (planned.Count == 0)
            return;

        var userIds = planned.Select(p => p.UserId).Distinct().ToList();
        var cultures = await db.Users.Where(u => userIds.Contains(u.Id) && u.IsActive).ToDictionaryAsync(u => u.Id, u => u.Culture, ct);
        foreach (var (point, userId, at, key) in planned)
        {
            if (!cultures.TryGetValue(userId, out var culture))
                continue;
            var document = documents[point.DocumentId];
            var what = document.Number is { } number ? $"{document.TypeName} № {number} «{document.Title}»" : $"{document.TypeName} «{document.Title}»";
            db.Reminders.Add(new Reminder
            {
                UserId = userId,
                DueAt = at,
                Title = ExecutionNotices.Say(wording, culture, key, point.Title, point.DueOn.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture), what),
                Body = point.Note is { Length: > TextLimits.Long } note ? note[..TextLimits.Long] : point.Note,
                Link = ExecutionNotices.Link(point.DocumentId),
                EntityKind = ControlPoint.EntityKind,
                EntityId = point.Id,
                CreatedAt = now,
            });
        }
    }

    /// <summary>Cancels the reminders of the points that have not fired yet.</summary>
    public async Task CancelAsync(IReadOnlyCollection<Guid> pointIds, DateTime now, CancellationToken ct)
    {
        foreach (var chunk in pointIds.Chunk(500))
        {
            var ids = chunk.Select(id => (Guid?)id).ToList();
            var pending = await db.Reminders
                .Where(r => r.EntityKind == ControlPoint.EntityKind && ids.Contains(r.EntityId) && r.FiredAt == null && r.CancelledAt == null)
                .ToListAsync(ct);
            pending.ForEach(r => r.CancelledAt = now);
        }
    }
}
