using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Execution;

/// <summary>
/// Reminder rules on control dates, per document type (the document types right) and per contract (edit rights
/// on it). A change re-arms the reminders of the open points it concerns whose dates are still ahead.
/// </summary>
public sealed class ManageControlReminders(LetopisDb db, TimeProvider time, CompanyTimeZone company, ControlPointReminders reminders)
{
    /// <summary>The most working days a reminder may come before its date.</summary>
    public const int MaxDaysBefore = 60;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<Result<IReadOnlyList<ControlReminderRuleDto>>> ListForTypeAsync(AccessContext access, string typeCode, CancellationToken ct)
    {
        var type = await TypeAsync(typeCode, ct);
        if (type is null)
            return Error.NotFound();
        return await DtosAsync(db.ControlReminderRules.Where(r => r.DocumentTypeId == type.Value.Id), ct);
    }

    public async Task<Result<ControlReminderRuleDto>> AddForTypeAsync(AccessContext access, string typeCode, ControlReminderRuleRequest request, CancellationToken ct)
    {
        var type = await TypeAsync(typeCode, ct);
        if (type is null)
            return Error.NotFound();
        if (!ManageDocumentTypes.CanManage(access, PermissionAction.Edit))
            return Error.Forbidden();
        var rule = await ValidateAsync(request, ct);
        if (!rule.IsSuccess)
            return rule.Error!;
        rule.Value.DocumentTypeId = type.Value.Id;
        return await AddAsync(access, rule.Value, ct);
    }

    public async Task<Result<IReadOnlyList<ControlReminderRuleDto>>> ListForDocumentAsync(AccessContext access, Guid documentId, CancellationToken ct)
    {
        if (!await db.VisibleDocuments(access).AnyAsync(d => d.Id == documentId, ct))
            return Error.NotFound();
        return await DtosAsync(db.ControlReminderRules.Where(r => r.DocumentId == documentId), ct);
    }

    public async Task<Result<ControlReminderRuleDto>> AddForDocumentAsync(AccessContext access, Guid documentId, ControlReminderRuleRequest request, CancellationToken ct)
    {
        var (_, denied) = await ControlPointViews.EditableAsync(db, access, documentId, ct);
        if (denied is not null)
            return denied;
        var rule = await ValidateAsync(request, ct);
        if (!rule.IsSuccess)
            return rule.Error!;
        rule.Value.DocumentId = documentId;
        return await AddAsync(access, rule.Value, ct);
    }

    public async Task<Result<bool>> DeleteAsync(AccessContext access, Guid ruleId, CancellationToken ct)
    {
        var rule = await db.ControlReminderRules.SingleOrDefaultAsync(r => r.Id == ruleId, ct);
        if (rule is null)
            return Error.NotFound();
        if (rule.DocumentId is { } documentId)
        {
            var (_, denied) = await ControlPointViews.EditableAsync(db, access, documentId, ct);
            if (denied is not null)
                return denied;
        }
        else if (!ManageDocumentTypes.CanManage(access, PermissionAction.Edit))
        {
            return Error.Forbidden();
        }
        db.ControlReminderRules.Remove(rule);
        await db.SaveChangesAsync(ct);
        await RearmAsync(rule, ct);
        return true;
    }

    private async Task<Result<ControlReminderRuleDto>> AddAsync(AccessContext access, ControlReminderRule rule, CancellationToken ct)
    {
        rule.CreatedAt = Now;
        rule.CreatedById = access.UserId;
        db.ControlReminderRules.Add(rule);
        await db.SaveChangesAsync(ct);
        await RearmAsync(rule, ct);
        return (await DtosAsync(db.ControlReminderRules.Where(r => r.Id == rule.Id), ct))[0];
    }

    /// <summary>
    /// The open points the rule concerns, with dates from today on, get their reminders anew. The rule is saved
    /// first so that arming sees it; the reminders follow in a save of their own (a rule without its reminders
    /// for a moment is harmless, and re-arming is idempotent).
    /// </summary>
    private async Task RearmAsync(ControlReminderRule rule, CancellationToken ct)
    {
        var today = company.Today(time);
        var points = db.ControlPoints.Where(p => p.Status == ControlPointStatus.Open && p.DueOn >= today);
        if (rule.DocumentId is { } documentId)
            points = points.Where(p => p.DocumentId == documentId);
        else
            points = points.Where(p => db.Documents.Any(d => d.Id == p.DocumentId && d.TypeId == rule.DocumentTypeId && !d.Deleted));
        if (rule.PointKind is { } kind)
            points = points.Where(p => p.Kind == kind);
        var list = await points.OrderBy(p => p.Id).ToListAsync(ct);
        foreach (var chunk in list.Chunk(500))
        {
            await reminders.ArmAsync(chunk, Now, ct);
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task<Result<ControlReminderRule>> ValidateAsync(ControlReminderRuleRequest r, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        ControlPointKind? kind = null;
        if (!string.IsNullOrWhiteSpace(r.PointKind))
        {
            kind = ApiNames.Parse<ControlPointKind>(r.PointKind);
            if (kind is null)
                errors.Add(("pointKind", FieldErrors.Invalid));
        }
        var days = r.DaysBefore ?? 1;
        if (days is < 0 or > MaxDaysBefore)
            errors.Add(("daysBefore", FieldErrors.OutOfRange));
        if (r.RoleId is { } roleId && !await db.Roles.AnyAsync(x => x.Id == roleId, ct))
            errors.Add(("roleId", FieldErrors.NotFound));
        if (r.DepartmentId is { } departmentId && !await db.Departments.AnyAsync(x => x.Id == departmentId, ct))
            errors.Add(("departmentId", FieldErrors.NotFound));
        if (r.UserId is { } userId)
        {
            var active = await db.Users.Where(u => u.Id == userId).Select(u => (bool?)u.IsActive).SingleOrDefaultAsync(ct);
            if (active is null)
                errors.Add(("userId", FieldErrors.NotFound));
            else if (active == false)
                errors.Add(("userId", ExecutionErrors.Inactive));
        }
        var responsible = r.NotifyResponsible ?? (r.RoleId is null && r.DepartmentId is null && r.UserId is null);
        if (!responsible && r.RoleId is null && r.DepartmentId is null && r.UserId is null)
            errors.Add(("notifyResponsible", ExecutionErrors.NoRecipient));
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        return new ControlReminderRule
        {
            PointKind = kind,
            DaysBefore = days,
            NotifyResponsible = responsible,
            RoleId = r.RoleId,
            DepartmentId = r.DepartmentId,
            UserId = r.UserId,
        };
    }

    private async Task<(Guid Id, string Code)?> TypeAsync(string code, CancellationToken ct)
    {
        var type = await db.DocumentTypes.AsNoTracking().Where(t => t.Code == code).Select(t => new { t.Id, t.Code }).SingleOrDefaultAsync(ct);
        return type is null ? null : (type.Id, type.Code);
    }

    private async Task<List<ControlReminderRuleDto>> DtosAsync(IQueryable<ControlReminderRule> rules, CancellationToken ct)
    {
        var list = await rules.AsNoTracking().OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(ct);
        var typeIds = list.Where(r => r.DocumentTypeId != null).Select(r => r.DocumentTypeId!.Value).Distinct().ToList();
        var types = await db.DocumentTypes.AsNoTracking().Where(t => typeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Code, ct);
        var roleIds = list.Where(r => r.RoleId != null).Select(r => r.RoleId!.Value).Distinct().ToList();
        var roles = await db.Roles.AsNoTracking().Where(x => roleIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.DisplayName, ct);
        var departmentIds = list.Where(r => r.DepartmentId != null).Select(r => r.DepartmentId!.Value).Distinct().ToList();
        var departments = await db.Departments.AsNoTracking().Where(x => departmentIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var userIds = list.Where(r => r.UserId != null).Select(r => r.UserId!.Value).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(x => userIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.FullName, ct);
        return list.Select(r => new ControlReminderRuleDto(
            r.Id, r.DocumentTypeId, r.DocumentTypeId is { } t ? types.GetValueOrDefault(t) : null, r.DocumentId,
            r.PointKind is { } k ? ApiNames.Of(k) : null, r.DaysBefore, r.NotifyResponsible,
            r.RoleId, r.RoleId is { } role ? roles.GetValueOrDefault(role) : null,
            r.DepartmentId, r.DepartmentId is { } d ? departments.GetValueOrDefault(d) : null,
            r.UserId, r.UserId is { } u ? users.GetValueOrDefault(u) : null)).ToList();
    }
}
