using Letopis.Core.Access;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Correspondence;

/// <summary>
/// «Канцелярия»: the secretary's day starts here. Of the letters the caller sees: incoming ones
/// awaiting registration (the card lacks the sender's number or date, or a scan), awaiting a
/// resolution (none written, no reply sent), awaiting a reply (assignments open or reported and
/// no reply sent); outgoing ones awaiting sending. Each list counts all and shows the first, oldest first.
/// </summary>
public sealed class ReadCorrespondenceDesk(LetopisDb db, AssignmentWork work)
{
    public const int Shown = 50;

    public async Task<CorrespondenceDeskDto> HandleAsync(AccessContext access, CancellationToken ct)
    {
        var visible = db.VisibleDocuments(access);
        var incoming = visible.Where(d => db.DocumentTypes.Any(t => t.Id == d.TypeId && t.Kind == DocumentKind.IncomingLetter));
        var outgoing = visible.Where(d => db.DocumentTypes.Any(t => t.Id == d.TypeId && t.Kind == DocumentKind.OutgoingLetter));
        var live = new[] { AssignmentStatus.Open, AssignmentStatus.Reported };
        var unanswered = incoming.Where(d => !db.Documents.Any(r => r.ReplyToId == d.Id && !r.Deleted && r.SentOn != null));

        var registration = incoming.Where(d => d.IncomingNumber == null || d.IncomingDate == null
            || !db.DocumentFiles.Any(f => f.DocumentId == d.Id && !f.Deleted));
        var resolution = unanswered.Where(d => !db.Resolutions.Any(r => r.DocumentId == d.Id));
        var reply = unanswered.Where(d => db.Assignments.Any(a => a.DocumentId == d.Id && live.Contains(a.Status)));
        var sending = outgoing.Where(d => d.SentOn == null);

        return new CorrespondenceDeskDto(
            await ListAsync(registration, ct), await ListAsync(resolution, ct), await ListAsync(reply, ct, byDue: true), await ListAsync(sending, ct));
    }

    private async Task<DeskListDto> ListAsync(IQueryable<Document> letters, CancellationToken ct, bool byDue = false)
    {
        var live = new[] { AssignmentStatus.Open, AssignmentStatus.Reported };
        var count = await letters.CountAsync(ct);
        var projected =
            from d in letters.AsNoTracking()
            join t in db.DocumentTypes on d.TypeId equals t.Id
            let nearest = db.Assignments.Where(a => a.DocumentId == d.Id && live.Contains(a.Status)).Min(a => (DateOnly?)a.DueOn)
            select new
            {
                d.Id, d.Number, d.RegisteredOn, t.Code, d.Title, d.IncomingNumber, d.IncomingDate, d.AddresseeId, d.CreatedAt,
                CounterpartyName = db.Counterparties.Where(c => c.Id == d.CounterpartyId).Select(c => c.Name).FirstOrDefault(),
                AddresseeName = db.Users.Where(u => u.Id == d.AddresseeId).Select(u => u.FullName).FirstOrDefault(),
                Nearest = nearest,
                Open = db.Assignments.Count(a => a.DocumentId == d.Id && live.Contains(a.Status)),
            };
        var ordered = byDue
            ? projected.OrderBy(r => r.Nearest).ThenBy(r => r.RegisteredOn).ThenBy(r => r.Id)
            : projected.OrderBy(r => r.RegisteredOn).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id);
        var rows = await ordered.Take(Shown).ToListAsync(ct);
        var today = work.Today;
        return new DeskListDto(count, rows.Select(r => new DeskLetterDto(
            r.Id, r.Number, r.RegisteredOn, r.Code, r.Title, r.CounterpartyName, r.IncomingNumber, r.IncomingDate,
            r.AddresseeId is { } a ? new DocumentPersonDto(a, r.AddresseeName ?? "") : null, r.Nearest, r.Open,
            r.Nearest is { } n && n < today)).ToList());
    }
}
