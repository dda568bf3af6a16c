using Letopis.Core.Access;
using Letopis.Core.Data;

namespace Letopis.Core.Documents;

/// <summary>
/// Who sees which documents: the <c>document</c> scope of the role on the responsible person, as
/// for every scoped record, and besides that every co-responsible user within the scope's reach
/// (a co-responsible sees the document even when its responsible is outside the caller's scope).
/// Every document query — cards, lists, trees, files, search results — starts here; a document
/// that does not pass simply does not exist for the caller (404). Deleted documents never pass.
/// </summary>
public static class DocumentAccess
{
    public static IQueryable<Document> VisibleDocuments(this LetopisDb db, AccessContext access, PermissionAction action = PermissionAction.Read)
    {
        var documents = db.Documents.Where(d => !d.Deleted);
        var scope = access.ScopeFor(Document.EntityKind, action);
        var me = access.UserId;
        var shared = db.DocumentCoResponsibles.Where(c => c.UserId == me).Select(c => c.DocumentId);
        switch (scope)
        {
            case AccessScope.All:
                return documents;
            case AccessScope.None:
                return documents.Where(_ => false);
            case AccessScope.Own:
                return documents.Where(d => d.ResponsibleId == me || shared.Contains(d.Id));
            default:
                var users = access.UsersIn(scope).ToList();
                return documents.Where(d => (d.ResponsibleId != null && users.Contains(d.ResponsibleId.Value)) || shared.Contains(d.Id));
        }
    }

    /// <summary>Whether the caller may act on a document with this responsible and these co-responsible users.</summary>
    public static bool Allows(AccessContext access, PermissionAction action, Guid? responsibleId, IEnumerable<Guid> coResponsibleIds) =>
        access.Allows(Document.EntityKind, action, responsibleId, coResponsibleIds);
}
