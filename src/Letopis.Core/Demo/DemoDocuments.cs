using Letopis.Core.Activities;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Demo;

/// <summary>
/// Documents of the demo company: for a dozen counterparties a contract with its specification
/// and estimate, sometimes a supplementary agreement, monthly acts and invoices (some still
/// missing or unsigned, so the combined card has something to point out), and a few letters.
/// Numbers come from the journals' patterns and the counters are left where the demo ends.
/// </summary>
internal static class DemoDocuments
{
    private static readonly (string Title, decimal Amount)[] Contracts =
    [
        ("Договор подряда на монолитные работы, секция 2", 18_400_000m),
        ("Поставка товарного бетона В25 на 2026 год", 7_250_000m),
        ("Устройство кровли складского комплекса", 4_980_000m),
        ("Аренда башенного крана КБ-473", 2_160_000m),
        ("Электромонтажные работы, корпус Б", 6_300_000m),
        ("Поставка арматуры А500С", 3_870_000m),
        ("Благоустройство придомовой территории", 2_740_000m),
        ("Вывоз строительного мусора", 960_000m),
        ("Фасадные работы, навесной вентилируемый фасад", 11_500_000m),
        ("Проектирование инженерных сетей", 1_850_000m),
        ("Поставка щебня гранитного фракции 20–40", 1_420_000m),
        ("Монтаж системы вентиляции", 5_600_000m),
    ];

    private static readonly string[] AgreementTitles =
    [
        "Об изменении сроков выполнения работ",
        "Об увеличении объёма работ и цены договора",
        "О порядке расчётов",
    ];

    public static async Task SeedAsync(LetopisDb db, DateTime now, TimeZoneInfo zone, CancellationToken ct)
    {
        if (!await db.DocumentTypes.AnyAsync(ct))
            await new SeedDocumentTypes(db).HandleAsync(ct);
        var types = await db.DocumentTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, ct);
        var journals = await db.RegistrationJournals.AsNoTracking().ToDictionaryAsync(j => j.Id, ct);
        var counterparties = await db.Counterparties.AsNoTracking()
            .Where(c => c.Kind == CounterpartyKind.Company)
            .OrderBy(c => c.NameNormalized)
            .Select(c => new { c.Id, c.ResponsibleId, c.CreatedAt })
            .ToListAsync(ct);
        var ourCompanies = await db.OurCompanies.AsNoTracking().OrderBy(c => c.Name).Select(c => c.Id).ToListAsync(ct);
        var lawyer = await db.Users.Where(u => u.UserName == "morozova").Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
        var accountant = await db.Users.Where(u => u.UserName == "zaitseva").Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
        var secretary = await db.Users.Where(u => u.UserName == "sekretar").Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
        var counters = new Dictionary<(Guid, string), long>();
        var random = new Random(2028);
        var today = TimeZones.DayOf(now, zone);

        Document Add(string typeCode, string title, Guid? counterpartyId, Guid? responsibleId, DateOnly on, Document? parent,
            DocumentStatus status, decimal? amount = null)
        {
            var type = types[typeCode];
            var morning = TimeZones.DayStartUtc(on, zone).AddHours(9.5);
            var document = new Document
            {
                TypeId = type.Id,
                JournalId = type.JournalId,
                Title = title,
                TitleNormalized = title.ToUpperInvariant(),
                RegisteredOn = on,
                CounterpartyId = counterpartyId,
                OurCompanyId = ourCompanies.Count > 0 && counterpartyId is not null ? ourCompanies[0] : null,
                ParentId = parent?.Id,
                ResponsibleId = responsibleId,
                Status = status,
                // Registered in the morning of its day, in the company's zone, and never later than now.
                CreatedAt = morning < now ? morning : now,
                CreatedById = responsibleId,
            };
            document.RootId = parent?.RootId ?? document.Id;
            if (amount is { } sum)
            {
                var rate = on.Year >= 2026 ? 22 : 20;
                document.AmountMinor = Document.ToMinor(sum);
                document.VatRate = rate;
                document.VatAmountMinor = Document.ToMinor(decimal.Round(sum * rate / (100 + rate), 2));
            }
            if (status is DocumentStatus.Signed or DocumentStatus.InForce or DocumentStatus.Executed)
            {
                // Signed in the days after registration, but not in the future.
                document.SignedByUsOn = Earlier(on.AddDays(2), today);
                document.SignedByCounterpartyOn = Earlier(on.AddDays(4), today);
            }
            if (type.JournalId is { } journalId)
            {
                var journal = journals[journalId];
                var pattern = NumberPattern.Parse(journal.Pattern).Pattern!;
                var key = (journalId, NumberPattern.ScopeOf(journal.CounterReset, on, parent?.Id));
                counters[key] = counters.GetValueOrDefault(key) + 1;
                document.Number = pattern.Format(counters[key], on, parent?.Number, type.Code);
            }
            db.Documents.Add(document);
            if (counterpartyId is { } cid)
            {
                var author = responsibleId is { } id ? new ActingActor(id, null) : null;
                Timeline.Add(db, cid, document.CreatedAt, author, TimelineKinds.DocumentRegistered, DocumentTimeline.Text(type.Name, document),
                    Document.EntityKind, document.Id);
                // The status it has now was set later, on its own day: the timeline tells so after the registration.
                if (status != DocumentStatus.Draft)
                    Timeline.Add(db, cid, DecidedAt(document.CreatedAt, on, document.SignedByUsOn, now), author, TimelineKinds.DocumentStatus,
                        DocumentTimeline.StatusText(type.Name, document, null), Document.EntityKind, document.Id);
            }
            return document;
        }

        // Contracts in registration order, so that the journal's numbers follow the dates.
        // Each contract goes to a counterparty whose card existed a week before it: a card does not get a contract older than itself.
        var picked = Contracts.Select((c, i) => (c.Title, c.Amount, i, On: today.AddDays(-380 + i * 28 + random.Next(0, 10))))
            .Select(c =>
            {
                var older = counterparties.Where(p => TimeZones.DayOf(p.CreatedAt, zone) < c.On.AddDays(-7)).ToList();
                var from = older.Count > 0 ? older : counterparties;
                return (c.Title, c.Amount, Counterparty: from[(c.i * 7) % from.Count], c.On);
            })
            .OrderBy(c => c.On)
            .ToList();
        var children = new List<(DateOnly On, Action Add)>();
        for (var i = 0; i < picked.Count; i++)
        {
            var (title, amount, counterparty, on) = picked[i];
            var age = today.DayNumber - on.DayNumber;
            var status = i switch
            {
                0 or 1 => DocumentStatus.Executed,
                _ when i == picked.Count - 1 => DocumentStatus.Draft,
                _ when i == picked.Count - 2 => DocumentStatus.OnApproval,
                _ => DocumentStatus.InForce,
            };
            var contract = Add(SeedDocumentTypes.Contract, title, counterparty.Id, counterparty.ResponsibleId, on, null, status, amount);
            contract.Summary = "Договор с приложениями: спецификация, смета, график выполнения работ.";
            if (status is DocumentStatus.InForce or DocumentStatus.Executed)
            {
                contract.ValidFrom = on.AddDays(4);
                contract.ValidTo = on.AddDays(365);
            }
            if (lawyer is { } l)
                db.DocumentCoResponsibles.Add(new DocumentCoResponsible { DocumentId = contract.Id, UserId = l });
            var signed = status is DocumentStatus.InForce or DocumentStatus.Executed;
            var childStatus = signed ? DocumentStatus.Signed : status;
            Add(SeedDocumentTypes.Appendix, "Спецификация", counterparty.Id, counterparty.ResponsibleId, on, contract, childStatus);
            Add(SeedDocumentTypes.Appendix, "Локальный сметный расчёт", counterparty.Id, counterparty.ResponsibleId, on, contract, childStatus);
            if (!signed)
                continue;
            if (i % 3 == 1)
            {
                var agreement = Add(SeedDocumentTypes.SupplementaryAgreement, AgreementTitles[i % AgreementTitles.Length], counterparty.Id,
                    counterparty.ResponsibleId, on.AddDays(Math.Min(60, age / 2)), contract, i % 2 == 0 ? DocumentStatus.OnApproval : DocumentStatus.Signed);
                Add(SeedDocumentTypes.Appendix, "Уточнённая смета", counterparty.Id, counterparty.ResponsibleId, agreement.RegisteredOn, agreement, agreement.Status);
            }
            // Monthly acts and invoices; every third contract in force has no invoice yet, and some latest acts are unsigned.
            var months = Math.Clamp(age / 30, 1, 3);
            for (var m = 1; m <= months; m++)
            {
                var on2 = on.AddDays(30 * m);
                if (on2 > today)
                    break;
                var part = decimal.Round(amount / 12, 2);
                var last = m == months;
                var number = m;
                var actStatus = last && status == DocumentStatus.InForce && i % 2 == 0 ? DocumentStatus.Draft : DocumentStatus.Signed;
                children.Add((on2, () => Add(SeedDocumentTypes.Act, $"Акт выполненных работ № {number}", counterparty.Id,
                    accountant ?? counterparty.ResponsibleId, on2, contract, actStatus, part)));
                if (!(status == DocumentStatus.InForce && i % 3 == 0))
                    children.Add((on2, () => Add(SeedDocumentTypes.Invoice, $"Счёт на оплату № {number}", counterparty.Id,
                        accountant ?? counterparty.ResponsibleId, on2, contract, DocumentStatus.Signed, part)));
            }
            if (i % 4 == 2)
            {
                var letterOn = Earlier(on.AddDays(20), today);
                var senderNumber = $"{random.Next(100, 999)}/{letterOn:yy}";
                children.Add((letterOn, () =>
                {
                    // A registered incoming letter is not a draft: it came signed by the sender, and an older one has been dealt with.
                    var letter = Add(SeedDocumentTypes.IncomingLetter, "О переносе сроков поставки", counterparty.Id,
                        secretary ?? counterparty.ResponsibleId, letterOn, null, today.DayNumber - letterOn.DayNumber > 14 ? DocumentStatus.Executed : DocumentStatus.Signed);
                    letter.IncomingNumber = senderNumber;
                    letter.IncomingDate = letterOn.AddDays(-2);
                }
                ));
            }
        }
        // Acts, invoices and letters go into their yearly journals in date order, as a registry office would number them.
        foreach (var (_, add) in children.OrderBy(c => c.On))
            add();

        foreach (var ((journalId, scope), value) in counters)
            db.JournalCounters.Add(new JournalCounter { JournalId = journalId, Scope = scope, Value = value });
        await db.SaveChangesAsync(ct);
    }

    private static DateOnly Earlier(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>When a demo document got its present status: on the day we signed it (or the day after registration), never after now.</summary>
    internal static DateTime DecidedAt(DateTime createdAt, DateOnly registeredOn, DateOnly? signedByUsOn, DateTime now)
    {
        var days = signedByUsOn is { } signed ? Math.Max(0, signed.DayNumber - registeredOn.DayNumber) : 1;
        var at = createdAt.AddDays(days).AddHours(3);
        return at < now ? at : now;
    }
}
