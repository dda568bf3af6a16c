using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Documents;

/// <summary>
/// Registers a document: validates every field, then gives it the next number of its journal and
/// saves it in one transaction, so a failed registration leaves no gap in the numbering.
/// </summary>
public sealed class RegisterDocument(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public Task<Result<DocumentDto>> HandleAsync(AccessContext access, RegisterDocumentRequest request, CancellationToken ct) =>
        HandleAsync(access, request, null, ct);

    /// <summary>
    /// Registers the document; <paramref name="within"/>, when given, runs inside the registration's
    /// transaction once the document has its number and before anything is saved, to stage rows that must
    /// commit with it (a generated file) or to refuse: its error rolls everything back, number included.
    /// </summary>
    public async Task<Result<DocumentDto>> HandleAsync(
        AccessContext access, RegisterDocumentRequest request, Func<Document, CancellationToken, Task<Error?>>? within, CancellationToken ct)
    {
        var type = await FindTypeAsync(request, ct);
        if (type is null)
            return Error.Validation(("typeCode", string.IsNullOrWhiteSpace(request.TypeCode) && request.TypeId is null ? FieldErrors.Required : FieldErrors.NotFound));

        var fields = await WithParentPartiesAsync(access, request.Fields, ct);
        // The type's default responsible person, else the caller.
        var responsible = fields.ResponsibleId.HasValue ? fields.ResponsibleId.Value : type.DefaultResponsibleId ?? access.UserId;
        // Naming oneself co-responsible is no way round it: the responsible person must be within the caller's reach.
        if (!access.Allows(Document.EntityKind, PermissionAction.Create, responsible))
            return Error.Forbidden();

        var now = time.GetUtcNow().UtcDateTime;
        var document = new Document
        {
            TypeId = type.Id,
            JournalId = type.JournalId,
            CreatedAt = now,
            CreatedById = access.UserId,
            Status = DocumentStatus.Draft,
        };
        document.RootId = document.Id;
        var (errors, parent, co) = await DocumentRules.ApplyAsync(
            db, access, document, type, fields with { ResponsibleId = responsible }, isNew: true, DateOnly.FromDateTime(now), [], ct);
        var custom = await CustomValues.PrepareAsync(db, access, CustomFieldEntities.Document, document.Id, isNew: true, fields.CustomFields, type.CustomFieldModeOf(), ct);
        errors.AddRange(custom.Errors);

        NumberPattern? pattern = null;
        RegistrationJournal? journal = null;
        if (errors.Count == 0 && type.JournalId is { } journalId)
        {
            journal = await db.RegistrationJournals.AsNoTracking().SingleAsync(j => j.Id == journalId, ct);
            pattern = NumberPattern.Parse(journal.Pattern).Pattern
                      ?? throw new InvalidOperationException($"Journal {journal.Id} holds an invalid pattern.");
            if (pattern.UsesParent && parent is null)
                errors.Add(("parentId", FieldErrors.Required));
            else if (pattern.UsesParent && parent!.Number is null)
                errors.Add(("parentId", DocumentErrors.ParentUnnumbered));
        }
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        if (parent is not null)
            document.RootId = parent.RootId;
        db.Documents.Add(document);
        foreach (var userId in co ?? [])
            db.DocumentCoResponsibles.Add(new DocumentCoResponsible { DocumentId = document.Id, UserId = userId });
        custom.Apply(db, document.Id, Document.EntityKind, now, actor);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (journal is not null && pattern is not null)
        {
            var scope = NumberPattern.ScopeOf(journal.CounterReset, document.RegisteredOn, parent?.Id);
            var counter = await JournalNumbering.NextAsync(db, journal.Id, scope, ct);
            document.Number = pattern.Format(counter, document.RegisteredOn, parent?.Number, type.Code);
        }
        // A document of a deal shows on the deal's timeline too (one row, when the deal's client is the counterparty).
        if (document.CounterpartyId is { } counterpartyId)
            Timeline.Add(db, counterpartyId, now, actor, TimelineKinds.DocumentRegistered, DocumentTimeline.Text(type.Name, document), Document.EntityKind, document.Id)
                .DealId = document.DealId;
        else if (document.DealId is { } dealId)
        {
            db.TimelineEvents.Add(new TimelineEvent
            {
                DealId = dealId,
                At = now,
                Kind = TimelineKinds.DocumentRegistered,
                Text = DocumentTimeline.Text(type.Name, document),
                UserId = actor.UserId,
                OnBehalfOfId = actor.OnBehalfOfId,
                EntityKind = Document.EntityKind,
                EntityId = document.Id,
            });
        }
        // The counter row is ours until commit, so no one else can take this number meanwhile; a
        // number can only be taken already when the journal's pattern was changed to repeat old ones.
        if (document.Number is { } taken && await db.Documents.AnyAsync(d => d.JournalId == document.JournalId && d.Number == taken, ct))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return Error.Conflict("The registration number is already taken in this journal.") with { Code = DocumentErrors.NumberTaken };
        }
        if (within is not null && await within(document, ct) is { } refused)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return refused;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (await DocumentProjection.LoadAsync(db, access, document.Id, ct))!;
    }

    /// <summary>
    /// An appendix, agreement, act or invoice under a contract is between the contract's parties: a
    /// counterparty or our legal entity left empty is taken from the parent (a hidden parent gives nothing).
    /// </summary>
    private async Task<DocumentFields> WithParentPartiesAsync(AccessContext access, DocumentFields fields, CancellationToken ct)
    {
        if (fields.ParentId.Or(null) is not { } parentId || (fields.CounterpartyId.Or(null) is not null && fields.OurCompanyId.Or(null) is not null))
            return fields;
        var parties = await db.VisibleDocuments(access).Where(d => d.Id == parentId)
            .Select(d => new { d.CounterpartyId, d.OurCompanyId }).SingleOrDefaultAsync(ct);
        if (parties is null)
            return fields;
        return fields with
        {
            CounterpartyId = fields.CounterpartyId.Or(null) is null && parties.CounterpartyId is { } cp ? cp : fields.CounterpartyId,
            OurCompanyId = fields.OurCompanyId.Or(null) is null && parties.OurCompanyId is { } oc ? oc : fields.OurCompanyId,
        };
    }

    private async Task<DocumentType?> FindTypeAsync(RegisterDocumentRequest request, CancellationToken ct)
    {
        if (request.TypeId is { } id)
            return await db.DocumentTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && !t.Archived, ct);
        var code = request.TypeCode?.Trim();
        return string.IsNullOrEmpty(code) ? null : await db.DocumentTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Code == code && !t.Archived, ct);
    }
}
