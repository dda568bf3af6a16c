using Letopis.Core.Access;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Documents;

/// <summary>Builds the card and its parts from the database, showing only what the caller may see.</summary>
internal static class DocumentProjection
{
    public static async Task<DocumentDto?> LoadAsync(LetopisDb db, AccessContext access, Guid id, CancellationToken ct)
    {
        var row = await (
            from doc in db.VisibleDocuments(access).AsNoTracking()
            join t in db.DocumentTypes on doc.TypeId equals t.Id
            where doc.Id == id
            select new
            {
                Doc = doc,
                TypeCode = t.Code,
                TypeName = t.Name,
                t.Kind,
                t.Gender,
                CounterpartyName = db.Counterparties.Where(c => c.Id == doc.CounterpartyId).Select(c => c.Name).FirstOrDefault(),
                OurCompanyName = db.OurCompanies.Where(c => c.Id == doc.OurCompanyId).Select(c => c.Name).FirstOrDefault(),
                ResponsibleName = db.Users.Where(u => u.Id == doc.ResponsibleId).Select(u => u.FullName).FirstOrDefault(),
                AddresseeName = db.Users.Where(u => u.Id == doc.AddresseeId).Select(u => u.FullName).FirstOrDefault(),
                LiveRoute = db.ApprovalRoutes.Any(r => r.DocumentId == doc.Id
                    && (r.Status == Approvals.ApprovalRouteStatus.Running || r.Status == Approvals.ApprovalRouteStatus.Rework)),
                TypeHasScheme = db.ApprovalSchemes.Any(s => s.DocumentTypeId == doc.TypeId && s.PublishedVersionId != null),
            }).SingleOrDefaultAsync(ct);
        if (row is null)
            return null;
        var d = row.Doc;

        var coResponsible = await (
            from c in db.DocumentCoResponsibles
            join u in db.Users on c.UserId equals u.Id
            where c.DocumentId == id
            orderby u.FullName
            select new DocumentPersonDto(u.Id, u.FullName)).ToListAsync(ct);

        var parent = d.ParentId is { } pid ? (await SummariesAsync(db, db.VisibleDocuments(access).Where(p => p.Id == pid), ct)).FirstOrDefault() : null;
        var children = await SummariesAsync(db, db.VisibleDocuments(access).Where(c => c.ParentId == id), ct);
        var links = await LinksAsync(db, access, id, ct);
        var files = await FilesAsync(db, id, ct);
        var custom = await CustomValues.ReadAsync(db, CustomFieldEntities.Document, id, ct);
        var replyTo = d.ReplyToId is { } rid ? (await SummariesAsync(db, db.VisibleDocuments(access).Where(p => p.Id == rid), ct)).FirstOrDefault() : null;
        var replies = await SummariesAsync(db, db.VisibleDocuments(access).Where(r => r.ReplyToId == id), ct);

        return new DocumentDto(
            d.Id, d.TypeId, row.TypeCode, row.TypeName, ApiNames.Of(row.Kind), d.Number, d.RegisteredOn, d.JournalId,
            d.Title, d.Summary, d.CounterpartyId, row.CounterpartyName, d.OurCompanyId, row.OurCompanyName,
            d.ParentId, parent, d.RootId,
            Document.FromMinor(d.AmountMinor), d.VatRate, Document.FromMinor(d.VatAmountMinor), d.Currency,
            SignedOn(d), d.SignedByUsOn, d.SignedByCounterpartyOn, d.ValidFrom, d.ValidTo,
            d.ResponsibleId, row.ResponsibleName, coResponsible,
            DocumentStatuses.ToApi(d.Status), DocumentStatuses.ManualAfter(d.Status, row.LiveRoute, row.TypeHasScheme).Select(DocumentStatuses.ToApi).ToList(),
            d.IncomingNumber, d.IncomingDate, custom, children, links, files, d.CreatedAt, d.CreatedById, d.Version)
        {
            TypeGender = ApiNames.Of(DocumentType.GenderOf(row.Gender, row.Kind)),
            DealId = d.DealId,
            DeliveryMethod = d.DeliveryMethod is { } method ? ApiNames.Of(method) : null,
            Pages = d.Pages,
            Attachments = d.Attachments,
            AddresseeId = d.AddresseeId,
            Addressee = d.AddresseeId is { } aid && row.AddresseeName is { } an ? new DocumentPersonDto(aid, an) : null,
            ReplyToId = replyTo?.Id,
            ReplyTo = replyTo,
            Replies = replies,
            SentOn = d.SentOn,
            TrackingNumber = d.TrackingNumber,
        };
    }

    /// <summary>The date the document became signed by both parties.</summary>
    public static DateOnly? SignedOn(Document d) =>
        d.SignedByUsOn is { } us && d.SignedByCounterpartyOn is { } them ? (us > them ? us : them) : null;

    /// <summary>Summaries of the documents of a (visible) query, in registration order.</summary>
    public static async Task<List<DocumentSummaryDto>> SummariesAsync(LetopisDb db, IQueryable<Document> documents, CancellationToken ct)
    {
        var rows = await (
            from d in documents.AsNoTracking()
            join t in db.DocumentTypes on d.TypeId equals t.Id
            orderby d.RegisteredOn, d.Id
            select new { d.Id, d.Number, d.RegisteredOn, t.Code, t.Name, t.Kind, t.Gender, d.Title, d.Status, d.AmountMinor, d.Currency })
            .Take(1000)
            .ToListAsync(ct);
        return rows.Select(r => new DocumentSummaryDto(
            r.Id, r.Number, r.RegisteredOn, r.Code, r.Name, ApiNames.Of(r.Kind), r.Title, DocumentStatuses.ToApi(r.Status),
            Document.FromMinor(r.AmountMinor), r.Currency)
        { TypeGender = ApiNames.Of(DocumentType.GenderOf(r.Gender, r.Kind)) }).ToList();
    }

    public static async Task<List<DocumentLinkDto>> LinksAsync(LetopisDb db, AccessContext access, Guid id, CancellationToken ct)
    {
        var links = await db.DocumentLinks.AsNoTracking()
            .Where(l => l.FromId == id || l.ToId == id)
            .OrderBy(l => l.CreatedAt)
            .Select(l => new { l.Id, l.Kind, l.FromId, l.ToId })
            .ToListAsync(ct);
        if (links.Count == 0)
            return [];
        var others = links.Select(l => l.FromId == id ? l.ToId : l.FromId).Distinct().ToList();
        var summaries = (await SummariesAsync(db, db.VisibleDocuments(access).Where(d => others.Contains(d.Id)), ct)).ToDictionary(s => s.Id);
        return links
            .Where(l => summaries.ContainsKey(l.FromId == id ? l.ToId : l.FromId))
            .Select(l => new DocumentLinkDto(
                l.Id, ApiNames.Of(l.Kind), l.FromId == id ? "out" : "in", summaries[l.FromId == id ? l.ToId : l.FromId]))
            .ToList();
    }

    public static async Task<List<DocumentFileSummaryDto>> FilesAsync(LetopisDb db, Guid id, CancellationToken ct) =>
        await (
            from f in db.DocumentFiles.AsNoTracking()
            join v in db.DocumentFileVersions on new { FileId = f.Id, Version = f.CurrentVersion } equals new { v.FileId, v.Version }
            where f.DocumentId == id && !f.Deleted
            orderby f.CreatedAt
            select new DocumentFileSummaryDto(f.Id, f.Name, f.CurrentVersion, v.Size, v.ContentType, v.Sha256, v.UploadedAt, v.UploadedById))
            .ToListAsync(ct);
}
