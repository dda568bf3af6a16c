using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Access;

/// <summary>A department as the tree and cards show it.</summary>
public sealed record DepartmentDto(Guid Id, string Name, Guid? ParentId, Guid? HeadId, string? HeadName, int MemberCount, int Version);

/// <summary>A new department.</summary>
/// <param name="Name">Department name, unique among its siblings.</param>
/// <param name="ParentId">The department it belongs to; none for a top-level one.</param>
/// <param name="HeadId">The head of the department (a user).</param>
public sealed record CreateDepartmentRequest(string? Name, Guid? ParentId, Guid? HeadId);

public sealed record UpdateDepartmentRequest(
    Optional<string?> Name,
    Optional<Guid?> ParentId,
    Optional<Guid?> HeadId,
    int? Version,
    int? IfMatchVersion);

public sealed class ListDepartments(LetopisDb db)
{
    /// <summary>The whole tree, flat, parents before children: companies have tens of departments, not thousands.</summary>
    public async Task<List<DepartmentDto>> HandleAsync(CancellationToken ct)
    {
        var rows = await Query(db.Departments).ToListAsync(ct);
        var byParent = rows.ToLookup(r => r.ParentId);
        var ordered = new List<DepartmentDto>(rows.Count);
        void Walk(Guid? parent)
        {
            foreach (var d in byParent[parent].OrderBy(d => d.Name, StringComparer.CurrentCulture))
            {
                ordered.Add(d);
                Walk(d.Id);
            }
        }
        Walk(null);
        return ordered;
    }

    public async Task<Result<DepartmentDto>> GetAsync(Guid id, CancellationToken ct) =>
        await Query(db.Departments.Where(d => d.Id == id)).SingleOrDefaultAsync(ct) is { } d ? d : Error.NotFound();

    internal IQueryable<DepartmentDto> Query(IQueryable<Department> departments) =>
        departments.AsNoTracking().Select(d => new DepartmentDto(
            d.Id, d.Name, d.ParentId, d.HeadId,
            db.Users.Where(u => u.Id == d.HeadId).Select(u => u.FullName).FirstOrDefault(),
            db.Users.Count(u => u.DepartmentId == d.Id),
            d.Version));
}

public sealed class CreateDepartment(LetopisDb db, ListDepartments list)
{
    public async Task<Result<DepartmentDto>> HandleAsync(AccessContext access, CreateDepartmentRequest request, CancellationToken ct)
    {
        if (!access.IsAdmin)
            return Error.Forbidden();
        var errors = await DepartmentRules.ValidateAsync(db, null, request.Name, request.ParentId, request.HeadId, ct);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        var department = new Department { Name = request.Name!.Trim(), ParentId = request.ParentId, HeadId = request.HeadId };
        db.Departments.Add(department);
        await db.SaveChangesAsync(ct);
        return await list.GetAsync(department.Id, ct);
    }
}

public sealed class UpdateDepartment(LetopisDb db, ListDepartments list)
{
    public async Task<Result<DepartmentDto>> HandleAsync(AccessContext access, Guid id, UpdateDepartmentRequest request, CancellationToken ct)
    {
        if (!access.IsAdmin)
            return Error.Forbidden();
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (department is null)
            return Error.NotFound();
        if (VersionCheck.Fails(department.Version, request.Version, request.IfMatchVersion) is { } stale)
            return stale;
        var name = request.Name.Or(department.Name);
        var parentId = request.ParentId.Or(department.ParentId);
        var headId = request.HeadId.Or(department.HeadId);
        var errors = await DepartmentRules.ValidateAsync(db, id, name, parentId, headId, ct);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        department.Name = name!.Trim();
        department.ParentId = parentId;
        department.HeadId = headId;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return await list.GetAsync(id, ct);
    }
}

public sealed class DeleteDepartment(LetopisDb db)
{
    public async Task<Result<bool>> HandleAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        if (!access.IsAdmin)
            return Error.Forbidden();
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (department is null)
            return Error.NotFound();
        if (await db.Departments.AnyAsync(d => d.ParentId == id, ct) || await db.Users.AnyAsync(u => u.DepartmentId == id, ct))
            return new Error("department_not_empty", "The department still has members or sub-departments.");
        db.Departments.Remove(department);
        await db.SaveChangesAsync(ct);
        return true;
    }
}

internal static class DepartmentRules
{
    public static async Task<List<(string, string)>> ValidateAsync(
        LetopisDb db, Guid? id, string? name, Guid? parentId, Guid? headId, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(name))
            errors.Add(("name", FieldErrors.Required));
        else if (name.Trim().Length > TextLimits.Name)
            errors.Add(("name", FieldErrors.TooLong));
        else if (TextRules.Check(name.Trim(), "name", errors) && await db.Departments.AnyAsync(d => d.ParentId == parentId && d.Name == name.Trim() && d.Id != id, ct))
            errors.Add(("name", FieldErrors.Duplicate));
        if (parentId is { } p)
        {
            var parents = await db.Departments.Select(d => new { d.Id, d.ParentId }).ToDictionaryAsync(d => d.Id, d => d.ParentId, ct);
            if (!parents.ContainsKey(p))
                errors.Add(("parentId", FieldErrors.NotFound));
            else if (id is { } self && Department.WouldCreateCycle(self, p, parents))
                errors.Add(("parentId", FieldErrors.Cycle));
        }
        if (headId is { } h && !await db.Users.AnyAsync(u => u.Id == h, ct))
            errors.Add(("headId", FieldErrors.NotFound));
        return errors;
    }
}
