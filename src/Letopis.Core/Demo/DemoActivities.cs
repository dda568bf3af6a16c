using Letopis.Core.Activities;
using Letopis.Core.Calendar;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Demo;

/// <summary>
/// A realistic week of the sales people's contacts: every working day of the current week (the
/// production calendar's, in the company's zone), today even when it is a day off, and the next
/// working days; calls, meetings, letters; done ones with results, forgotten ones overdue, some
/// planned by the head for his employees, and the absent Smirnov's day for his deputy.
/// </summary>
internal static class DemoActivities
{
    private static readonly string[] CallSubjects =
    [
        "Согласовать спецификацию на арматуру", "Уточнить сроки оплаты аванса", "Обсудить скидку на объём", "Напомнить о подписании договора",
        "Узнать решение по коммерческому предложению", "Согласовать график поставки бетона", "Уточнить реквизиты для счёта",
        "Договориться о встрече на объекте", "Обсудить замечания к смете", "Поздравить с завершением этапа",
    ];

    private static readonly string[] MeetingSubjects =
    [
        "Встреча на объекте: приёмка фундамента", "Переговоры по договору подряда", "Презентация технологии монолитного каркаса",
        "Обсуждение графика работ с техническим надзором",
    ];

    private static readonly string[] LetterSubjects =
    [
        "Отправить коммерческое предложение", "Направить акт сверки", "Отправить проект договора на согласование",
        "Направить письмо о переносе сроков поставки",
    ];

    private static readonly string[] Results =
    [
        "Спецификацию согласовали, ждут счёт до пятницы", "Аванс оплатят после подписания договора, договорились созвониться",
        "Скидку 3 % согласовали при объёме от 500 м³", "Не дозвонился: секретарь просила перезвонить после обеда",
        "КП на рассмотрении у главного инженера, решение на следующей неделе", "Договорились о встрече на объекте в четверг",
        "Замечания к смете приняли, пришлют исправленную версию",
    ];

    private static readonly string[] Notes =
    [
        "КП на рассмотрении, ждём ответа до пятницы", "Клиенту важны сроки, цена на втором месте",
        "Оплата ожидается после приёмки этапа", "Главный инженер против замены марки бетона",
    ];

    public static async Task SeedAsync(LetopisDb db, IReadOnlyDictionary<string, Guid> users, DateTime now, TimeZoneInfo zone, IActivityWording? wording, CancellationToken ct)
    {
        // Its own sequence, so the older demo data stays as it was.
        var random = new Random(2028);
        // The demo company's working day: «today» and office hours in the company's zone.
        var today = TimeZones.DayOf(now, zone);
        var head = users["petrov"];
        var sales = new[] { "petrov", "ivanova", "smirnov", "kuznetsova", "kommerc" };
        var days = await DaysAsync(db, today, ct);
        foreach (var login in sales)
        {
            var userId = users[login];
            var clients = await db.Counterparties.AsNoTracking().Where(c => c.ResponsibleId == userId)
                .OrderBy(c => c.NameNormalized).Take(12)
                .Select(c => new
                {
                    c.Id,
                    ContactId = db.CounterpartyContacts.Where(l => l.CounterpartyId == c.Id).OrderByDescending(l => l.IsMain)
                        .Select(l => (Guid?)l.ContactId).FirstOrDefault(),
                })
                .ToListAsync(ct);
            if (clients.Count == 0)
                continue;

            foreach (var day in days)
            {
                var offset = day.DayNumber - today.DayNumber;
                // A day off is today only when the demo starts on it: a few things someone left for the weekend.
                var count = offset == 0 ? (IsWeekend(day) ? 3 : 6) : random.Next(2, 5);
                var hours = Enumerable.Range(9, 9).OrderBy(_ => random.Next()).Take(count).Order().ToList();
                foreach (var hour in hours)
                {
                    var client = clients[random.Next(clients.Count)];
                    var roll = random.Next(10);
                    var kind = roll < 6 ? ActivityKind.Call : roll < 8 ? ActivityKind.Meeting : roll < 9 ? ActivityKind.Email : ActivityKind.Letter;
                    var at = ActivityDays.StartUtc(day, zone).AddHours(hour).AddMinutes(random.Next(4) * 15);
                    // The head plans some of his employees' calls himself.
                    var byHead = login is "ivanova" or "kuznetsova" && kind == ActivityKind.Call && random.Next(3) == 0;
                    var activity = new Activity
                    {
                        Kind = kind,
                        Subject = kind switch
                        {
                            ActivityKind.Call => CallSubjects[random.Next(CallSubjects.Length)],
                            ActivityKind.Meeting => MeetingSubjects[random.Next(MeetingSubjects.Length)],
                            _ => LetterSubjects[random.Next(LetterSubjects.Length)],
                        },
                        Description = kind == ActivityKind.Call ? "Спросить про объёмы на следующий квартал; напомнить про акт сверки" : null,
                        PlannedAt = at,
                        DurationMinutes = kind == ActivityKind.Meeting ? 60 + 30 * random.Next(3) : null,
                        Place = kind == ActivityKind.Meeting ? "Объект клиента, прорабская" : null,
                        AssigneeId = userId,
                        PlannedById = byHead ? head : userId,
                        CounterpartyId = client.Id,
                        ContactId = kind is ActivityKind.Call or ActivityKind.Meeting ? client.ContactId : null,
                        RemindBeforeMinutes = offset >= 0 ? 15 : null,
                        CreatedAt = at.AddDays(-2) < now ? at.AddDays(-2) : now,
                    };
                    // The past is mostly done; one in five was forgotten and stays overdue on today's agenda.
                    var done = activity.EndsAt.AddMinutes(10) < now && (offset == 0 || random.Next(5) != 0);
                    if (done)
                    {
                        activity.Status = ActivityStatus.Done;
                        activity.CompletedAt = activity.EndsAt.AddMinutes(10);
                        activity.CompletedById = userId;
                        activity.Result = Results[random.Next(Results.Length)];
                        activity.NextStep = random.Next(2) == 0 ? "Перезвонить через неделю" : null;
                    }
                    db.Activities.Add(activity);
                    var planner = new ActingActor(activity.PlannedById, null);
                    Timeline.Add(db, client.Id, activity.CreatedAt, planner, TimelineKinds.ActivityPlanned, activity.Subject, Activity.EntityKind, activity.Id);
                    if (done)
                        Timeline.Add(db, client.Id, activity.CompletedAt!.Value, new ActingActor(userId, null), TimelineKinds.ActivityDone,
                            activity.Subject + "\n" + activity.Result, Activity.EntityKind, activity.Id);
                    if (random.Next(6) == 0)
                    {
                        var note = Notes[random.Next(Notes.Length)];
                        // An hour after planning it, but never later than now.
                        var noteAt = activity.CreatedAt.AddHours(1) < now ? activity.CreatedAt.AddHours(1) : now;
                        db.ActivityNotes.Add(new ActivityNote { ActivityId = activity.Id, At = noteAt, Text = note, UserId = userId });
                        Timeline.Add(db, client.Id, noteAt, new ActingActor(userId, null), TimelineKinds.ActivityNote,
                            activity.Subject + "\n" + note, Activity.EntityKind, activity.Id);
                    }
                    if (activity.Status == ActivityStatus.Planned && activity.PlannedAt > now)
                        await ActivityReminders.ArmAsync(db, activity, now, wording, ct);
                }
            }
        }
    }

    /// <summary>
    /// The days the demo fills: the working days of the current week (Monday to Friday, less the
    /// production calendar's days off), today whatever it is, and the next three working days, so
    /// that a Sunday's start shows the week behind and the week ahead.
    /// </summary>
    internal static async Task<List<DateOnly>> DaysAsync(LetopisDb db, DateOnly today, CancellationToken ct)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var until = monday.AddDays(21);
        var overrides = await db.CalendarDays.AsNoTracking().Where(d => d.Date >= monday && d.Date <= until)
            .ToDictionaryAsync(d => d.Date, d => d.IsWorkingDay, ct);
        var days = new SortedSet<DateOnly> { today };
        for (var day = monday; day < monday.AddDays(5); day = day.AddDays(1))
        {
            if (WorkingDays.IsWorkingDay(day, overrides))
                days.Add(day);
        }
        var left = 3;
        for (var day = today.AddDays(1); left > 0 && day <= until; day = day.AddDays(1))
        {
            if (WorkingDays.IsWorkingDay(day, overrides))
            {
                days.Add(day);
                left--;
            }
        }
        return [.. days];
    }

    private static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
