namespace Letopis.Core.Demo;

/// <summary>
/// Russian full names (surname, first name, patronymic) with the endings of the person's gender,
/// none given twice: a demo where forty people share one name looks broken, not busy.
/// </summary>
internal sealed class DemoNames(Random random)
{
    private static readonly (string Male, string Female)[] Surnames =
    [
        ("Орлов", "Орлова"), ("Никитин", "Никитина"), ("Зуев", "Зуева"), ("Белоусов", "Белоусова"), ("Комаров", "Комарова"),
        ("Фомин", "Фомина"), ("Яковлев", "Яковлева"), ("Медведев", "Медведева"), ("Лазарев", "Лазарева"), ("Григорьев", "Григорьева"),
        ("Степанов", "Степанова"), ("Воробьёв", "Воробьёва"), ("Ковалёв", "Ковалёва"), ("Гусев", "Гусева"), ("Тихонов", "Тихонова"),
        ("Ершов", "Ершова"), ("Киселёв", "Киселёва"), ("Макаров", "Макарова"), ("Соловьёв", "Соловьёва"), ("Беляев", "Беляева"),
        ("Карпов", "Карпова"), ("Афанасьев", "Афанасьева"), ("Власов", "Власова"), ("Данилов", "Данилова"), ("Жуков", "Жукова"),
        ("Исаев", "Исаева"), ("Захаров", "Захарова"), ("Борисов", "Борисова"), ("Крылов", "Крылова"), ("Сорокин", "Сорокина"),
        ("Поляков", "Полякова"), ("Тарасов", "Тарасова"), ("Баранов", "Баранова"), ("Калинин", "Калинина"), ("Ефимов", "Ефимова"),
        ("Шубин", "Шубина"), ("Кудрявцев", "Кудрявцева"), ("Рябов", "Рябова"), ("Миронов", "Миронова"), ("Голубев", "Голубева"),
        ("Виноградов", "Виноградова"), ("Блинов", "Блинова"), ("Денисов", "Денисова"), ("Абрамов", "Абрамова"), ("Щербаков", "Щербакова"),
        ("Савельев", "Савельева"), ("Лаврентьев", "Лаврентьева"), ("Горбунов", "Горбунова"), ("Осипов", "Осипова"), ("Дьячков", "Дьячкова"),
        ("Островский", "Островская"), ("Покровский", "Покровская"), ("Вишневский", "Вишневская"), ("Заречный", "Заречная"),
        ("Шевченко", "Шевченко"), ("Бондаренко", "Бондаренко"), ("Ткаченко", "Ткаченко"), ("Черных", "Черных"), ("Седых", "Седых"),
    ];

    private static readonly string[] MaleNames =
    [
        "Виктор", "Роман", "Егор", "Олег", "Станислав", "Глеб", "Алексей", "Андрей", "Борис", "Вадим", "Геннадий", "Денис",
        "Евгений", "Илья", "Кирилл", "Леонид", "Максим", "Никита", "Пётр", "Руслан", "Тимур", "Фёдор", "Юрий", "Ярослав",
        "Аркадий", "Валерий", "Григорий", "Дмитрий", "Матвей", "Семён",
    ];

    private static readonly string[] FemaleNames =
    [
        "Марина", "Татьяна", "Ксения", "Алла", "Дарья", "Инна", "Анастасия", "Вера", "Галина", "Екатерина", "Жанна", "Зоя",
        "Людмила", "Надежда", "Оксана", "Полина", "Раиса", "Светлана", "Ульяна", "Юлия", "Яна", "Алёна", "Валентина", "Лариса",
        "Нина", "Ольга", "Елизавета", "Маргарита",
    ];

    // The father's name gives both endings: Семён → Семёнович / Семёновна, Илья → Ильич / Ильинична.
    private static readonly (string Male, string Female)[] Patronymics =
    [
        ("Семёнович", "Семёновна"), ("Олегович", "Олеговна"), ("Игоревич", "Игоревна"), ("Андреевич", "Андреевна"),
        ("Валентинович", "Валентиновна"), ("Сергеевич", "Сергеевна"), ("Николаевич", "Николаевна"), ("Борисович", "Борисовна"),
        ("Петрович", "Петровна"), ("Ильич", "Ильинична"), ("Артёмович", "Артёмовна"), ("Львович", "Львовна"),
        ("Александрович", "Александровна"), ("Викторович", "Викторовна"), ("Юрьевич", "Юрьевна"), ("Михайлович", "Михайловна"),
        ("Владимирович", "Владимировна"), ("Геннадьевич", "Геннадьевна"), ("Анатольевич", "Анатольевна"), ("Фомич", "Фоминична"),
        ("Павлович", "Павловна"), ("Григорьевич", "Григорьевна"), ("Романович", "Романовна"), ("Евгеньевич", "Евгеньевна"),
    ];

    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>Takes a name out of the pool (the company's own employees, a name a journey looks for).</summary>
    public bool Reserve(string fullName) => _used.Add(fullName);

    /// <summary>A name not given before.</summary>
    public DemoName Next()
    {
        while (true)
        {
            var female = random.Next(3) == 0;
            var (maleSurname, femaleSurname) = Surnames[random.Next(Surnames.Length)];
            var (malePatronymic, femalePatronymic) = Patronymics[random.Next(Patronymics.Length)];
            var name = female
                ? new DemoName(femaleSurname, FemaleNames[random.Next(FemaleNames.Length)], femalePatronymic, true)
                : new DemoName(maleSurname, MaleNames[random.Next(MaleNames.Length)], malePatronymic, false);
            if (_used.Add(name.FullName))
                return name;
        }
    }
}

internal sealed record DemoName(string Surname, string First, string Patronymic, bool Female)
{
    public string FullName => $"{Surname} {First} {Patronymic}";

    /// <summary>«Ковалёв А. И.», as a sole proprietor's short name is written.</summary>
    public string WithInitials => $"{Surname} {First[0]}. {Patronymic[0]}.";
}
