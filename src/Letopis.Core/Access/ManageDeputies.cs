using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Access;

public sealed record DeputyshipDto(
    Guid Id, Guid PrincipalId, string PrincipalName, Guid DeputyId, string DeputyName,
    DateOnly StartsOn, DateOnly EndsOn, string? Reason, bool ActiveToday, int Version);

/// <summary>A deputy for a period of absence.</summary>
/// <param name="PrincipalId">Who is absent; defaults to the caller. Heads set deputies for their department, admins for anyone.</param>
/// <param name="DeputyId">Who acts for them.</param>
/// <param name="StartsOn">First day of the absence.</param>
/// <param name="EndsOn">Last day of the absence.</param>
/// <param name="Reason">Vacation, business trip, sick leave…</param>
public sealed record SetDeputyRequest(Guid? PrincipalId, Guid? DeputyId, DateOnly? StartsOn, DateOnly? EndsOn, string? Reason);

public sealed class ListDeputyships(LetopisDb db, TimeProvider time, CompanyTimeZone company)
{
    /// <summary>Deputyships the user takes part in (as the absent one or the deputy) that have not ended.</summary>
    public async Task<List<DeputyshipDto>> HandleAsync(Guid userId, bool includePast, CancellationToken ct)
    {
        var today = company.Today(time);
        var query = db.Deputyships.AsNoTracking().Where(d => d.PrincipalId == userId || d.DeputyId == userId);
        if (!includePast)
            query = query.Where(d => d.EndsOn >= today);
        return await Project(query, today).ToListAsync(ct);
    }

    /// <summary>
    /// The deputyships of the people the caller manages (an administrator: everyone's; a department
    /// head: those of the people in the departments they head and below), not yet ended unless asked.
    /// </summary>
    public async Task<List<DeputyshipDto>> ManagedAsync(AccessContext access, bool includePast, CancellationToken ct)
    {
        var today = company.Today(time);
        var query = db.Deputyships.AsNoTracking();
        if (!access.IsAdmin)
        {
            var people = await DeputyAuthority.ManagedPeopleAsync(db, access.UserId, ct);
            if (people.Count == 0)
                return [];
            query = query.Where(d => people.Contains(d.PrincipalId));
        }
        if (!includePast)
            query = query.Where(d => d.EndsOn >= today);
        return await Project(query.OrderByDescending(d => d.StartsOn).ThenBy(d => d.Id).Take(DeputyAuthority.ListLimit), today).ToListAsync(ct);
    }

    /// <summary>Whether the caller arranges deputies for others: an administrator, or the head of a department.</summary>
    public async Task<bool> ManagesAnyoneAsync(AccessContext access, CancellationToken ct) =>
        access.IsAdmin || await db.Departments.AnyAsync(d => d.HeadId == access.UserId, ct);

    /// <summary>The colleagues this user stands in for today.</summary>
    public async Task<List<DeputyshipDto>> ActingForAsync(Guid deputyId, CancellationToken ct)
    {
        var today = company.Today(time);
        return await Project(db.Deputyships.AsNoTracking()
            .Where(d => d.DeputyId == deputyId && d.StartsOn <= today && d.EndsOn >= today), today).ToListAsync(ct);
    }

    internal IQueryable<DeputyshipDto> Project(IQueryable<Deputyship> query, DateOnly today) =>
        query.OrderBy(d => d.StartsOn).Select(d => new DeputyshipDto(
            d.Id, d.PrincipalId, db.Users.Where(u => u.Id == d.PrincipalId).Select(u => u.FullName).First(),
            d.DeputyId, db.Users.Where(u => u.Id == d.DeputyId).Select(u => u.FullName).First(),
            d.StartsOn, d.EndsOn, d.Reason, d.StartsOn <= today && d.EndsOn >= today, d.Version));
}

public sealed class SetDeputy(LetopisDb db, TimeProvider time, CompanyTimeZone company, ListDeputyships list, ICurrentActor actor)
{
    public async Task<Result<DeputyshipDto>> HandleAsync(AccessContext access, SetDeputyRequest request, CancellationToken ct)
    {
        var principalId = request.PrincipalId ?? access.UserId;
        var today = company.Today(time);
        var errors = new List<(string, string)>();

        var principal = await db.Users.AsNoTracking().Where(u => u.Id == principalId)
            .Select(u => new { u.Id, u.DepartmentId }).SingleOrDefaultAsync(ct);
        if (principal is null)
            return Error.Validation(("principalId", FieldErrors.NotFound));
        if (principalId != access.UserId && !access.IsAdmin && !await DeputyAuthority.IsHeadOfAsync(db, access.UserId, principal.DepartmentId, ct))
            return Error.Forbidden();

        if (request.DeputyId is not { } deputyId)
            errors.Add(("deputyId", FieldErrors.Required));
        else if (deputyId == principalId)
            errors.Add(("deputyId", "deputy_is_self"));
        else if (!await db.Users.AnyAsync(u => u.Id == deputyId && u.IsActive, ct))
            errors.Add(("deputyId", FieldErrors.NotFound));
        if (request.StartsOn is not { } starts)
            errors.Add(("startsOn", FieldErrors.Required));
        else if (starts < today)
            errors.Add(("startsOn", "in_past"));
        if (request.EndsOn is not { } ends)
            errors.Add(("endsOn", FieldErrors.Required));
        else if (request.StartsOn is { } s && ends < s)
            errors.Add(("endsOn", FieldErrors.EndBeforeStart));
        if (request.Reason?.Length > TextLimits.Name)
            errors.Add(("reason", FieldErrors.TooLong));
        else
            TextRules.Check(request.Reason?.Trim(), "reason", errors);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var from = request.StartsOn!.Value;
        var to = request.EndsOn!.Value;
        if (await db.Deputyships.AnyAsync(d => d.PrincipalId == principalId && d.StartsOn <= to && d.EndsOn >= from, ct))
            return new Error("deputyship_overlaps", "Another deputy is already set for part of this period.");

        var deputyship = new Deputyship
        {
            PrincipalId = principalId,
            DeputyId = request.DeputyId!.Value,
            StartsOn = from,
            EndsOn = to,
            Reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Deputyships.Add(deputyship);
        // The absent person's history tells who stood in for them, when, and who arranged it.
        db.ChangeRecords.Add(ChangeRecord.Of(EntityKinds.User, principalId, deputyship.CreatedAt, actor, ChangeOperation.Updated,
            DeputyAuthority.HistoryField, null, await DeputyAuthority.DescribeAsync(db, deputyship, ct)));
        await db.SaveChangesAsync(ct);
        return await list.Project(db.Deputyships.Where(d => d.Id == deputyship.Id), today).SingleAsync(ct);
    }
}

public sealed class EndDeputyship(LetopisDb db, TimeProvider time, CompanyTimeZone company, ICurrentActor actor)
{
    /// <summary>Cancels a future deputyship or ends a running one yesterday: the two people in it, the absent one's head, or an administrator.</summary>
    public async Task<Result<bool>> HandleAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var deputyship = await db.Deputyships.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (deputyship is null)
            return Error.NotFound();
        if (!access.IsAdmin && deputyship.PrincipalId != access.UserId && deputyship.DeputyId != access.UserId)
        {
            var departmentId = await db.Users.Where(u => u.Id == deputyship.PrincipalId).Select(u => u.DepartmentId).SingleOrDefaultAsync(ct);
            if (!await DeputyAuthority.IsHeadOfAsync(db, access.UserId, departmentId, ct))
                return Error.NotFound();
        }
        var today = company.Today(time);
        var before = await DeputyAuthority.DescribeAsync(db, deputyship, ct);
        if (deputyship.StartsOn >= today)
            db.Deputyships.Remove(deputyship);
        else if (deputyship.EndsOn >= today)
            deputyship.EndsOn = today.AddDays(-1);
        else
            return new Error("deputyship_ended", "This deputyship has already ended.");
        db.ChangeRecords.Add(ChangeRecord.Of(EntityKinds.User, deputyship.PrincipalId, time.GetUtcNow().UtcDateTime, actor, ChangeOperation.Updated,
            DeputyAuthority.HistoryField, before, db.Entry(deputyship).State == EntityState.Deleted ? null : await DeputyAuthority.DescribeAsync(db, deputyship, ct)));
        await db.SaveChangesAsync(ct);
        return true;
    }
}

/// <summary>Who may arrange deputies for whom, and how a deputyship reads in the absent person's history.</summary>
internal static class DeputyAuthority
{
    /// <summary>The history field of a user that records their deputies.</summary>
    public const string HistoryField = "deputy";

    /// <summary>A head's or an administrator's list is a working list, not an archive.</summary>
    public const int ListLimit = 500;

    /// <summary>«Петров Сергей Николаевич, 01.12.2026 – 07.12.2026»: the deputy and the period, as the history shows it.</summary>
    public static async Task<string> DescribeAsync(LetopisDb db, Deputyship d, CancellationToken ct)
    {
        var name = await db.Users.Where(u => u.Id == d.DeputyId).Select(u => u.FullName).SingleAsync(ct);
        return $"{name}, {d.StartsOn:dd.MM.yyyy} – {d.EndsOn:dd.MM.yyyy}";
    }

    /// <summary>Whether the user heads the department or one above it.</summary>
    public static async Task<bool> IsHeadOfAsync(LetopisDb db, Guid userId, Guid? departmentId, CancellationToken ct)
    {
        if (departmentId is null)
            return false;
        var departments = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.ParentId, d.HeadId }).ToListAsync(ct);
        foreach (var headed in departments.Where(d => d.HeadId == userId))
        {
            if (Department.SelfAndDescendants(headed.Id, departments.Select(d => (d.Id, d.ParentId))).Contains(departmentId.Value))
                return true;
        }
        return false;
    }

    /// <summary>The people in the departments the user heads, and below.</summary>
    public static async Task<List<Guid>> ManagedPeopleAsync(LetopisDb db, Guid userId, CancellationToken ct)
    {
        if (!await db.Departments.AnyAsync(d => d.HeadId == userId, ct))
            return [];
        var departments = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.ParentId, d.HeadId }).ToListAsync(ct);
        var tree = new HashSet<Guid>();
        foreach (var headed in departments.Where(d => d.HeadId == userId))
            tree.UnionWith(Department.SelfAndDescendants(headed.Id, departments.Select(d => (d.Id, d.ParentId))));
        return await db.Users.AsNoTracking().Where(u => u.DepartmentId != null && tree.Contains(u.DepartmentId.Value) && u.Id != userId)
            .Select(u => u.Id).ToListAsync(ct);
    }
}
