using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Demo;

/// <summary>
/// Fills the database with a believable construction company, «СтройГрад», so that a new user
/// sees a living system at once. Runs only once: it does nothing when its users already exist.
/// Each feature adds its own part here.
/// </summary>
public sealed class SeedDemoCompany(
    LetopisDb db, UserManager<AppUser> users, TimeProvider time, CompanyTimeZone company, Activities.IActivityWording? wording = null)
{
    /// <summary>The password of every demo user (documented in the README).</summary>
    public const string Password = "letopis2026";

    private sealed record Person(string Login, string FullName, string Department, string Role, bool Head = false);

    private static readonly (string Name, string? Parent)[] Departments =
    [
        ("Руководство", null),
        ("Коммерческий отдел", "Руководство"),
        ("Отдел продаж", "Коммерческий отдел"),
        ("Отдел снабжения", "Коммерческий отдел"),
        ("Юридический отдел", "Руководство"),
        ("Производственно-технический отдел", "Руководство"),
        ("Бухгалтерия", "Руководство"),
        ("Канцелярия", "Руководство"),
    ];

    private static readonly Person[] People =
    [
        new("director", "Соколов Андрей Викторович", "Руководство", BuiltInRoles.Head, Head: true),
        new("kommerc", "Белова Ирина Сергеевна", "Коммерческий отдел", BuiltInRoles.Head, Head: true),
        new("petrov", "Петров Сергей Николаевич", "Отдел продаж", BuiltInRoles.Head, Head: true),
        new("ivanova", "Иванова Мария Александровна", "Отдел продаж", BuiltInRoles.Employee),
        new("smirnov", "Смирнов Дмитрий Олегович", "Отдел продаж", BuiltInRoles.Employee),
        new("kuznetsova", "Кузнецова Елена Павловна", "Отдел продаж", BuiltInRoles.Employee),
        new("volkov", "Волков Алексей Игоревич", "Отдел снабжения", BuiltInRoles.Head, Head: true),
        new("popova", "Попова Анна Дмитриевна", "Отдел снабжения", BuiltInRoles.Employee),
        new("lebedev", "Лебедев Константин Юрьевич", "Юридический отдел", BuiltInRoles.Head, Head: true),
        new("morozova", "Морозова Ольга Викторовна", "Юридический отдел", BuiltInRoles.Employee),
        new("novikov", "Новиков Павел Андреевич", "Производственно-технический отдел", BuiltInRoles.Head, Head: true),
        new("fedorov", "Фёдоров Игорь Васильевич", "Производственно-технический отдел", BuiltInRoles.Employee),
        new("orlova", "Орлова Наталья Геннадьевна", "Бухгалтерия", BuiltInRoles.Head, Head: true),
        new("zaitseva", "Зайцева Светлана Михайловна", "Бухгалтерия", BuiltInRoles.Employee),
        new("sekretar", "Егорова Юлия Романовна", "Канцелярия", BuiltInRoles.Employee),
    ];

    public async Task<bool> HandleAsync(CancellationToken ct)
    {
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == "DIRECTOR", ct))
            return false;

        var now = time.GetUtcNow().UtcDateTime;
        // The demo company's day, in its own time zone: at 01:00 in Moscow it is already tomorrow there.
        var today = TimeZones.DayOf(now, company.Zone);
        var departmentIds = new Dictionary<string, Guid>();
        foreach (var (name, parent) in Departments)
        {
            var department = new Department { Name = name, ParentId = parent is null ? null : departmentIds[parent] };
            db.Departments.Add(department);
            departmentIds[name] = department.Id;
        }
        await db.SaveChangesAsync(ct);

        var userIds = new Dictionary<string, Guid>();
        foreach (var person in People)
        {
            var user = new AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = person.Login,
                FullName = person.FullName,
                Email = person.Login + "@stroygrad.example",
                DepartmentId = departmentIds[person.Department],
                CreatedAt = now,
            };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
                throw new InvalidOperationException("Demo user not created: " + string.Join("; ", created.Errors.Select(e => e.Code)));
            await users.AddToRoleAsync(user, person.Role);
            userIds[person.Login] = user.Id;
        }

        foreach (var person in People.Where(p => p.Head))
        {
            var department = await db.Departments.SingleAsync(d => d.Id == departmentIds[person.Department], ct);
            department.HeadId = userIds[person.Login];
        }

        // Smirnov is on vacation this week; Ivanova stands in for him.
        db.Deputyships.Add(new Deputyship
        {
            PrincipalId = userIds["smirnov"],
            DeputyId = userIds["ivanova"],
            StartsOn = today,
            EndsOn = today.AddDays(6),
            Reason = "Ежегодный отпуск",
            CreatedAt = now,
        });

        foreach (var (login, title, body, hours) in new[]
        {
            ("petrov", "Планёрка отдела продаж", "Итоги недели и план звонков на понедельник", 2),
            ("ivanova", "Подготовить коммерческое предложение", "ООО «Северный квартал»: смета на монолитные работы", 3),
            ("lebedev", "Проверить проект договора подряда", "Замечания к разделу об ответственности сторон", 24),
        })
        {
            db.Reminders.Add(new Reminder
            {
                UserId = userIds[login],
                DueAt = now.AddHours(hours),
                Title = title,
                Body = body,
                SendEmail = true,
                CreatedAt = now,
            });
        }

        var managers = new[] { "petrov", "ivanova", "smirnov", "kuznetsova", "volkov", "popova", "kommerc" }.Select(l => userIds[l]).ToList();
        await DemoCounterparties.SeedAsync(db, managers, People.Select(p => p.FullName), now, company.Zone, ct);
        await DemoCustomFields.SeedAsync(db, now, today, ct);
        await DemoActivities.SeedAsync(db, userIds, now, company.Zone, wording, ct);
        foreach (var (name, full, inn, account, signatory) in new[]
        {
            ("СтройГрад", "Общество с ограниченной ответственностью «СтройГрад»", Requisites.CompleteInn10("770812345"), "40702810338000012345", "Соколов Андрей Викторович"),
            ("СтройГрад-Монтаж", "Общество с ограниченной ответственностью «СтройГрад-Монтаж»", Requisites.CompleteInn10("770854321"), "40702810538000054321", "Лебедева Ольга Павловна"),
        })
        {
            db.OurCompanies.Add(new OurCompany
            {
                Name = name,
                NameNormalized = name.ToUpperInvariant(),
                FullName = full,
                Inn = inn,
                Kpp = "770801001",
                Address = "125040, г. Москва, ул. Правды, д. 24, стр. 2",
                Bik = "044525225",
                BankName = "ПАО Сбербанк",
                CorrespondentAccount = "30101810400000000225",
                Account = Requisites.CompleteAccount(account, "044525225"),
                SignatoryPosition = "Генеральный директор",
                SignatoryName = signatory,
            });
        }

        db.Notifications.Add(new Notification
        {
            UserId = userIds["ivanova"],
            CreatedAt = now,
            Title = "Вы замещаете Смирнова Дмитрия Олеговича",
            Body = $"С {today:dd.MM.yyyy} по {today.AddDays(6):dd.MM.yyyy}: ежегодный отпуск",
        });
        await db.SaveChangesAsync(ct);
        await DemoDocuments.SeedAsync(db, now, company.Zone, ct);
        await DemoHistory.StampAsync(db, now, ct);
        return true;
    }
}
