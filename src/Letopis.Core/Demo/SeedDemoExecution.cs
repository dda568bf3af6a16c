using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.Execution;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Demo;

/// <summary>
/// Gives the demo company's signed contracts their execution plans: an advance paid in full, a stage done and
/// closed by its act where the contract has one, a stage payment paid in part, a stage ahead, and on one contract
/// a stage overdue with the reason recorded. The contract type reminds the responsible person three working days
/// before each date and the chief accountant of payments. Runs once, on a demo database without control points.
/// </summary>
public sealed class SeedDemoExecution(LetopisDb db, TimeProvider time, CompanyTimeZone company, ControlPointReminders reminders)
{
    public async Task<bool> HandleAsync(CancellationToken ct)
    {
        if (await db.ControlPoints.AnyAsync(ct))
            return false;
        var types = await db.DocumentTypes.AsNoTracking()
            .Where(t => t.Code == SeedDocumentTypes.Contract || t.Code == SeedDocumentTypes.Act)
            .ToDictionaryAsync(t => t.Code, t => t.Id, ct);
        if (types.Count < 2)
            return false;
        var contracts = await db.Documents.AsNoTracking()
            .Where(d => !d.Deleted && d.TypeId == types[SeedDocumentTypes.Contract] && d.CounterpartyId != null
                && (d.Status == DocumentStatus.Signed || d.Status == DocumentStatus.InForce || d.Status == DocumentStatus.Executed))
            .OrderBy(d => d.RegisteredOn).ThenBy(d => d.Id).Take(8).ToListAsync(ct);
        if (contracts.Count == 0)
            return false;

        var now = time.GetUtcNow().UtcDateTime;
        var today = company.Today(time);
        var rootIds = contracts.Select(c => c.RootId).ToList();
        var acts = await db.Documents.AsNoTracking()
            .Where(d => !d.Deleted && d.TypeId == types[SeedDocumentTypes.Act] && rootIds.Contains(d.RootId))
            .OrderBy(d => d.RegisteredOn).ThenBy(d => d.Id).ToListAsync(ct);
        var responsibleIds = contracts.Where(c => c.ResponsibleId != null).Select(c => c.ResponsibleId!.Value).Distinct().ToList();
        var departments = await db.Users.AsNoTracking().Where(u => responsibleIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DepartmentId, ct);

        var points = new List<ControlPoint>();
        var payments = new List<ControlPayment>();
        for (var i = 0; i < contracts.Count; i++)
        {
            var contract = contracts[i];
            var start = ManageControlPoints.ContractStart(contract) ?? contract.RegisteredOn;
            // Whole roubles of the contract's amount; a contract without one gets a plan of 1.2 million.
            var total = contract.AmountMinor is > 0 ? contract.AmountMinor.Value / 100 * 100 : 120_000_000;
            var advance = total * 3 / 10;
            var stageValue = total / 2;
            var rest = total - advance - stageValue;
            var order = 0;
            ControlPoint Add(ControlPointKind kind, string title, DateOnly dueOn, long? planned)
            {
                var point = new ControlPoint
                {
                    DocumentId = contract.Id,
                    CounterpartyId = contract.CounterpartyId,
                    Kind = kind,
                    Title = title,
                    DueOn = dueOn < start ? start : dueOn,
                    PlannedMinor = planned,
                    ResponsibleId = contract.ResponsibleId,
                    DepartmentId = contract.ResponsibleId is { } r ? departments.GetValueOrDefault(r) : null,
                    Status = ControlPointStatus.Open,
                    ActRequired = kind == ControlPointKind.Stage,
                    Order = ++order,
                    CreatedAt = now,
                    CreatedById = contract.CreatedById,
                };
                points.Add(point);
                return point;
            }
            void Pay(ControlPoint point, long amount, DateOnly paidOn, string note)
            {
                payments.Add(new ControlPayment
                {
                    ControlPointId = point.Id,
                    DocumentId = contract.Id,
                    CounterpartyId = contract.CounterpartyId,
                    AmountMinor = amount,
                    PaidOn = paidOn > today ? today : paidOn,
                    Note = note,
                    CreatedAt = now,
                    CreatedById = contract.CreatedById,
                });
                point.PaidMinor += amount;
            }

            var advanceDue = Min(start.AddDays(10), today.AddDays(-20));
            var paidAdvance = Add(ControlPointKind.Payment, "Аванс 30 %", advanceDue, advance);
            Pay(paidAdvance, advance, paidAdvance.DueOn.AddDays(-1), $"п/п № {100 + i * 7}");
            paidAdvance.Status = ControlPointStatus.Done;
            paidAdvance.DoneOn = paidAdvance.DueOn.AddDays(-1) > today ? today : paidAdvance.DueOn.AddDays(-1);

            var stage1 = Add(ControlPointKind.Stage, "Этап 1. Выполнение работ", Min(start.AddDays(30), today.AddDays(-10)), stageValue);
            var act = acts.FirstOrDefault(a => a.RootId == contract.RootId);
            if (i == 1)
            {
                // The overdue stage of the demo, with the reason its date was missed.
                stage1.DueOn = today.AddDays(-6) < start ? start : today.AddDays(-6);
                stage1.MissReason = "Поставщик задержал оборудование; новая дата согласована письмом заказчика";
            }
            else if (stage1.DueOn <= today)
            {
                stage1.Status = ControlPointStatus.Done;
                stage1.DoneOn = stage1.DueOn;
                if (act is not null)
                {
                    stage1.ClosingDocumentId = act.Id;
                    stage1.ActedMinor = act.AmountMinor ?? 0;
                }
            }
            var stagePayment = Add(ControlPointKind.Payment, "Оплата этапа 1", stage1.DueOn.AddDays(10), stageValue);
            if (i != 1)
                Pay(stagePayment, stageValue * 2 / 5 / 100 * 100, Min(stagePayment.DueOn.AddDays(-2), today), $"п/п № {101 + i * 7}");
            Add(ControlPointKind.Act, "Акт сверки взаиморасчётов", Max(today.AddDays(14 + i), start), null);
            Add(ControlPointKind.Stage, "Этап 2. Сдача результата", Max(today.AddDays(25 + i * 3), start.AddDays(60)), rest);
        }
        db.ControlPoints.AddRange(points);
        db.ControlPayments.AddRange(payments);

        var chiefAccountant = await db.Users.AsNoTracking().Where(u => u.UserName == "orlova").Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
        db.ControlReminderRules.Add(new ControlReminderRule
        {
            DocumentTypeId = types[SeedDocumentTypes.Contract],
            DaysBefore = 3,
            NotifyResponsible = true,
            CreatedAt = now,
        });
        if (chiefAccountant is { } accountant)
            db.ControlReminderRules.Add(new ControlReminderRule
            {
                DocumentTypeId = types[SeedDocumentTypes.Contract],
                PointKind = ControlPointKind.Payment,
                DaysBefore = 2,
                UserId = accountant,
                CreatedAt = now,
            });
        await db.SaveChangesAsync(ct);
        await reminders.ArmAsync(points, now, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
