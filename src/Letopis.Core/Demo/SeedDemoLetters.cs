using Letopis.Core.Common;
using Letopis.Core.Correspondence;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.History;
using Letopis.Core.Paper;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Demo;

/// <summary>
/// Gives the demo company's incoming letters their correspondence: the sender's delivery method,
/// pages and the director as addressee; the older letters a resolution whose assignments were done
/// (a report accepted, the other closed by a reply that was sent); newer ones assignments still
/// open — one with a co-executor, one overdue, one reported and waiting for the controller; the
/// newest awaits its resolution. Runs once, after the demo documents.
/// </summary>
public sealed class SeedDemoLetters(LetopisDb db, AssignmentWork work, TimeProvider time, CompanyTimeZone company)
{
    private static readonly DeliveryMethod[] Methods = [DeliveryMethod.Post, DeliveryMethod.Email, DeliveryMethod.Courier, DeliveryMethod.Edo, DeliveryMethod.ByHand];

    public async Task<bool> HandleAsync(CancellationToken ct)
    {
        if (await db.Resolutions.AnyAsync(ct))
            return false;
        var users = await db.Users.AsNoTracking().Where(u => u.UserName != null)
            .Select(u => new { u.Id, u.UserName, u.DepartmentId }).ToDictionaryAsync(u => u.UserName!, ct);
        string[] needed = ["director", "lebedev", "morozova", "popova", "volkov", "zaitseva", "sekretar"];
        if (needed.Any(l => !users.ContainsKey(l)))
            return false;
        var types = await db.DocumentTypes.AsNoTracking()
            .Where(t => t.Code == SeedDocumentTypes.IncomingLetter || t.Code == SeedDocumentTypes.OutgoingLetter)
            .ToDictionaryAsync(t => t.Code, ct);
        if (types.Count < 2)
            return false;
        var letters = await db.Documents.Where(d => d.TypeId == types[SeedDocumentTypes.IncomingLetter].Id && !d.Deleted)
            .OrderBy(d => d.RegisteredOn).ThenBy(d => d.Id).ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var today = company.Today(time);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Every step of the correspondence needs a letter: a small demo gets letters of its own from recent days.
        var senders = await db.Counterparties.AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id).Select(c => c.Id).Take(5).ToListAsync(ct);
        for (var extra = letters.Count; extra < 6; extra++)
        {
            var on = today.AddDays(extra - 12);
            var letter = await NewLetterAsync(types[SeedDocumentTypes.IncomingLetter], "О согласовании графика работ",
                senders.Count > 0 ? senders[extra % senders.Count] : null, users["sekretar"].Id, on, null, now, ct);
            letter.IncomingNumber = $"{100 + extra * 7}/{on:yy}";
            letter.IncomingDate = on.AddDays(-2);
            letters.Insert(0, letter);
        }
        letters = [.. letters.OrderBy(d => d.RegisteredOn).ThenBy(d => d.Id)];
        var director = users["director"].Id;
        for (var i = 0; i < letters.Count; i++)
        {
            letters[i].AddresseeId = director;
            letters[i].DeliveryMethod = Methods[i % Methods.Length];
            letters[i].Pages = 1 + i % 4;
            letters[i].Attachments = i % 2 == 0 ? "График поставки на 1 л." : null;
        }

        // The newest letter awaits its resolution; the three before it have assignments at work; the older ones are answered.
        var newest = letters.Count - 1;
        var answered = letters.Take(newest - 3).ToList();
        foreach (var letter in answered)
        {
            var at = Moment(letter.CreatedAt.AddDays(1), now);
            var resolution = Resolve(letter, director, "Подготовить ответ, согласовать с юристом", at);
            var check = Assign(letter, resolution, 1, "Проверить новые сроки поставки по графику", users["popova"].Id, users["popova"].DepartmentId,
                director, letter.RegisteredOn.AddDays(10), at, [users["zaitseva"].Id]);
            var draft = Assign(letter, resolution, 2, "Подготовить проект ответа", users["morozova"].Id, users["morozova"].DepartmentId,
                users["lebedev"].Id, letter.RegisteredOn.AddDays(10), at, []);
            var reportAt = Moment(at.AddDays(3), now);
            db.AssignmentReports.Add(new AssignmentReport
            {
                AssignmentId = check.Id,
                AuthorId = check.ExecutorId,
                Text = "Сроки сверены с графиком, перенос допустим",
                At = reportAt,
                Outcome = AssignmentReportOutcome.Accepted,
                ReviewedAt = Moment(reportAt.AddHours(2), now),
                ReviewedById = director,
            });
            Close(check, AssignmentStatus.Done, AssignmentClosure.Accepted, Moment(reportAt.AddHours(2), now), director);

            var replyOn = letter.RegisteredOn.AddDays(5) < today ? letter.RegisteredOn.AddDays(5) : today;
            var reply = await NewLetterAsync(types[SeedDocumentTypes.OutgoingLetter], "Ответ на письмо «" + letter.Title + "»", letter.CounterpartyId,
                users["sekretar"].Id, replyOn, letter, now, ct);
            Close(draft, AssignmentStatus.Done, AssignmentClosure.Reply, reply.CreatedAt, users["sekretar"].Id);
            draft.ReplyDocumentId = reply.Id;
        }

        var working = letters.Skip(answered.Count).Take(3).ToList();
        for (var i = 0; i < working.Count; i++)
        {
            var letter = working[i];
            var at = Moment(letter.CreatedAt.AddHours(4), now);
            var resolution = Resolve(letter, director, "Рассмотреть и доложить", at);
            var (lead, text, due, controller, co) = (i % 3) switch
            {
                0 => ("popova", "Согласовать с поставщиком новый график", today.AddDays(7), (Guid?)director, new[] { users["zaitseva"].Id }),
                1 => ("volkov", "Подготовить претензию о просрочке поставки", today.AddDays(-3), (Guid?)director, Array.Empty<Guid>()),
                _ => ("morozova", "Оценить правовые последствия переноса сроков", today.AddDays(2), (Guid?)users["lebedev"].Id, Array.Empty<Guid>()),
            };
            var assignment = Assign(letter, resolution, 1, text, users[lead].Id, users[lead].DepartmentId, controller, due, at, co);
            if (i % 3 == 2)
            {
                assignment.Status = AssignmentStatus.Reported;
                db.AssignmentReports.Add(new AssignmentReport
                {
                    AssignmentId = assignment.Id,
                    AuthorId = assignment.ExecutorId,
                    Text = "Риски незначительные, заключение приложено",
                    At = Moment(at.AddHours(20), now),
                });
            }
            else
            {
                await work.ArmAsync(assignment, letter, new[] { assignment.ExecutorId }.Concat(co), ct);
            }
        }
        // The secretary registers the letters and records their details: the history names her, not nobody.
        db.RecordAs = new Activities.ActingActor(users["sekretar"].Id, null);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private static DateTime Moment(DateTime at, DateTime now) => at < now ? at : now;

    private Resolution Resolve(Document letter, Guid author, string text, DateTime at)
    {
        var resolution = new Resolution { DocumentId = letter.Id, AuthorId = author, Text = text, CreatedAt = at };
        db.Resolutions.Add(resolution);
        db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, letter.Id, at, new Activities.ActingActor(author, null), ChangeOperation.Updated, CorrespondenceNotices.HistoryResolution, null, text));
        return resolution;
    }

    private Assignment Assign(Document letter, Resolution resolution, int number, string text, Guid lead, Guid? department, Guid? controller,
        DateOnly due, DateTime at, Guid[] coExecutors)
    {
        var assignment = new Assignment
        {
            DocumentId = letter.Id,
            ResolutionId = resolution.Id,
            Number = number,
            Text = text,
            ExecutorId = lead,
            DepartmentId = department,
            ControllerId = controller,
            AuthorId = resolution.AuthorId,
            DueOn = due,
            Status = AssignmentStatus.Open,
            CreatedAt = at,
        };
        db.Assignments.Add(assignment);
        db.AssignmentExecutors.Add(new AssignmentExecutor { AssignmentId = assignment.Id, UserId = lead, Lead = true, Open = true, DueOn = due });
        foreach (var co in coExecutors.Where(c => c != lead))
            db.AssignmentExecutors.Add(new AssignmentExecutor { AssignmentId = assignment.Id, UserId = co, Open = true, DueOn = due });
        return assignment;
    }

    private void Close(Assignment assignment, AssignmentStatus status, AssignmentClosure closure, DateTime at, Guid by)
    {
        assignment.Status = status;
        assignment.Closure = closure;
        assignment.ClosedAt = at;
        assignment.ClosedById = by;
        foreach (var row in db.ChangeTracker.Entries<AssignmentExecutor>().Where(e => e.Entity.AssignmentId == assignment.Id))
            row.Entity.Open = false;
    }

    /// <summary>A letter numbered in its journal; a reply (to <paramref name="answers"/>) is sent by post on the day it was registered.</summary>
    private async Task<Document> NewLetterAsync(DocumentType type, string title, Guid? counterpartyId, Guid secretary, DateOnly on, Document? answers,
        DateTime now, CancellationToken ct)
    {
        var morning = TimeZones.DayStartUtc(on, company.Zone).AddHours(11);
        title = title.Length > Document.TitleMax ? title[..Document.TitleMax] : title;
        var letter = new Document
        {
            TypeId = type.Id,
            JournalId = type.JournalId,
            Title = title,
            TitleNormalized = title.ToUpperInvariant(),
            RegisteredOn = on,
            CounterpartyId = counterpartyId,
            OurCompanyId = answers?.OurCompanyId,
            ResponsibleId = secretary,
            Status = DocumentStatus.Signed,
            CreatedAt = Moment(morning, now),
            CreatedById = secretary,
        };
        if (answers is not null)
        {
            letter.ReplyToId = answers.Id;
            letter.SentOn = on;
            letter.DeliveryMethod = DeliveryMethod.Post;
            letter.TrackingNumber = "8010" + (Math.Abs(answers.Id.GetHashCode()) % 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
            letter.SignedByUsOn = on;
        }
        letter.RootId = letter.Id;
        if (type.JournalId is { } journalId)
        {
            var journal = await db.RegistrationJournals.AsNoTracking().SingleAsync(j => j.Id == journalId, ct);
            var pattern = NumberPattern.Parse(journal.Pattern).Pattern!;
            var counter = await JournalNumbering.NextAsync(db, journalId, NumberPattern.ScopeOf(journal.CounterReset, on, null), ct);
            letter.Number = pattern.Format(counter, on, null, type.Code);
        }
        db.Documents.Add(letter);
        if (counterpartyId is { } cid)
        {
            Timeline.Add(db, cid, letter.CreatedAt, new Activities.ActingActor(secretary, null), TimelineKinds.DocumentRegistered, DocumentTimeline.Text(type.Name, letter), Document.EntityKind, letter.Id);
            if (answers is not null)
                Timeline.Add(db, cid, letter.CreatedAt, new Activities.ActingActor(secretary, null), CorrespondenceNotices.TimelineSent, DocumentTimeline.Text(type.Name, letter), Document.EntityKind, letter.Id);
        }
        return letter;
    }
}
