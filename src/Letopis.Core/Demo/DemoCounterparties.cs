using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;

namespace Letopis.Core.Demo;

/// <summary>Reference books and a few hundred counterparties of a construction company's market.</summary>
internal static class DemoCounterparties
{
    private static readonly string[] Regions = ["Москва", "Московская область", "Санкт-Петербург", "Казань", "Нижний Новгород", "Екатеринбург", "Самара", "Краснодар"];
    private static readonly string[] Categories = ["Заказчик", "Генподрядчик", "Субподрядчик", "Поставщик", "Проектная организация", "Государственный заказчик"];
    private static readonly string[] Groups = ["Ключевые клиенты", "Постоянные партнёры", "Новые", "Спящие"];
    private static readonly string[] ActivityTypes = ["Жилищное строительство", "Промышленное строительство", "Дорожное строительство", "Отделочные работы", "Инженерные сети", "Поставка бетона и ЖБИ", "Металлоконструкции", "Проектирование"];
    private static readonly string[] AdSources = ["Рекомендация", "Сайт", "Выставка «Стройка»", "Тендерная площадка", "Холодный звонок"];

    private static readonly string[] Roots = ["Гранит", "Монолит", "Бетон", "Север", "Альянс", "Вектор", "Зодчий", "Кровля", "Фасад", "Опора", "Каскад", "Меридиан", "Горизонт", "Стройресурс", "Арсенал", "Магистраль", "Созвездие", "Уралстрой", "Волга", "Ладога", "Кремень", "Капитель", "Пилон", "Армада", "Базис",
        "Эталон", "Твердь", "Свод", "Ростверк", "Аркада", "Цитадель", "Контур", "Фундамент", "Квадрат", "Лидер", "Мостострой", "Дорпроект"];

    // Real area codes of the demo regions, in the order of Regions, so the phones format like real ones.
    private static readonly string[] AreaCodes = ["495", "496", "812", "843", "831", "343", "846", "861"];

    private static readonly string[] Suffixes = ["Строй", "Монтаж", "Инвест", "Проект", "Снаб", "Девелопмент", "Групп", "Комплект", "Сервис", "Техника"];

    /// <summary>The name a search journey of the guide looks for: the first contact person keeps it.</summary>
    internal const string FirstContact = "Орлов Виктор Семёнович";

    // Short chronicles of negotiations, oldest first, as managers write them.
    private static readonly (string Text, int DaysAgo)[][] Chronicle =
    [
        [("Первый звонок: строят жилой комплекс на 3 секции, ищут подрядчика на монолитные работы.", 40),
         ("Отправили коммерческое предложение, смета 48,6 млн ₽. Ответ обещали до конца месяца.", 33),
         ("КП на рассмотрении у технического директора. Просят снизить цену на 5 % за счёт графика оплат.", 12)],
        [("Встреча на объекте: фундамент готов, нужен поставщик бетона B25 с доставкой миксерами.", 21),
         ("Договорились о пробной поставке 60 м³ на следующей неделе. Оплата по факту, 10 банковских дней.", 9)],
        [("Ждём оплату по счёту № 214 за металлоконструкции; бухгалтерия обещает платёж в четверг.", 6)],
        [("Тендер на отделочные работы в бизнес-центре: подали заявку, итоги через две недели.", 18),
         ("Прошли во второй этап, просят подтвердить сроки и прислать референс-лист.", 4)],
    ];

    /// <summary>
    /// A company's contact persons in the order they are added: the director first. Each position has the
    /// part it plays in purchases (the «Роль в закупках» field), so that an accountant is not the one who decides.
    /// </summary>
    internal static readonly (string Position, string PurchaseRole)[] Positions =
    [
        ("Генеральный директор", "Принимает решение"),
        ("Главный инженер", "Технический специалист"),
        ("Начальник отдела снабжения", "Влияет на решение"),
        ("Главный бухгалтер", "Бухгалтерия"),
    ];

    internal const string Entrepreneur = "Индивидуальный предприниматель";

    private static readonly string[] Streets = ["ул. Ленина", "пр-т Мира", "ул. Строителей", "Промышленная ул.", "Садовая ул.", "ул. Гагарина", "Заводское ш."];

    public static async Task SeedAsync(LetopisDb db, IReadOnlyList<Guid> managers, IEnumerable<string> employees, DateTime now, TimeZoneInfo zone,
        CancellationToken ct)
    {
        Dictionary<ReferenceBook, List<Guid>> books = [];
        foreach (var (book, names) in new[]
        {
            (ReferenceBook.Region, Regions), (ReferenceBook.Category, Categories), (ReferenceBook.Group, Groups),
            (ReferenceBook.ActivityType, ActivityTypes), (ReferenceBook.AdSource, AdSources),
        })
        {
            books[book] = [];
            foreach (var name in names)
            {
                var item = new ReferenceItem { Book = book, Name = name, NameNormalized = name.ToUpperInvariant() };
                db.ReferenceItems.Add(item);
                books[book].Add(item.Id);
            }
        }

        // A fixed seed: every demo database looks the same, so the guide's screenshots match.
        var random = new Random(2026);
        // The card data (addresses, accounts, dates) draws from its own sequence, so the older data stays as it was.
        var extra = new Random(2027);
        var persons = new DemoNames(new Random(2029));
        foreach (var taken in employees)
            persons.Reserve(taken);
        persons.Reserve(FirstContact);
        var today = TimeZones.DayOf(now, zone);
        var cards = new List<Counterparty>();
        var people = new List<ContactPerson>();
        var used = new HashSet<string>();
        for (var i = 0; i < 300; i++)
        {
            string name;
            do
                name = Roots[random.Next(Roots.Length)] + Suffixes[random.Next(Suffixes.Length)];
            while (!used.Add(name) && used.Count < Roots.Length * Suffixes.Length);
            var kind = i % 10 == 9 ? CounterpartyKind.Entrepreneur : CounterpartyKind.Company;
            // A sole proprietor is a person: his card carries his name, and he is its contact person.
            var owner = kind == CounterpartyKind.Entrepreneur ? persons.Next() : null;
            var joint = kind == CounterpartyKind.Company && i % 8 == 3;
            var display = owner is not null ? $"ИП {owner.WithInitials}" : joint ? $"АО «{name}»" : $"ООО «{name}»";
            var city = random.Next(Regions.Length);
            // Cards entered over the last two and a half years; the newest are weeks old, older than anything on their timeline.
            var createdAt = now.AddDays(-random.Next(45, 900));
            var office = DemoRequisites.TaxOffice(extra, city);
            var registered = Math.Max(2003, createdAt.Year - extra.Next(0, 15));
            var counterparty = new Counterparty
            {
                Kind = kind,
                Name = display,
                NameNormalized = display.ToUpperInvariant(),
                NameKey = FindDuplicates.CoreName(display),
                FullName = owner is not null ? $"{Entrepreneur} {owner.FullName}"
                    : joint ? $"Акционерное общество «{name}»" : $"Общество с ограниченной ответственностью «{name}»",
                Inn = owner is not null ? DemoRequisites.PersonInn(extra, office) : DemoRequisites.CompanyInn(extra, office),
                Kpp = owner is not null ? null : DemoRequisites.Kpp(office),
                Ogrn = owner is not null ? DemoRequisites.Ogrnip(extra, office, registered) : DemoRequisites.Ogrn(extra, office, registered),
                Phone = $"+7{AreaCodes[city]}{random.Next(2000000, 9999999)}",
                Email = $"info@{Translit(name)}.ru",
                Website = $"https://{Translit(name)}.ru",
                LegalAddress = $"г. {Regions[city].Replace(" область", "", StringComparison.Ordinal)}, {Streets[random.Next(Streets.Length)]}, д. {random.Next(1, 120)}",
                RegionId = books[ReferenceBook.Region][city],
                CategoryId = books[ReferenceBook.Category][random.Next(Categories.Length)],
                GroupId = books[ReferenceBook.Group][random.Next(Groups.Length)],
                ActivityTypeId = books[ReferenceBook.ActivityType][random.Next(ActivityTypes.Length)],
                AdSourceId = books[ReferenceBook.AdSource][random.Next(AdSources.Length)],
                ResponsibleId = managers[random.Next(managers.Count)],
                CreatedAt = createdAt,
            };
            db.Counterparties.Add(counterparty);
            cards.Add(counterparty);
            AddCardData(db, counterparty, extra, now);
            db.TimelineEvents.Add(new TimelineEvent
            {
                CounterpartyId = counterparty.Id,
                At = counterparty.CreatedAt,
                Kind = TimelineKinds.Created,
                UserId = counterparty.ResponsibleId,
            });
            if (i % 3 == 0)
            {
                foreach (var (text, daysAgo) in Chronicle[random.Next(Chronicle.Length)])
                {
                    db.TimelineEvents.Add(new TimelineEvent
                    {
                        CounterpartyId = counterparty.Id,
                        At = now.AddDays(-daysAgo).AddHours(-random.Next(1, 8)),
                        Kind = TimelineKinds.Note,
                        Text = text,
                        UserId = counterparty.ResponsibleId,
                    });
                }
            }
            var count = owner is not null ? 1 : 1 + random.Next(3);
            for (var c = 0; c < count; c++)
            {
                var person = owner?.FullName ?? (people.Count == 0 ? FirstContact : persons.Next().FullName);
                var contact = new ContactPerson
                {
                    FullName = person,
                    FullNameNormalized = person.ToUpperInvariant(),
                    Phone = $"+79{random.Next(10, 99)}{random.Next(1000000, 9999999)}",
                    Email = $"{Translit(person.Split(' ')[0])}@{Translit(name)}.ru",
                    BirthDate = random.Next(3) == 0 ? new DateOnly(random.Next(1960, 2000), random.Next(1, 13), random.Next(1, 29)) : null,
                    CreatedAt = counterparty.CreatedAt,
                };
                // Consent to process personal data (152-ФЗ) is given after the card exists, never before.
                if (random.Next(2) == 0)
                {
                    var consent = today.AddDays(-random.Next(1, 400));
                    var created = TimeZones.DayOf(counterparty.CreatedAt, zone);
                    contact.ConsentOn = consent < created ? created : consent;
                }
                db.ContactPersons.Add(contact);
                people.Add(contact);
                if (contact.BirthDate is { } birth)
                    db.ContactDates.Add(new ContactDate { ContactId = contact.Id, Kind = ContactDateKinds.Birthday, Date = birth });
                db.CounterpartyContacts.Add(new CounterpartyContact
                {
                    CounterpartyId = counterparty.Id,
                    ContactId = contact.Id,
                    Position = owner is not null ? Entrepreneur : Positions[c % Positions.Length].Position,
                    IsMain = c == 0,
                });
            }
        }
        AddTags(db);
        LinkSharedContacts(db, cards, people, now, zone);
        await db.SaveChangesAsync(ct);
    }

    // Real banks' БИК and correspondent accounts; the settlement accounts get their control digit from the БИК.
    private static readonly (string Bik, string Name, string Corr)[] Banks =
    [
        ("044525225", "ПАО Сбербанк", "30101810400000000225"),
        ("044525187", "Банк ВТБ (ПАО)", "30101810700000000187"),
        ("044525593", "АО «Альфа-Банк»", "30101810200000000593"),
        ("044030653", "Северо-Западный банк ПАО Сбербанк", "30101810500000000653"),
    ];

    private static void AddCardData(LetopisDb db, Counterparty counterparty, Random random, DateTime now)
    {
        switch (random.Next(4))
        {
            case 0:
                counterparty.ActualAddress = counterparty.LegalAddress;
                counterparty.PostalAddress = counterparty.LegalAddress;
                break;
            case 1:
                counterparty.ActualAddress = $"{counterparty.LegalAddress?.Split(',')[0]}, {Streets[random.Next(Streets.Length)]}, д. {random.Next(1, 120)}, офис {random.Next(1, 400)}";
                counterparty.PostalAddress = counterparty.ActualAddress;
                break;
            case 2:
                counterparty.PostalAddress = $"а/я {random.Next(1, 300)}, {counterparty.LegalAddress?.Split(',')[0]}";
                break;
        }
        if (counterparty.Kind != CounterpartyKind.Company)
            return;
        for (var a = 0; a < 1 + (random.Next(5) == 0 ? 1 : 0); a++)
        {
            var bank = Banks[random.Next(Banks.Length)];
            var digits = "40702810" + "0" + string.Concat(Enumerable.Range(0, 11).Select(_ => random.Next(10)));
            db.BankAccounts.Add(new BankAccount
            {
                CounterpartyId = counterparty.Id,
                Bik = bank.Bik,
                BankName = bank.Name,
                CorrespondentAccount = Requisites.IsValidCorrespondentAccount(bank.Corr, bank.Bik) ? bank.Corr : null,
                Account = Requisites.CompleteAccount(digits, bank.Bik),
                IsMain = a == 0,
                CreatedAt = counterparty.CreatedAt,
            });
        }
    }

    /// <summary>A few people work with two counterparties (a consultant, a holding's director), and their days are remembered.</summary>
    private static void LinkSharedContacts(LetopisDb db, List<Counterparty> cards, List<ContactPerson> people, DateTime now, TimeZoneInfo zone)
    {
        var today = TimeZones.DayOf(now, zone);
        for (var i = 0; i < 3 && i < people.Count; i++)
        {
            var person = people[i * 7];
            var other = cards[cards.Count - 1 - i];
            if (db.ChangeTracker.Entries<CounterpartyContact>().Any(e => e.Entity.ContactId == person.Id && e.Entity.CounterpartyId == other.Id))
                continue;
            db.CounterpartyContacts.Add(new CounterpartyContact { CounterpartyId = other.Id, ContactId = person.Id, Position = "Консультант", IsMain = false });
            // A birthday a few days ahead, so the reminder and «через N дн.» show at once.
            var soon = today.AddDays(5 + i * 3);
            var birthday = new DateOnly(1975 + i * 5, soon.Month, Math.Min(soon.Day, DateTime.DaysInMonth(1975 + i * 5, soon.Month)));
            var existing = db.ChangeTracker.Entries<ContactDate>().FirstOrDefault(e => e.Entity.ContactId == person.Id && e.Entity.Kind == ContactDateKinds.Birthday);
            if (existing is not null)
                db.ContactDates.Remove(existing.Entity);
            person.BirthDate = birthday;
            var date = new ContactDate { ContactId = person.Id, Kind = ContactDateKinds.Birthday, Date = birthday, RemindDaysBefore = 3 };
            db.ContactDates.Add(date);
            db.ContactDates.Add(new ContactDate { ContactId = person.Id, Kind = ContactDateKinds.CompanyDay, Date = new DateOnly(2008, 4, 15) });
            db.Reminders.Add(new Notifications.Reminder
            {
                UserId = other.ResponsibleId!.Value,
                DueAt = Notifications.Reminder.YearlyDue(birthday, 3, ManageContacts.ReminderTime, zone, now),
                Title = $"День рождения: {person.FullName}",
                Body = birthday.ToString("dd.MM", System.Globalization.CultureInfo.InvariantCulture),
                Link = $"/contacts/{person.Id}",
                EntityKind = ContactDate.EntityKind,
                EntityId = date.Id,
                CreatedAt = now,
                RepeatYearlyOn = birthday,
                RepeatDaysBefore = 3,
            });
        }
    }

    private static readonly string[] TagNames = ["VIP", "тендер", "генподрядчик", "госзаказ", "новый объект", "должник", "рамочный договор"];

    /// <summary>Tags on about half of the demo counterparties, from a random stream of their own so the rest stays as it was.</summary>
    private static void AddTags(LetopisDb db)
    {
        var tags = TagNames.Select(n => new Tag { Name = n, NameNormalized = n.ToUpperInvariant() }).ToList();
        db.Set<Tag>().AddRange(tags);
        var random = new Random(28);
        foreach (var counterparty in db.Counterparties.Local.OrderBy(c => c.NameNormalized, StringComparer.Ordinal))
        {
            foreach (var tag in tags.Where(_ => random.Next(100) < 9))
                db.Set<CounterpartyTag>().Add(new CounterpartyTag { CounterpartyId = counterparty.Id, TagId = tag.Id });
        }
    }

    private static string Translit(string text)
    {
        const string ru = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
        string[] en = ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"];
        return string.Concat(text.ToLowerInvariant().Select(c => ru.IndexOf(c, StringComparison.Ordinal) is var i and >= 0 ? en[i] : c.ToString()));
    }
}
