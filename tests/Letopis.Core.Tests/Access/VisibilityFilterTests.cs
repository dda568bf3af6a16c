using Letopis.Core.Access;
using Letopis.Core.Data;
using Letopis.Infrastructure.Data;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Tests.Access;

/// <summary>
/// The generic visibility filter on a real database of each provider. A probe entity stands in for
/// the CRM and document records that use the same <see cref="IScopedRecord"/> contract.
/// </summary>
public class VisibilityFilterTests
{
    public sealed class ProbeRecord : IScopedRecord
    {
        public Guid Id { get; set; } = Guid.CreateVersion7();

        public string Name { get; set; } = "";

        public Guid? ResponsibleId { get; set; }
    }

    private sealed class ProbeDb(DbContextOptions<LetopisDb> options) : LetopisDb(options)
    {
        public DbSet<ProbeRecord> Probes => Set<ProbeRecord>();
    }

    private sealed class World : IAsyncDisposable
    {
        public required ProbeDb Db { get; init; }

        public Dictionary<string, Guid> Users { get; } = [];

        public Dictionary<string, Guid> Roles { get; } = [];

        public ValueTask DisposeAsync() => Db.DisposeAsync();

        public async Task<List<string>> VisibleAsync(string user, PermissionAction action = PermissionAction.Read)
        {
            var access = await AccessContext.LoadAsync(Db, Users[user], CancellationToken.None);
            return await Db.Probes.VisibleTo(access, "counterparty", action).Select(p => p.Name).OrderBy(n => n).ToListAsync();
        }
    }

    // Company → Sales → Sales East; Company → Legal.
    private static async Task<World> BuildAsync(string provider)
    {
        var folder = Directory.CreateTempSubdirectory("letopis-access-").FullName;
        var options = new DbContextOptionsBuilder<LetopisDb>();
        DatabaseRegistration.Configure(options, provider, TestDatabases.CreateEmpty(provider, folder));
        var db = new ProbeDb(options.Options);
        await db.Database.EnsureCreatedAsync();
        var world = new World { Db = db };

        foreach (var role in BuiltInRoles.All)
        {
            var r = new AppRole { Id = Guid.CreateVersion7(), Name = role, NormalizedName = role.ToUpperInvariant(), IsBuiltIn = true };
            db.Roles.Add(r);
            world.Roles[role] = r.Id;
            foreach (var (kind, action, scope) in DefaultPermissions.For(role))
                db.RolePermissions.Add(new RolePermission { RoleId = r.Id, EntityKind = kind, Action = action, Scope = scope });
        }

        var company = new Department { Name = "Компания" };
        var sales = new Department { Name = "Продажи", ParentId = company.Id };
        var east = new Department { Name = "Продажи Восток", ParentId = sales.Id };
        var legal = new Department { Name = "Юристы", ParentId = company.Id };
        db.Departments.AddRange(company, sales, east, legal);

        void User(string name, Department? department, string role)
        {
            var user = new AppUser { Id = Guid.CreateVersion7(), UserName = name, NormalizedUserName = name.ToUpperInvariant(), FullName = name, DepartmentId = department?.Id };
            db.Users.Add(user);
            db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<Guid> { UserId = user.Id, RoleId = world.Roles[role] });
            world.Users[name] = user.Id;
        }

        User("admin", null, BuiltInRoles.Admin);
        User("headSales", sales, BuiltInRoles.Head);
        User("empSales", sales, BuiltInRoles.Employee);
        User("empEast", east, BuiltInRoles.Employee);
        User("empLegal", legal, BuiltInRoles.Employee);
        await db.SaveChangesAsync();

        db.Probes.AddRange(
            new ProbeRecord { Name = "east", ResponsibleId = world.Users["empEast"] },
            new ProbeRecord { Name = "head", ResponsibleId = world.Users["headSales"] },
            new ProbeRecord { Name = "legal", ResponsibleId = world.Users["empLegal"] },
            new ProbeRecord { Name = "nobody", ResponsibleId = null },
            new ProbeRecord { Name = "sales", ResponsibleId = world.Users["empSales"] });
        await db.SaveChangesAsync();
        return world;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task VisibleTo_EmployeeOfAnotherDepartment_SeesNoneOfItsRecords(string provider)
    {
        await using var world = await BuildAsync(provider);

        (await world.VisibleAsync("empLegal")).ShouldBe(["legal"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task VisibleTo_Employee_SeesOwnDepartmentButNotSubDepartments(string provider)
    {
        await using var world = await BuildAsync(provider);

        (await world.VisibleAsync("empSales")).ShouldBe(["head", "sales"]);
        (await world.VisibleAsync("empEast")).ShouldBe(["east"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task VisibleTo_Head_SeesDepartmentAndEverythingBelow(string provider)
    {
        await using var world = await BuildAsync(provider);

        (await world.VisibleAsync("headSales")).ShouldBe(["east", "head", "sales"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task VisibleTo_Admin_SeesEverything(string provider)
    {
        await using var world = await BuildAsync(provider);

        (await world.VisibleAsync("admin")).ShouldBe(["east", "head", "legal", "nobody", "sales"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task VisibleTo_EditScopeOwn_LimitsEditingToOwnRecords(string provider)
    {
        await using var world = await BuildAsync(provider);

        (await world.VisibleAsync("empSales", PermissionAction.Edit)).ShouldBe(["sales"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task VisibleTo_AfterAdminNarrowsRoleToNone_HidesEverything(string provider)
    {
        await using var world = await BuildAsync(provider);
        var cells = await world.Db.RolePermissions
            .Where(p => p.RoleId == world.Roles[BuiltInRoles.Employee] && p.EntityKind == "counterparty" && p.Action == PermissionAction.Read)
            .ToListAsync();
        cells.ForEach(c => c.Scope = AccessScope.None);
        await world.Db.SaveChangesAsync();

        (await world.VisibleAsync("empSales")).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Allows_AgreesWithTheQueryFilterForEveryRecord(string provider)
    {
        await using var world = await BuildAsync(provider);
        var all = await world.Db.Probes.AsNoTracking().ToListAsync();

        foreach (var user in world.Users.Keys)
        {
            var access = await AccessContext.LoadAsync(world.Db, world.Users[user], CancellationToken.None);
            var visible = await world.VisibleAsync(user);
            foreach (var record in all)
                access.Allows("counterparty", PermissionAction.Read, record.ResponsibleId).ShouldBe(visible.Contains(record.Name), $"{user} / {record.Name}");
        }
    }
}
