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

    private static readonly string[] Surnames = ["Ковалёв", "Гусев", "Тихонов", "Ершов", "Киселёв", "Макаров", "Соловьёв", "Беляев", "Карпов", "Афанасьев", "Власов", "Данилов", "Жуков", "Исаев"];
    private static readonly string[] Suffixes = ["Строй", "Монтаж", "Инвест", "Проект", "Снаб", "Девелопмент", "Групп", "Комплект", "Сервис", "Техника"];
    private static readonly string[] People =
    [
        "Орлов Виктор Семёнович", "Никитина Марина Олеговна", "Зуев Роман Игоревич", "Белоусова Татьяна Андреевна",
        "Комаров Егор Валентинович", "Фомина Ксения Сергеевна", "Яковлев Олег Николаевич", "Медведева Алла Борисовна",
        "Лазарев Станислав Петрович", "Григорьева Дарья Ильинична", "Степанов Глеб Артёмович", "Воробьёва Инна Львовна",
    ];

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

    private static readonly string[] Positions = ["Генеральный директор", "Главный инженер", "Начальник отдела снабжения"];

    private static readonly string[] Streets = ["ул. Ленина", "пр-т Мира", "ул. Строителей", "Промышленная ул.", "Садовая ул.", "ул. Гагарина", "Заводское ш."];

    public static async Task SeedAsync(LetopisDb db, IReadOnlyList<Guid> managers, DateTime now, CancellationToken ct)
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
        var used = new HashSet<string>();
        for (var i = 0; i < 300; i++)
        {
            string name;
            do
                name = Roots[random.Next(Roots.Length)] + Suffixes[random.Next(Suffixes.Length)];
            while (!used.Add(name) && used.Count < Roots.Length * Suffixes.Length);
            var kind = i % 10 == 9 ? CounterpartyKind.Entrepreneur : CounterpartyKind.Company;
            var display = kind == CounterpartyKind.Company ? $"ООО «{name}»" : $"ИП {Surname(random)}";
            var city = random.Next(Regions.Length);
            var counterparty = new Counterparty
            {
                Kind = kind,
                Name = display,
                NameNormalized = display.ToUpperInvariant(),
                NameKey = FindDuplicates.CoreName(display),
                FullName = kind == CounterpartyKind.Company ? $"Общество с ограниченной ответственностью «{name}»" : null,
                Inn = kind == CounterpartyKind.Company ? Inn10(random) : null,
                Kpp = kind == CounterpartyKind.Company ? $"{random.Next(1000, 9999)}01001" : null,
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
                CreatedAt = now.AddDays(-random.Next(1, 900)),
            };
            db.Counterparties.Add(counterparty);
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
            for (var c = 0; c < 1 + random.Next(3); c++)
            {
                var person = People[random.Next(People.Length)];
                var contact = new ContactPerson
                {
                    FullName = person,
                    FullNameNormalized = person.ToUpperInvariant(),
                    Phone = $"+79{random.Next(10, 99)}{random.Next(1000000, 9999999)}",
                    Email = $"{Translit(person.Split(' ')[0])}@{Translit(name)}.ru",
                    BirthDate = random.Next(3) == 0 ? new DateOnly(random.Next(1960, 2000), random.Next(1, 13), random.Next(1, 29)) : null,
                    ConsentOn = random.Next(2) == 0 ? DateOnly.FromDateTime(now).AddDays(-random.Next(1, 400)) : null,
                    CreatedAt = counterparty.CreatedAt,
                };
                db.ContactPersons.Add(contact);
                db.CounterpartyContacts.Add(new CounterpartyContact
                {
                    CounterpartyId = counterparty.Id,
                    ContactId = contact.Id,
                    Position = Positions[c % Positions.Length],
                    IsMain = c == 0,
                });
            }
        }
        AddTags(db);
        await db.SaveChangesAsync(ct);
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

    private static string Surname(Random random)
    {
        const string initials = "АБВГДЕИКЛМНОПРСТ";
        return $"{Surnames[random.Next(Surnames.Length)]} {initials[random.Next(initials.Length)]}. {initials[random.Next(initials.Length)]}.";
    }

    private static string Inn10(Random random) =>
        Requisites.CompleteInn10(string.Concat(Enumerable.Range(0, 9).Select(i => i < 2 ? random.Next(1, 10) : random.Next(0, 10))));

    private static string Translit(string text)
    {
        const string ru = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
        string[] en = ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"];
        return string.Concat(text.ToLowerInvariant().Select(c => ru.IndexOf(c, StringComparison.Ordinal) is var i and >= 0 ? en[i] : c.ToString()));
    }
}
