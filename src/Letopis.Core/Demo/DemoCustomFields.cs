using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Demo;

/// <summary>Custom fields a construction firm actually adds to its counterparties and contacts, with values.</summary>
internal static class DemoCustomFields
{
    private static readonly string[] ObjectTypes = ["Жилые дома", "Коммерческая недвижимость", "Склады и логистика", "Промышленные объекты", "Дороги и мосты", "Социальные объекты"];
    private static readonly string[] ContactRoles = ["Принимает решение", "Влияет на решение", "Технический специалист", "Бухгалтерия"];

    public static async Task SeedAsync(LetopisDb db, DateTime now, DateOnly today, CancellationToken ct)
    {
        var volume = Field(CustomFieldEntities.Company, "purchaseVolume", "Объём закупок в год", CustomFieldType.Money, 1, now);
        var objects = Field(CustomFieldEntities.Company, "objectTypes", "Тип объектов", CustomFieldType.List, 2, now, ObjectTypes, multiple: true);
        var sro = Field(CustomFieldEntities.Company, "sroAdmission", "Допуск СРО", CustomFieldType.Bool, 3, now);
        var sroUntil = Field(CustomFieldEntities.Company, "sroValidUntil", "СРО действует до", CustomFieldType.Date, 4, now);
        var role = Field(CustomFieldEntities.Contact, "purchaseRole", "Роль в закупках", CustomFieldType.List, 1, now, ContactRoles);
        db.CustomFields.AddRange(volume, objects, sro, sroUntil, role);

        // The same fixed seed idea as the counterparties: every demo database looks the same.
        var random = new Random(1128);
        var cards = await db.Counterparties.AsNoTracking().OrderBy(c => c.NameNormalized).Select(c => c.Id).ToListAsync(ct);
        foreach (var card in cards)
        {
            if (random.Next(10) < 7)
                db.CustomFieldValues.Add(new CustomFieldValue { FieldId = volume.Id, EntityId = card, NumberValue = random.Next(5, 900) * 100_000L * CustomFieldValue.Scale });
            foreach (var type in ObjectTypes.Where(_ => random.Next(4) == 0))
                db.CustomFieldValues.Add(new CustomFieldValue { FieldId = objects.Id, EntityId = card, StringValue = type });
            if (random.Next(3) == 0)
            {
                db.CustomFieldValues.Add(new CustomFieldValue { FieldId = sro.Id, EntityId = card, BoolValue = true });
                db.CustomFieldValues.Add(new CustomFieldValue { FieldId = sroUntil.Id, EntityId = card, DateValue = today.AddDays(random.Next(-30, 700)) });
            }
        }
        // The role in purchases follows from the position: the director decides, the chief accountant is «Бухгалтерия».
        var roles = DemoCounterparties.Positions.ToDictionary(p => p.Position, p => p.PurchaseRole);
        roles[DemoCounterparties.Entrepreneur] = "Принимает решение";
        var links = await db.CounterpartyContacts.AsNoTracking().OrderBy(l => l.CounterpartyId).ThenBy(l => l.ContactId)
            .Select(l => new { l.ContactId, l.Position }).ToListAsync(ct);
        foreach (var link in links.DistinctBy(l => l.ContactId).Where(_ => random.Next(2) == 0))
        {
            if (link.Position is not null && roles.TryGetValue(link.Position, out var value))
                db.CustomFieldValues.Add(new CustomFieldValue { FieldId = role.Id, EntityId = link.ContactId, StringValue = value });
        }
        await db.SaveChangesAsync(ct);
    }

    private static CustomField Field(string entity, string code, string label, CustomFieldType type, int order, DateTime now,
        string[]? options = null, bool multiple = false) => new()
        {
            Entity = entity,
            Code = code,
            Label = label,
            Type = type,
            Order = order,
            Multiple = multiple,
            Options = CustomField.OptionsText(options),
            CreatedAt = now,
        };
}
