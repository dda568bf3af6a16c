using Letopis.Core.Access;
using Letopis.Core.Activities;
using Letopis.Core.Calendar;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.Notifications;
using Letopis.Core.Paper;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Demo;

/// <summary>
/// Gives the demo company its archive (Офис → Архив → Шкаф 1 → Полка 2 → Папка «Договоры 2026»),
/// the originals of its contracts lying there, a few handed out — two of them overdue, with the
/// lawyer and the sales head — one sent to a client by courier, and the secretary as the office
/// staff who are told of overdue returns. Runs once.
/// </summary>
public sealed class SeedDemoPaper(LetopisDb db, WorkingCalendar calendar, TimeProvider time, CompanyTimeZone company, IPaperWording? wording = null)
{
    public const string OfficeRole = "office";

    public async Task<bool> HandleAsync(CancellationToken ct)
    {
        if (await db.StoragePlaces.AnyAsync(ct))
            return false;
        var users = await db.Users.AsNoTracking().Where(u => u.UserName != null)
            .Select(u => new { u.Id, u.UserName, u.FullName, u.DepartmentId }).ToDictionaryAsync(u => u.UserName!, ct);
        if (!users.ContainsKey("sekretar") || !users.ContainsKey("morozova") || !users.ContainsKey("petrov") || !users.ContainsKey("lebedev"))
            return false;
        var contractType = await db.DocumentTypes.AsNoTracking().Where(t => t.Code == SeedDocumentTypes.Contract)
            .Select(t => new { t.Id, t.Name }).SingleOrDefaultAsync(ct);
        if (contractType is null)
            return false;
        var contracts = await db.Documents.AsNoTracking()
            .Where(d => !d.Deleted && d.TypeId == contractType.Id
                && (d.Status == DocumentStatus.Signed || d.Status == DocumentStatus.InForce || d.Status == DocumentStatus.Executed))
            .OrderBy(d => d.RegisteredOn).ThenBy(d => d.Id)
            .Take(14).ToListAsync(ct);
        if (contracts.Count < 6)
            return false;

        var now = time.GetUtcNow().UtcDateTime;
        var today = company.Today(time);
        ICurrentActor secretary = new ActingActor(users["sekretar"].Id, null);

        // Every movement is also a line of the document's history and of the counterparty's timeline, as a handler writes it.
        void Move(PaperCopy copy, Document document, PaperMovement movement, string detail)
        {
            movement.CopyId = copy.Id;
            movement.DocumentId = document.Id;
            movement.ById = secretary.UserId;
            db.PaperMovements.Add(movement);
            PaperHistory.Record(db, document, contractType.Name, copy, movement.Kind, detail, movement.At, secretary);
        }

        // The secretary keeps the archive: the role of the office staff.
        var role = new AppRole { Id = Guid.CreateVersion7(), Name = OfficeRole, NormalizedName = OfficeRole.ToUpperInvariant(), DisplayName = "Канцелярия (делопроизводство)" };
        db.Roles.Add(role);
        foreach (var action in new[] { PermissionAction.Create, PermissionAction.Edit, PermissionAction.Delete })
            db.RolePermissions.Add(new RolePermission { RoleId = role.Id, EntityKind = EntityKinds.Paper, Action = action, Scope = AccessScope.All });
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = users["sekretar"].Id, RoleId = role.Id });

        StoragePlace Place(string name, StoragePlace? parent) => Add(new StoragePlace
        {
            Name = name,
            ParentId = parent?.Id,
            Path = parent is null ? name : parent.Path + StoragePlace.Separator + name,
            CreatedAt = now.AddDays(-200),
        });
        var office = Place("Офис", null);
        var archive = Place("Архив", office);
        var cabinet = Place("Шкаф 1", archive);
        var shelf = Place("Полка 2", cabinet);
        var folder = Place("Папка «Договоры 2026»", shelf);
        Place("Полка 1", cabinet);
        Place("Шкаф 2", archive);
        var desk = Place("Канцелярия, входящие", office);

        var copies = new List<(PaperCopy Copy, Document Document, string What)>();
        foreach (var contract in contracts)
        {
            var placedAt = contract.CreatedAt.AddDays(3);
            var copy = new PaperCopy
            {
                DocumentId = contract.Id,
                Kind = PaperCopyKind.Original,
                Number = 1,
                Owner = PaperCopyOwner.Ours,
                State = PaperCopyState.InPlace,
                StoragePlaceId = folder.Id,
                CreatedAt = placedAt,
                CreatedById = users["sekretar"].Id,
                Version = 1,
            };
            db.PaperCopies.Add(copy);
            Move(copy, contract, new PaperMovement { Kind = PaperMovementKind.Placed, At = placedAt, ToPlaceId = folder.Id }, folder.Path);
            var what = contract.Number is { } n ? $"{contractType.Name} № {n} «{contract.Title}», № 1" : $"{contractType.Name} «{contract.Title}», № 1";
            copies.Add((copy, contract, what));
        }
        // A copy of the first contract for the sales department's desk.
        var spare = new PaperCopy
        {
            DocumentId = contracts[0].Id,
            Kind = PaperCopyKind.Copy,
            Number = 2,
            Owner = PaperCopyOwner.Ours,
            State = PaperCopyState.InPlace,
            StoragePlaceId = desk.Id,
            CreatedAt = now.AddDays(-30),
            CreatedById = users["sekretar"].Id,
            Version = 1,
        };
        db.PaperCopies.Add(spare);
        Move(spare, contracts[0], new PaperMovement { Kind = PaperMovementKind.Placed, At = spare.CreatedAt, ToPlaceId = desk.Id }, desk.Path);

        // Handed out: two overdue (the lawyer, the sales head), two due later, one came back.
        var lateLawyer = await calendar.AddWorkingDaysAsync(today, -3, ct);
        var lateManager = await calendar.AddWorkingDaysAsync(today, -1, ct);
        await HandOutAsync(copies[0], users["morozova"].Id, users["morozova"].DepartmentId, "Подготовка претензии", lateLawyer, now.AddDays(-12), ct);
        await HandOutAsync(copies[1], users["petrov"].Id, users["petrov"].DepartmentId, "Сверка с клиентом", lateManager, now.AddDays(-6), ct);
        await HandOutAsync(copies[2], users["lebedev"].Id, users["lebedev"].DepartmentId, "Для суда", await calendar.AddWorkingDaysAsync(today, 5, ct), now.AddDays(-1), ct);
        await HandOutAsync(copies[3], users["ivanova"].Id, users["ivanova"].DepartmentId, "Показать клиенту на встрече", await calendar.AddWorkingDaysAsync(today, 1, ct), now.AddHours(-3), ct);
        var (returnedCopy, returnedDocument, _) = copies[4];
        var lawyer = users["morozova"];
        Move(returnedCopy, returnedDocument, new PaperMovement
        {
            Kind = PaperMovementKind.HandedOut,
            At = now.AddDays(-20),
            HolderId = lawyer.Id,
            Purpose = "Проверка реквизитов",
            DueBack = today.AddDays(-15),
            ReturnedAt = now.AddDays(-16),
            FromPlaceId = folder.Id,
        }, PaperHistory.HandedOut(lawyer.FullName, today.AddDays(-15), "Проверка реквизитов"));
        Move(returnedCopy, returnedDocument, new PaperMovement { Kind = PaperMovementKind.Returned, At = now.AddDays(-16), HolderId = lawyer.Id, ToPlaceId = folder.Id },
            PaperHistory.Returned(lawyer.FullName, folder.Path));

        // Sent to the client for signature by courier.
        var (sent, sentDocument, _) = copies[5];
        sent.State = PaperCopyState.Sent;
        sent.SentMethod = DeliveryMethod.Courier;
        sent.TrackingNumber = "1234567890";
        sent.OutSince = now.AddDays(-2);
        Move(sent, sentDocument, new PaperMovement
        {
            Kind = PaperMovementKind.Sent,
            At = sent.OutSince.Value,
            Method = DeliveryMethod.Courier,
            TrackingNumber = sent.TrackingNumber,
            FromPlaceId = folder.Id,
        }, PaperHistory.Sent(DeliveryMethod.Courier, sent.TrackingNumber));

        await db.SaveChangesAsync(ct);
        return true;

        async Task HandOutAsync((PaperCopy Copy, Document Document, string What) item, Guid holderId, Guid? departmentId, string purpose, DateOnly dueBack, DateTime at, CancellationToken token)
        {
            var copy = item.Copy;
            copy.State = PaperCopyState.Out;
            copy.HolderId = holderId;
            copy.HolderDepartmentId = departmentId;
            copy.OutSince = at;
            copy.DueBack = dueBack;
            copy.Purpose = purpose;
            var holderName = users.Values.Single(u => u.Id == holderId).FullName;
            Move(copy, item.Document, new PaperMovement
            {
                Kind = PaperMovementKind.HandedOut,
                At = at,
                HolderId = holderId,
                Purpose = purpose,
                DueBack = dueBack,
                FromPlaceId = copy.StoragePlaceId,
            }, PaperHistory.HandedOut(holderName, dueBack, purpose));
            // The same reminders a hand-out arms; those already due fire as the server starts.
            var link = PaperNotices.Link(copy.DocumentId);
            var remindAt = company.ReminderUtc(await calendar.AddWorkingDaysAsync(dueBack, -1, token));
            if (remindAt > now)
                db.Reminders.Add(Reminder(copy, holderId, remindAt, PaperNotices.Title(wording, "ru", PaperNotices.Reminder, item.What, PaperNotices.Day(dueBack)), link));
            var overdueAt = company.OverdueFromUtc(dueBack);
            db.Reminders.Add(Reminder(copy, holderId, overdueAt, PaperNotices.Title(wording, "ru", PaperNotices.OverdueHolder, item.What, PaperNotices.Day(dueBack)), link));
            db.Reminders.Add(Reminder(copy, users["sekretar"].Id, overdueAt,
                PaperNotices.Title(wording, "ru", PaperNotices.OverdueOffice, item.What, holderName, PaperNotices.Day(dueBack)), link));
        }

        Reminder Reminder(PaperCopy copy, Guid userId, DateTime at, string title, string link) => new()
        {
            UserId = userId,
            DueAt = at,
            Title = title,
            Link = link,
            EntityKind = PaperCopy.EntityKind,
            EntityId = copy.Id,
            CreatedAt = now,
        };
    }

    private StoragePlace Add(StoragePlace place)
    {
        db.StoragePlaces.Add(place);
        return place;
    }
}
