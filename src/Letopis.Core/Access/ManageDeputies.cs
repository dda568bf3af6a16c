using Letopis.Core.Common;
using Letopis.Core.Data;
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

public sealed class SetDeputy(LetopisDb db, TimeProvider time, CompanyTimeZone company, ListDeputyships list)
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
        if (principalId != access.UserId && !access.IsAdmin && !await IsHeadOfAsync(access.UserId, principal.DepartmentId, ct))
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
        await db.SaveChangesAsync(ct);
        return await list.Project(db.Deputyships.Where(d => d.Id == deputyship.Id), today).SingleAsync(ct);
    }

    private async Task<bool> IsHeadOfAsync(Guid userId, Guid? departmentId, CancellationToken ct)
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
}

public sealed class EndDeputyship(LetopisDb db, TimeProvider time, CompanyTimeZone company)
{
    /// <summary>Cancels a future deputyship or ends a running one yesterday.</summary>
    public async Task<Result<bool>> HandleAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var deputyship = await db.Deputyships.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (deputyship is null || (!access.IsAdmin && deputyship.PrincipalId != access.UserId && deputyship.DeputyId != access.UserId))
            return Error.NotFound();
        var today = company.Today(time);
        if (deputyship.StartsOn >= today)
            db.Deputyships.Remove(deputyship);
        else if (deputyship.EndsOn >= today)
            deputyship.EndsOn = today.AddDays(-1);
        else
            return new Error("deputyship_ended", "This deputyship has already ended.");
        await db.SaveChangesAsync(ct);
        return true;
    }
}
