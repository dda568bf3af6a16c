using Letopis.Core.Common;
using Microsoft.AspNetCore.Identity;

namespace Letopis.Core.Access;

public class AppUser : IdentityUser<Guid>, IVersioned, IAudited
{
    public static string AuditKind => EntityKinds.User;

    public string FullName { get; set; } = "";

    /// <summary>The position held («Менеджер по продажам»), shown beside the name.</summary>
    public string? Position { get; set; }

    public Guid? DepartmentId { get; set; }

    public Department? Department { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Preferred UI and e-mail language: "ru" or "en".</summary>
    public string Culture { get; set; } = "ru";

    /// <summary>The IANA time zone the user reads and enters times in; null: the company's (<c>Letopis:TimeZone</c>).</summary>
    public string? TimeZone { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }

    /// <summary>
    /// Ends every cookie and access token issued so far: each carries the security stamp it was
    /// issued under, and every request compares it with this one.
    /// </summary>
    public void EndSessions() => SecurityStamp = Guid.NewGuid().ToString("N");
}

public class AppRole : IdentityRole<Guid>, IVersioned
{
    /// <summary>Built-in roles cannot be renamed or deleted.</summary>
    public bool IsBuiltIn { get; set; }

    public string DisplayName { get; set; } = "";

    public int Version { get; set; }
}

public static class BuiltInRoles
{
    public const string Admin = "admin";
    public const string Head = "head";
    public const string Employee = "employee";

    public static readonly string[] All = [Admin, Head, Employee];
}
