namespace Letopis.Core.Access;

/// <summary>Entity kinds that carry permissions and history. Features add theirs here.</summary>
public static class EntityKinds
{
    public const string User = "user";
    public const string Department = "department";
    public const string Role = "role";

    /// <summary>
    /// Record kinds whose visibility is decided by the responsible person's department: the kinds that
    /// exist. Rows of kinds no longer listed may remain in old databases; they are never read.
    /// </summary>
    public static readonly string[] Scoped = ["counterparty", "contact", "lead", "deal", "activity", "document"];

    public static bool IsScoped(string kind) => Scoped.Contains(kind);

    /// <summary>Custom field definitions: a setting, not a record, so only "none" or not in the matrix counts.</summary>
    public const string CustomField = "customField";

    /// <summary>Document types and registration journals: a setting like custom fields.</summary>
    public const string DocumentType = "documentType";

    /// <summary>Pipelines and their stages (the lead stages and the deal pipelines): a setting like document types.</summary>
    public const string Pipeline = "pipeline";

    /// <summary>
    /// The outcome of leads: its edit right moves a converted or junk lead back out of the final
    /// stage (the created records stay); create and delete mean nothing for it.
    /// </summary>
    public const string LeadOutcome = "leadOutcome";

    /// <summary>Templates of generated documents: creating, editing and archiving them. Generating from one needs only the rights on the record.</summary>
    public const string Template = "template";

    /// <summary>
    /// Approval schemes and the control of running routes: create and edit schemes, publish
    /// versions (create, edit); move, cancel, restart routes and reassign their tasks (edit).
    /// Starting a route and deciding one's own task need only the rights on the document.
    /// </summary>
    public const string Approval = "approval";

    /// <summary>
    /// Office work («делопроизводство»): the tree of storage places (create, edit, delete), the lists
    /// of everyone's paper copies out and overdue and their handover acts (edit); holders of the edit
    /// right are the office staff told of overdue returns. Recording and handing out a document's
    /// copies needs only the rights on the document.
    /// </summary>
    public const string Paper = "paper";

    /// <summary>Kinds of settings whose create, edit and delete rights are given per role; everyone reads them.</summary>
    public static readonly string[] Settings = [CustomField, DocumentType, Pipeline, LeadOutcome, Template, Approval, Paper];

    /// <summary>Every row of the permission matrix: record kinds, then settings.</summary>
    public static readonly string[] InMatrix = [.. Scoped, .. Settings];

    public static bool IsInMatrix(string kind) => InMatrix.Contains(kind);

    public static bool IsSetting(string kind) => Settings.Contains(kind);
}

public enum PermissionAction
{
    Read,
    Create,
    Edit,
    Delete,
}

/// <summary>How far a permission reaches (the Bitrix24 model), ordered from narrowest to widest.</summary>
public enum AccessScope
{
    None = 0,

    /// <summary>Records the user is responsible or co-responsible for.</summary>
    Own = 1,

    /// <summary>Own records plus those whose responsible person is in the user's department.</summary>
    Department = 2,

    /// <summary>Own records plus those of the user's department and every department below it.</summary>
    DepartmentTree = 3,

    All = 4,
}

/// <summary>One cell of the permission matrix: what a role may do with a kind of record, and how far.</summary>
public class RolePermission
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid RoleId { get; set; }

    public string EntityKind { get; set; } = "";

    public PermissionAction Action { get; set; }

    public AccessScope Scope { get; set; }
}

/// <summary>The permissions a built-in role starts with; admins change them per role and kind.</summary>
public static class DefaultPermissions
{
    public static IEnumerable<(string Kind, PermissionAction Action, AccessScope Scope)> For(string role)
    {
        foreach (var kind in EntityKinds.Scoped)
        {
            foreach (var action in Enum.GetValues<PermissionAction>())
            {
                var scope = role switch
                {
                    BuiltInRoles.Admin => AccessScope.All,
                    BuiltInRoles.Head => AccessScope.DepartmentTree,
                    BuiltInRoles.Employee => action switch
                    {
                        PermissionAction.Read => AccessScope.Department,
                        PermissionAction.Delete => AccessScope.Own,
                        _ => AccessScope.Own,
                    },
                    _ => AccessScope.None,
                };
                yield return (kind, action, scope);
            }
        }
    }
}
