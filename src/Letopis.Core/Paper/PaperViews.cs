using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Paper;

/// <summary>Copies and movements as the API shows them: the names of places, people, documents read in one batch per list.</summary>
internal static class PaperViews
{
    public static async Task<List<PaperCopyDto>> CopiesAsync(LetopisDb db, IReadOnlyList<PaperCopy> copies, DateOnly today, CancellationToken ct)
    {
        if (copies.Count == 0)
            return [];
        var documentIds = copies.Select(c => c.DocumentId).Distinct().ToList();
        var documents = await db.Documents.AsNoTracking().Where(d => documentIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Number, d.Title, d.CounterpartyId }).ToDictionaryAsync(d => d.Id, ct);
        var counterpartyIds = documents.Values.Where(d => d.CounterpartyId != null).Select(d => d.CounterpartyId!.Value).Distinct().ToList();
        var counterparties = await db.Counterparties.AsNoTracking().Where(c => counterpartyIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var places = await PlacesAsync(db, copies.Where(c => c.StoragePlaceId != null).Select(c => c.StoragePlaceId!.Value), ct);
        var users = await UsersAsync(db, copies.Where(c => c.HolderId != null).Select(c => c.HolderId!.Value), ct);
        var departmentIds = copies.Where(c => c.HolderDepartmentId != null).Select(c => c.HolderDepartmentId!.Value).Distinct().ToList();
        var departments = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Name }).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return [.. copies.Select(c =>
        {
            var document = documents[c.DocumentId];
            return new PaperCopyDto(
                c.Id, c.DocumentId, document.Number, document.Title, document.CounterpartyId,
                document.CounterpartyId is { } cp ? counterparties.GetValueOrDefault(cp) : null,
                ApiNames.Of(c.Kind), c.Number, ApiNames.Of(c.Owner), ApiNames.Of(c.State),
                c.StoragePlaceId is { } p ? places.GetValueOrDefault(p) : null,
                c.HolderId is { } h ? users.GetValueOrDefault(h) : null,
                c.HolderDepartmentId, c.HolderDepartmentId is { } dep ? departments.GetValueOrDefault(dep) : null,
                Instant(c.OutSince), c.DueBack, IsOverdue(c, today), c.Purpose,
                c.SentMethod is { } m ? ApiNames.Of(m) : null, c.TrackingNumber, c.Note, c.Version);
        })];
    }

    public static bool IsOverdue(PaperCopy c, DateOnly today) => c.State == PaperCopyState.Out && c.DueBack is { } due && due < today;

    /// <summary>The original the card names first: ours before the counterparty's, the lowest number first.</summary>
    public static PaperWhereaboutsDto? Original(IEnumerable<PaperCopyDto> copies)
    {
        var original = copies.Where(c => c.Kind == ApiNames.Of(PaperCopyKind.Original))
            .OrderBy(c => c.Owner == ApiNames.Of(PaperCopyOwner.Ours) ? 0 : 1).ThenBy(c => c.Number).FirstOrDefault();
        return original is null ? null : new PaperWhereaboutsDto(original.Id, original.Number, original.Owner, original.State,
            original.StoragePlace, original.Holder, original.OutSince, original.DueBack, original.Overdue, original.SentMethod, original.TrackingNumber);
    }

    public static async Task<List<PaperMovementDto>> MovementsAsync(LetopisDb db, IReadOnlyList<PaperMovement> movements, CancellationToken ct)
    {
        if (movements.Count == 0)
            return [];
        var copyIds = movements.Select(m => m.CopyId).Distinct().ToList();
        var copies = await db.PaperCopies.AsNoTracking().Where(c => copyIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Kind, c.Number }).ToDictionaryAsync(c => c.Id, ct);
        var places = await PlacesAsync(db, movements.SelectMany(m => new[] { m.FromPlaceId, m.ToPlaceId }).Where(p => p != null).Select(p => p!.Value), ct);
        var users = await UsersAsync(db, movements.SelectMany(m => new[] { m.ById, m.HolderId }).Where(u => u != null).Select(u => u!.Value), ct);
        return [.. movements.Select(m => new PaperMovementDto(
            m.Id, m.CopyId, ApiNames.Of(copies[m.CopyId].Kind), copies[m.CopyId].Number, ApiNames.Of(m.Kind), Instant(m.At)!.Value,
            m.ById is { } by ? users.GetValueOrDefault(by) : null,
            m.HolderId is { } h ? users.GetValueOrDefault(h) : null,
            m.Purpose, m.DueBack, Instant(m.ReturnedAt),
            m.FromPlaceId is { } f ? places.GetValueOrDefault(f) : null,
            m.ToPlaceId is { } t ? places.GetValueOrDefault(t) : null,
            m.Method is { } method ? ApiNames.Of(method) : null, m.TrackingNumber, m.Note))];
    }

    public static async Task<Dictionary<Guid, StoragePlaceRefDto>> PlacesAsync(LetopisDb db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return list.Count == 0 ? [] : await db.StoragePlaces.AsNoTracking().Where(p => list.Contains(p.Id))
            .Select(p => new StoragePlaceRefDto(p.Id, p.Name, p.Path)).ToDictionaryAsync(p => p.Id, ct);
    }

    public static async Task<Dictionary<Guid, DocumentPersonDto>> UsersAsync(LetopisDb db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return list.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => list.Contains(u.Id))
            .Select(u => new DocumentPersonDto(u.Id, u.FullName)).ToDictionaryAsync(u => u.Id, ct);
    }

    public static DateTimeOffset? Instant(DateTime? utc) =>
        utc is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}
