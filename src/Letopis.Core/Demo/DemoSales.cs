using Letopis.Core.Activities;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Deals;
using Letopis.Core.Leads;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Demo;

/// <summary>
/// Leads and deals of the demo company: leads in every stage (new web-form requests and calls, some
/// repeat leads of existing clients, some junk with a reason, some converted into the client, contact
/// and deal they came from), the «Продажи» pipeline and a «Тендеры» pipeline with deals in every
/// stage, line items, contact persons, the contracts already in the registry linked to their deals,
/// and a call and a meeting planned on them. Written once, on a demo database without leads.
/// </summary>
public sealed class SeedDemoSales(LetopisDb db, TimeProvider time, CompanyTimeZone company)
{
    public const string TendersPipeline = "Тендеры";

    private static readonly (string Name, StageSemantic Semantic, string Color)[] TenderStages =
    [
        ("Поиск тендера", StageSemantic.Open, "#90caf9"),
        ("Подготовка заявки", StageSemantic.Open, "#4fc3f7"),
        ("Заявка подана", StageSemantic.Open, "#4db6ac"),
        ("Рассмотрение", StageSemantic.Open, "#aed581"),
        ("Контракт заключён", StageSemantic.Won, "#66bb6a"),
        ("Тендер проигран", StageSemantic.Lost, "#e57373"),
    ];

    private static readonly (string Title, string Company, string Person, string Phone, string Email, string? Comment)[] NewLeads =
    [
        ("Заявка с сайта: расчёт стоимости фундамента", "ООО «Загородный дом»", "Кравцов Илья Петрович", "+74959871201", "kravtsov@zagdom.example", "Частный дом 12×14 м, плита"),
        ("Входящий звонок: аренда автокрана", "ООО «ТрансЛогистик»", "Гусева Марина Олеговна", "+74959871202", "guseva@translog.example", "Нужен кран 25 т на 3 смены"),
        ("Запрос КП на кровельные работы", "ООО «Агрокомплекс Подмосковье»", "Тарасов Виктор Иванович", "+74959871203", "tarasov@agro-pm.example", "Кровля зернохранилища 2 400 м²"),
        ("Визитка с выставки «Строительная неделя»", "АО «Энергомонтаж»", "Климова Дарья Андреевна", "+74959871204", "klimova@energomont.example", null),
        ("Заявка на монтаж металлоконструкций", "ООО «Складской терминал Север»", "Быков Роман Сергеевич", "+74959871205", "bykov@sklad-sever.example", "Каркас склада, 180 т"),
        ("Письмо на info@: поставка бетона", "ООО «Монолит-Инвест»", "Сорокина Алла Викторовна", "+74959871206", "sorokina@monolit-invest.example", "В25, 600 м³ в месяц"),
        ("Обратный звонок: остекление офиса", "ООО «Бизнес-центр Панорама»", "Егоров Максим Игоревич", "+74959871207", "egorov@panorama-bc.example", null),
        ("Рекомендация клиента: благоустройство", "ТСЖ «Зелёная роща»", "Панова Людмила Николаевна", "+74959871208", "panova@roscha-tsj.example", "Двор, детская площадка"),
        ("Заявка с сайта: смета на электромонтаж", "ООО «Технопарк Восток»", "Медведев Артём Юрьевич", "+74959871209", "medvedev@technopark-v.example", null),
        ("Запрос прайс-листа на щебень", "ИП Осипов Н. А.", "Осипов Николай Анатольевич", "+74959871210", "osipov.na@mail.example", "Самовывоз"),
        ("Заявка на проектирование сетей", "ООО «ЖК Новые горизонты»", "Фомина Вера Сергеевна", "+74959871211", "fomina@horizons.example", "ВК и ОВ, 3 корпуса"),
        ("Входящий звонок: фасадные работы", "ООО «Ритейл Девелопмент»", "Зуев Станислав Павлович", "+74959871212", "zuev@retail-dev.example", "НВФ, 5 000 м²"),
    ];

    private static readonly string[] JunkTitles =
    [
        "Звонок: предложение рекламы", "Заявка с сайта без контактов", "Поиск работы прорабом", "Рассылка: семинар по охране труда",
    ];

    private static readonly (string Title, string Pipeline, int Stage, (string Name, decimal Quantity, string Unit, decimal Price)[] Items, decimal Amount)[] Deals =
    [
        ("Монолитные работы, секция 3", SeedSales.SalesPipeline, 0, [], 9_800_000m),
        ("Поставка бетона В25, II квартал", SeedSales.SalesPipeline, 1, [("Бетон В25 (М350)", 600m, "м³", 6_950m), ("Доставка миксером", 75m, "рейс", 12_500m)], 0m),
        ("Кровля склада № 4", SeedSales.SalesPipeline, 2, [("Мембрана ПВХ 1,5 мм", 2_400m, "м²", 1_180m), ("Монтаж кровли", 2_400m, "м²", 950m)], 0m),
        ("Аренда крана на объекте «Северный квартал»", SeedSales.SalesPipeline, 3, [("Аренда крана КБ-473", 22m, "смена", 45_000m)], 0m),
        ("Электромонтаж, корпус В", SeedSales.SalesPipeline, 4, [], 4_150_000m),
        ("Поставка арматуры А500С, май", SeedSales.SalesPipeline, 5, [("Арматура А500С 12 мм", 38.5m, "т", 68_900m), ("Арматура А500С 16 мм", 21.25m, "т", 67_400m)], 0m),
        ("Благоустройство двора, 2-я очередь", SeedSales.SalesPipeline, 6, [], 1_900_000m),
        ("Вывоз строительного мусора, квартал", SeedSales.SalesPipeline, 0, [("Вывоз мусора, контейнер 27 м³", 40m, "рейс", 14_800m)], 0m),
        ("Тендер: ремонт школы № 17", TendersPipeline, 0, [], 23_400_000m),
        ("Тендер: реконструкция котельной", TendersPipeline, 1, [], 41_000_000m),
        ("Тендер: строительство ФАПа", TendersPipeline, 2, [], 18_750_000m),
        ("Тендер: капремонт кровли поликлиники", TendersPipeline, 3, [], 7_300_000m),
        ("Тендер: благоустройство набережной", TendersPipeline, 4, [], 56_200_000m),
        ("Тендер: дорожные работы, ул. Лесная", TendersPipeline, 5, [], 12_900_000m),
    ];

    /// <summary>Returns whether anything was created: only on a demo database (its director exists) that has no leads yet.</summary>
    public async Task<bool> HandleAsync(CancellationToken ct)
    {
        if (await db.Leads.AnyAsync(ct) || !await db.Users.AnyAsync(u => u.NormalizedUserName == "DIRECTOR", ct))
            return false;
        var now = time.GetUtcNow().UtcDateTime;
        var random = new Random(2029);
        var logins = new[] { "petrov", "ivanova", "smirnov", "kuznetsova", "volkov", "popova", "kommerc" };
        var users = await db.Users.AsNoTracking().Where(u => logins.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.Id, ct);
        var sellers = new[] { users["ivanova"], users["smirnov"], users["kuznetsova"], users["petrov"] };

        var stages = await db.PipelineStages.AsNoTracking().ToListAsync(ct);
        var pipelines = await db.Pipelines.AsNoTracking().ToListAsync(ct);
        var leadPipeline = pipelines.Single(p => p.Kind == PipelineKind.Lead);
        var leadStages = stages.Where(s => s.PipelineId == leadPipeline.Id).OrderBy(s => s.Order).ToList();
        var outcome = leadStages.Single(s => s.Semantic == StageSemantic.Outcome);
        var openLeadStages = leadStages.Where(s => s.Semantic == StageSemantic.Open).ToList();
        var sales = pipelines.FirstOrDefault(p => p.Kind == PipelineKind.Deal && p.Name == SeedSales.SalesPipeline)
            ?? pipelines.Where(p => p.Kind == PipelineKind.Deal).OrderBy(p => p.Order).First();
        var tenders = new SeedSales(db, time).AddPipeline(PipelineKind.Deal, TendersPipeline, sales.Order + 1, TenderStages, now);
        var dealStages = new Dictionary<string, List<PipelineStage>>
        {
            [SeedSales.SalesPipeline] = stages.Where(s => s.PipelineId == sales.Id).OrderBy(s => s.Order).ToList(),
            [TendersPipeline] = db.PipelineStages.Local.Where(s => s.PipelineId == tenders.Id).OrderBy(s => s.Order).ToList(),
        };
        var sources = await db.ReferenceItems.AsNoTracking().Where(r => r.Book == ReferenceBook.AdSource).OrderBy(r => r.Name).Select(r => r.Id).ToListAsync(ct);
        var junkReasons = await db.ReferenceItems.AsNoTracking().Where(r => r.Book == ReferenceBook.JunkReason).OrderBy(r => r.Name).Select(r => r.Id).ToListAsync(ct);
        var lostReasons = await db.ReferenceItems.AsNoTracking().Where(r => r.Book == ReferenceBook.LostReason).OrderBy(r => r.Name).Select(r => r.Id).ToListAsync(ct);
        var clients = await db.Counterparties.AsNoTracking()
            .Where(c => c.Kind == CounterpartyKind.Company && c.ResponsibleId != null)
            .OrderBy(c => c.NameNormalized)
            .Select(c => new { c.Id, c.Name, c.Inn, c.Phone, c.Email, c.CreatedAt, ResponsibleId = c.ResponsibleId!.Value })
            .ToListAsync(ct);
        var contactOf = (await db.CounterpartyContacts.AsNoTracking()
                .OrderBy(l => l.CounterpartyId).ThenByDescending(l => l.IsMain).ThenBy(l => l.ContactId)
                .Select(l => new { l.CounterpartyId, l.ContactId })
                .ToListAsync(ct))
            .GroupBy(l => l.CounterpartyId)
            .ToDictionary(g => g.Key, g => g.First().ContactId);
        Guid? Source() => sources.Count > 0 && random.Next(3) > 0 ? sources[random.Next(sources.Count)] : null;

        // Open leads in the open stages, newest in the first.
        for (var i = 0; i < NewLeads.Length; i++)
        {
            var (title, companyName, person, phone, email, comment) = NewLeads[i];
            var stage = openLeadStages[Math.Min(openLeadStages.Count - 1, i * openLeadStages.Count / NewLeads.Length)];
            var created = now.AddHours(-(3 + i * 9 + random.Next(5)));
            AddLead(new Lead
            {
                Title = title,
                CompanyName = companyName,
                ContactName = person,
                Phone = phone,
                Email = email,
                Comment = comment,
                // Half of them came with the ИНН, the rest will be asked for it when converted.
                Inn = i % 2 == 0 ? Requisites.CompleteInn10($"7719{100_00 + i:D5}") : null,
                SourceId = Source(),
                ResponsibleId = sellers[i % sellers.Length],
                StageId = stage.Id,
                CreatedAt = created,
            }, created, stage);
        }

        // Repeat leads: an existing client writes or calls again.
        foreach (var client in clients.Take(3))
        {
            var created = now.AddHours(-random.Next(2, 40));
            AddLead(new Lead
            {
                Title = $"Повторное обращение: {client.Name}",
                CompanyName = client.Name,
                Inn = client.Inn,
                Phone = client.Phone,
                Email = client.Email,
                ContactName = null,
                SourceId = Source(),
                ResponsibleId = client.ResponsibleId,
                StageId = openLeadStages[0].Id,
                CreatedAt = created,
                RepeatCounterpartyId = client.Id,
                RepeatContactId = contactOf.TryGetValue(client.Id, out var c) ? c : null,
            }, created, openLeadStages[0]);
        }

        // Junk leads, closed with a reason.
        for (var i = 0; i < JunkTitles.Length; i++)
        {
            var created = now.AddDays(-(2 + i * 3));
            var lead = AddLead(new Lead
            {
                Title = JunkTitles[i],
                Phone = $"+7495987130{i}",
                ResponsibleId = sellers[i % sellers.Length],
                StageId = outcome.Id,
                Status = LeadStatus.Junk,
                JunkReasonId = junkReasons.Count > 0 ? junkReasons[i % junkReasons.Count] : null,
                ClosedAt = created.AddHours(2),
                ClosedById = sellers[i % sellers.Length],
                CreatedAt = created,
            }, created, outcome);
            LeadEvent(lead, created.AddHours(2), TimelineKinds.LeadJunk);
        }

        // Deals, the first ones converted from leads of their clients.
        var deals = new List<Deal>();
        for (var i = 0; i < Deals.Length; i++)
        {
            var (title, pipelineName, stageIndex, items, amount) = Deals[i];
            var pipelineStages = dealStages[pipelineName];
            var stage = pipelineStages[Math.Min(stageIndex, pipelineStages.Count - 1)];
            var client = clients[(i * 2 + 3) % clients.Count];
            // A deal is entered after its client's card (and its lead two days before it).
            var created = Later(now.AddDays(-(5 + i * 4)), client.CreatedAt.AddDays(3), now.AddHours(-12));
            var deal = new Deal
            {
                Title = title,
                PipelineId = stage.PipelineId,
                StageId = stage.Id,
                CompanyId = client.Id,
                ResponsibleId = client.ResponsibleId,
                SourceId = Source(),
                CreatedAt = created,
                CreatedById = client.ResponsibleId,
                StageChangedAt = Earlier(created.AddDays(Math.Min(stageIndex, 4)), now.AddHours(-1)),
                ExpectedCloseOn = stage.Semantic == StageSemantic.Open ? DateOnly.FromDateTime(now).AddDays(10 + i * 3) : null,
                ClosedAt = stage.Semantic == StageSemantic.Open ? null : Earlier(created.AddDays(Math.Min(stageIndex, 4)), now.AddHours(-1)),
                LostReasonId = stage.Semantic == StageSemantic.Lost && lostReasons.Count > 0 ? lostReasons[i % lostReasons.Count] : null,
            };
            var order = 0;
            foreach (var (name, quantity, unit, price) in items)
            {
                var quantityMilli = (long)(quantity * DealItem.QuantityScale);
                var priceMinor = (long)(price * 100);
                var sum = (long)Math.Round(priceMinor * (decimal)quantityMilli / DealItem.QuantityScale, MidpointRounding.AwayFromZero);
                db.DealItems.Add(new DealItem
                {
                    DealId = deal.Id,
                    Order = order++,
                    Name = name,
                    QuantityMilli = quantityMilli,
                    Unit = unit,
                    PriceMinor = priceMinor,
                    VatRate = 22,
                    AmountMinor = sum,
                    VatMinor = (long)Math.Round(sum * 22m / 122m, MidpointRounding.AwayFromZero),
                });
                deal.AmountMinor += sum;
            }
            if (items.Length == 0)
                deal.AmountMinor = (long)(amount * 100);
            db.Deals.Add(deal);
            deals.Add(deal);
            if (contactOf.TryGetValue(client.Id, out var contact))
                db.DealContacts.Add(new DealContact { DealId = deal.Id, ContactId = contact });
            Transition(Deal.EntityKind, deal.Id, null, pipelineStages[0].Id, created, deal.ResponsibleId);
            var at = created;
            for (var s = 1; s <= Math.Min(stageIndex, pipelineStages.Count - 1) && pipelineStages[s - 1].Semantic == StageSemantic.Open; s++)
            {
                if (pipelineStages[s].Semantic == StageSemantic.Lost && stage.Semantic != StageSemantic.Lost)
                    break;
                var next = Earlier(at.AddDays(1), deal.StageChangedAt);
                Transition(Deal.EntityKind, deal.Id, pipelineStages[s - 1].Id, pipelineStages[s].Id, next, deal.ResponsibleId, (long)(next - at).TotalSeconds);
                at = next;
            }
            Timeline.Add(db, client.Id, created, null, TimelineKinds.DealCreated, deal.Title, Deal.EntityKind, deal.Id).DealId = deal.Id;
            if (stage.Semantic is StageSemantic.Won or StageSemantic.Lost)
            {
                Timeline.Add(db, client.Id, deal.ClosedAt!.Value, null, stage.Semantic == StageSemantic.Won ? TimelineKinds.DealWon : TimelineKinds.DealLost,
                    deal.Title, Deal.EntityKind, deal.Id).DealId = deal.Id;
            }

            // The first three deals came from leads: converted into the client, its contact and the deal.
            if (i < 3)
            {
                var leadCreated = created.AddDays(-2);
                var lead = AddLead(new Lead
                {
                    Title = $"Заявка: {title}",
                    CompanyName = client.Name,
                    Inn = client.Inn,
                    Phone = client.Phone,
                    Email = client.Email,
                    ResponsibleId = client.ResponsibleId,
                    StageId = outcome.Id,
                    Status = LeadStatus.Converted,
                    SourceId = deal.SourceId,
                    CompanyId = client.Id,
                    ContactId = contactOf.TryGetValue(client.Id, out var c) ? c : null,
                    DealId = deal.Id,
                    ClosedAt = created,
                    ClosedById = client.ResponsibleId,
                    CreatedAt = leadCreated,
                }, leadCreated, outcome);
                deal.LeadId = lead.Id;
                var converted = LeadEvent(lead, created, TimelineKinds.LeadConverted);
                converted.CounterpartyId = client.Id;
                converted.DealId = deal.Id;
            }
        }

        // Planned work on them: a call on a fresh lead today and a meeting on an open deal tomorrow.
        var today = TimeZones.DayOf(now, company.Zone);
        var firstLead = db.Leads.Local.OrderByDescending(l => l.CreatedAt).First(l => l.Status == LeadStatus.Open && !l.IsRepeat);
        db.Activities.Add(new Activity
        {
            Kind = ActivityKind.Call,
            Subject = $"Перезвонить: {firstLead.Title}",
            AssigneeId = firstLead.ResponsibleId!.Value,
            PlannedById = firstLead.ResponsibleId.Value,
            PlannedAt = TimeZones.ToUtc(today.ToDateTime(new TimeOnly(15, 30)), company.Zone),
            LeadId = firstLead.Id,
            CreatedAt = now,
        });
        var openDeal = deals.First(d => d.ClosedAt is null && d.CompanyId is not null);
        db.Activities.Add(new Activity
        {
            Kind = ActivityKind.Meeting,
            Subject = $"Встреча по сделке «{openDeal.Title}»",
            AssigneeId = openDeal.ResponsibleId!.Value,
            PlannedById = openDeal.ResponsibleId.Value,
            PlannedAt = TimeZones.ToUtc(today.AddDays(1).ToDateTime(new TimeOnly(11, 0)), company.Zone),
            DurationMinutes = Activity.DefaultMeetingMinutes,
            CounterpartyId = openDeal.CompanyId,
            DealId = openDeal.Id,
            CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);

        // The registry's contracts with a client that has a deal belong to that deal.
        foreach (var deal in deals.Where(d => d.CompanyId is not null))
        {
            var contract = await db.Documents.Where(d => d.CounterpartyId == deal.CompanyId && d.ParentId == null && d.DealId == null)
                .OrderBy(d => d.RegisteredOn).ThenBy(d => d.Id).FirstOrDefaultAsync(ct);
            if (contract is not null)
                contract.DealId = deal.Id;
        }
        await db.SaveChangesAsync(ct);
        await DemoHistory.StampSalesAsync(db, ct);
        return true;

        Lead AddLead(Lead lead, DateTime created, PipelineStage stage)
        {
            lead.CreatedById = lead.ResponsibleId;
            lead.StageChangedAt = lead.ClosedAt ?? created;
            db.Leads.Add(lead);
            Transition(Lead.EntityKind, lead.Id, null, leadStages[0].Id, created, lead.ResponsibleId);
            if (stage.Id != leadStages[0].Id)
                Transition(Lead.EntityKind, lead.Id, leadStages[0].Id, stage.Id, lead.StageChangedAt, lead.ResponsibleId, (long)(lead.StageChangedAt - created).TotalSeconds);
            LeadEvent(lead, created, TimelineKinds.LeadCreated);
            return lead;
        }

        static DateTime Earlier(DateTime at, DateTime notAfter) => at > notAfter ? notAfter : at;

        static DateTime Later(DateTime at, DateTime notBefore, DateTime notAfter) => at < notBefore ? (notBefore < notAfter ? notBefore : notAfter) : at;

        TimelineEvent LeadEvent(Lead lead, DateTime at, string kind)
        {
            var entry = new TimelineEvent
            {
                LeadId = lead.Id,
                At = at,
                Kind = kind,
                Text = lead.Title,
                UserId = lead.ResponsibleId,
                EntityKind = Lead.EntityKind,
                EntityId = lead.Id,
            };
            db.TimelineEvents.Add(entry);
            return entry;
        }

        void Transition(string kind, Guid id, Guid? from, Guid to, DateTime at, Guid? user, long? seconds = null) =>
            db.StageTransitions.Add(new StageTransition { EntityKind = kind, EntityId = id, FromStageId = from, ToStageId = to, At = at, UserId = user, SecondsInPrevious = seconds });
    }
}
