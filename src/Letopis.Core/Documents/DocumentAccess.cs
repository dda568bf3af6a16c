using System.Linq.Expressions;
using Letopis.Core.Access;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore.Query;

namespace Letopis.Core.Documents;

/// <summary>
/// Who sees which documents (ADR 0015). A document's own people: the <c>document</c> scope of the
/// role on the responsible person, as for every scoped record, and besides that every
/// co-responsible user (a co-responsible sees the document even when its responsible is outside the
/// caller's scope). For reading, access also follows the tree: whoever may read a document's parent
/// or its root (the contract) reads it too — the appendices, acts and invoices under a contract
/// belong to whoever holds the contract, as in Russian document systems. Editing stays with a
/// document's own people. Every document query — cards, lists, trees, files, the counterparty's
/// badges and timeline — starts here; a document that does not pass simply does not exist for the
/// caller (404). An approver also reads the documents of their approval tasks; the addressee, executors and controllers read their letters. Deleted documents never pass, nor do they pass their visibility down.
/// </summary>
public static class DocumentAccess
{
    public static IQueryable<Document> VisibleDocuments(this LetopisDb db, AccessContext access, PermissionAction action = PermissionAction.Read)
    {
        var documents = db.Documents.Where(d => !d.Deleted);
        var scope = access.ScopeFor(Document.EntityKind, action);
        switch (scope)
        {
            case AccessScope.All:
                return documents;
            case AccessScope.None:
                return documents.Where(_ => false);
        }
        var own = Own(db, access, scope);
        if (action != PermissionAction.Read)
            return documents.Where(own);
        // The parent and the root are found by key (primary key lookups), so the inherited part is
        // two indexed EXISTS per row; the document's own part keeps its index on the responsible person.
        // Its own copy of the predicate: one parameter object in both the outer and the inner lambda
        // confuses the query compiler.
        var holders = db.Documents.Where(d => !d.Deleted).Where(Own(db, access, scope));
        // An approver reads what they are asked to approve, and what they decided, whoever holds it:
        // the card and the exact file are what the decision is about. Found by the tasks' indexes on
        // the assignee and the decider, an IN list rather than a lookup per document.
        var me = access.UserId;
        var approving = db.ApprovalTasks.Where(t => t.AssigneeId == me || t.DecidedById == me).Select(t => t.DocumentId);
        // A letter reaches whoever it is addressed to and whoever must act on it: the executors and
        // co-executors of its assignments (the inbox index on the user), their controllers and the
        // resolution's author — found by indexes, as the approvers are.
        var executing = db.AssignmentExecutors.Where(x => x.UserId == me)
            .Join(db.Assignments, x => x.AssignmentId, a => a.Id, (x, a) => a.DocumentId);
        var controlling = db.Assignments.Where(a => a.ControllerId == me).Select(a => a.DocumentId);
        return documents.Where(own.OrElse(d =>
            (d.ParentId != null && holders.Any(p => p.Id == d.ParentId))
            || (d.RootId != d.Id && holders.Any(r => r.Id == d.RootId))
            || approving.Contains(d.Id)
            || d.AddresseeId == me
            || executing.Contains(d.Id)
            || controlling.Contains(d.Id)));
    }

    /// <summary>Whether the caller may act on a document with this responsible and these co-responsible users.</summary>
    /// <remarks>
    /// Only a document's own people: used for edits, which do not follow the tree. Reads go through
    /// <see cref="VisibleDocuments"/>, which does.
    /// </remarks>
    public static bool Allows(AccessContext access, PermissionAction action, Guid? responsibleId, IEnumerable<Guid> coResponsibleIds) =>
        access.Allows(Document.EntityKind, action, responsibleId, coResponsibleIds);

    /// <summary>The documents the caller reaches by their own responsible or co-responsible people.</summary>
    private static Expression<Func<Document, bool>> Own(LetopisDb db, AccessContext access, AccessScope scope)
    {
        var me = access.UserId;
        var shared = db.DocumentCoResponsibles.Where(c => c.UserId == me).Select(c => c.DocumentId);
        if (scope == AccessScope.Own)
            return d => d.ResponsibleId == me || shared.Contains(d.Id);
        var users = access.UsersIn(scope).ToList();
        return d => (d.ResponsibleId != null && users.Contains(d.ResponsibleId.Value)) || shared.Contains(d.Id);
    }

    private static Expression<Func<Document, bool>> OrElse(this Expression<Func<Document, bool>> left, Expression<Func<Document, bool>> right)
    {
        var parameter = left.Parameters[0];
        var body = ReplacingExpressionVisitor.Replace(right.Parameters[0], parameter, right.Body);
        return Expression.Lambda<Func<Document, bool>>(Expression.OrElse(left.Body, body), parameter);
    }
}
