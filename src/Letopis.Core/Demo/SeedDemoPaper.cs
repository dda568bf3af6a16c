using Letopis.Core.Access;
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
            .Select(d => new { d.Id, d.Number, d.Title, d.CreatedAt, TypeName = contractType.Name })
            .Take(14).ToListAsync(ct);
        if (contracts.Count < 6)
            return false;

        var now = time.GetUtcNow().UtcDateTime;
        var today = company.Today(time);

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

        var copies = new List<(PaperCopy Copy, string What)>();
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
            db.PaperMovements.Add(new PaperMovement
            {
                CopyId = copy.Id, DocumentId = contract.Id, Kind = PaperMovementKind.Placed, At = placedAt,
                ById = users["sekretar"].Id, ToPlaceId = folder.Id,
            });
            var what = contract.Number is { } n ? $"{contract.TypeName} № {n} «{contract.Title}», № 1" : $"{contract.TypeName} «{contract.Title}», № 1";
            copies.Add((copy, what));
        }
        // A copy of the first contract for the sales department's desk.
        var spare = new PaperCopy
        {
            DocumentId = contracts[0].Id, Kind = PaperCopyKind.Copy, Number = 2, Owner = PaperCopyOwner.Ours, State = PaperCopyState.InPlace,
            StoragePlaceId = desk.Id, CreatedAt = now.AddDays(-30), CreatedById = users["sekretar"].Id, Version = 1,
        };
        db.PaperCopies.Add(spare);
        db.PaperMovements.Add(new PaperMovement
        {
            CopyId = spare.Id, DocumentId = spare.DocumentId, Kind = PaperMovementKind.Placed, At = spare.CreatedAt,
            ById = users["sekretar"].Id, ToPlaceId = desk.Id,
        });

        // Handed out: two overdue (the lawyer, the sales head), two due later, one came back.
        var lateLawyer = await calendar.AddWorkingDaysAsync(today, -3, ct);
        var lateManager = await calendar.AddWorkingDaysAsync(today, -1, ct);
        await HandOutAsync(copies[0], users["morozova"].Id, users["morozova"].DepartmentId, "Подготовка претензии", lateLawyer, now.AddDays(-12), ct);
        await HandOutAsync(copies[1], users["petrov"].Id, users["petrov"].DepartmentId, "Сверка с клиентом", lateManager, now.AddDays(-6), ct);
        await HandOutAsync(copies[2], users["lebedev"].Id, users["lebedev"].DepartmentId, "Для суда", await calendar.AddWorkingDaysAsync(today, 5, ct), now.AddDays(-1), ct);
        await HandOutAsync(copies[3], users["ivanova"].Id, users["ivanova"].DepartmentId, "Показать клиенту на встрече", await calendar.AddWorkingDaysAsync(today, 1, ct), now.AddHours(-3), ct);
        var returnedCopy = copies[4].Copy;
        db.PaperMovements.Add(new PaperMovement
        {
            CopyId = returnedCopy.Id, DocumentId = returnedCopy.DocumentId, Kind = PaperMovementKind.HandedOut, At = now.AddDays(-20),
            ById = users["sekretar"].Id, HolderId = users["morozova"].Id, Purpose = "Проверка реквизитов", DueBack = today.AddDays(-15),
            ReturnedAt = now.AddDays(-16), FromPlaceId = folder.Id,
        });
        db.PaperMovements.Add(new PaperMovement
        {
            CopyId = returnedCopy.Id, DocumentId = returnedCopy.DocumentId, Kind = PaperMovementKind.Returned, At = now.AddDays(-16),
            ById = users["sekretar"].Id, HolderId = users["morozova"].Id, ToPlaceId = folder.Id,
        });

        // Sent to the client for signature by courier.
        var sent = copies[5].Copy;
        sent.State = PaperCopyState.Sent;
        sent.SentMethod = DeliveryMethod.Courier;
        sent.TrackingNumber = "1234567890";
        sent.OutSince = now.AddDays(-2);
        db.PaperMovements.Add(new PaperMovement
        {
            CopyId = sent.Id, DocumentId = sent.DocumentId, Kind = PaperMovementKind.Sent, At = sent.OutSince.Value,
            ById = users["sekretar"].Id, Method = DeliveryMethod.Courier, TrackingNumber = sent.TrackingNumber, FromPlaceId = folder.Id,
        });

        await db.SaveChangesAsync(ct);
        return true;

        async Task HandOutAsync((PaperCopy Copy, string What) item, Guid holderId, Guid? departmentId, string purpose, DateOnly dueBack, DateTime at, CancellationToken token)
        {
            var copy = item.Copy;
            copy.State = PaperCopyState.Out;
            copy.HolderId = holderId;
            copy.HolderDepartmentId = departmentId;
            copy.OutSince = at;
            copy.DueBack = dueBack;
            copy.Purpose = purpose;
            db.PaperMovements.Add(new PaperMovement
            {
                CopyId = copy.Id, DocumentId = copy.DocumentId, Kind = PaperMovementKind.HandedOut, At = at, ById = users["sekretar"].Id,
                HolderId = holderId, Purpose = purpose, DueBack = dueBack, FromPlaceId = copy.StoragePlaceId,
            });
            // The same reminders a hand-out arms; those already due fire as the server starts.
            var link = PaperNotices.Link(copy.DocumentId);
            var remindAt = TimeZones.ToUtc((await calendar.AddWorkingDaysAsync(dueBack, -1, token)).ToDateTime(ManagePaperCopies.ReminderTime), company.Zone);
            if (remindAt > now)
                db.Reminders.Add(Reminder(copy, holderId, remindAt, PaperNotices.Title(wording, "ru", PaperNotices.Reminder, item.What, PaperNotices.Day(dueBack)), link));
            var overdueAt = TimeZones.DayStartUtc(dueBack.AddDays(1), company.Zone);
            db.Reminders.Add(Reminder(copy, holderId, overdueAt, PaperNotices.Title(wording, "ru", PaperNotices.OverdueHolder, item.What, PaperNotices.Day(dueBack)), link));
            var holderName = users.Values.Single(u => u.Id == holderId).FullName;
            db.Reminders.Add(Reminder(copy, users["sekretar"].Id, overdueAt,
                PaperNotices.Title(wording, "ru", PaperNotices.OverdueOffice, item.What, holderName, PaperNotices.Day(dueBack)), link));
        }

        Reminder Reminder(PaperCopy copy, Guid userId, DateTime at, string title, string link) => new()
        {
            UserId = userId, DueAt = at, Title = title, Link = link, EntityKind = PaperCopy.EntityKind, EntityId = copy.Id, CreatedAt = now,
        };
    }

    private StoragePlace Add(StoragePlace place)
    {
        db.StoragePlaces.Add(place);
        return place;
    }
}
