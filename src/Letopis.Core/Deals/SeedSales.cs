using Letopis.Core.Access;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Deals;

/// <summary>
/// What leads and deals need before anyone opens them, created once and then the company's to
/// change: the lead stages, a first deal pipeline, the usual junk and lost reasons, and the
/// built-in roles' cells for leads and deals on a database whose roles were made before they existed.
/// </summary>
public sealed class SeedSales(LetopisDb db, TimeProvider time)
{
    public static readonly (string Name, StageSemantic Semantic, string Color)[] LeadStages =
    [
        ("Не обработан", StageSemantic.Open, "#90caf9"),
        ("В работе", StageSemantic.Open, "#4fc3f7"),
        ("Обработан", StageSemantic.Open, "#4db6ac"),
        ("Результат", StageSemantic.Outcome, "#81c784"),
    ];

    public const string SalesPipeline = "Продажи";

    public static readonly (string Name, StageSemantic Semantic, string Color)[] DealStages =
    [
        ("Новая", StageSemantic.Open, "#90caf9"),
        ("Подготовка документов", StageSemantic.Open, "#4fc3f7"),
        ("Счёт на предоплату", StageSemantic.Open, "#4dd0e1"),
        ("В работе", StageSemantic.Open, "#4db6ac"),
        ("Финальный счёт", StageSemantic.Open, "#aed581"),
        ("Сделка успешна", StageSemantic.Won, "#66bb6a"),
        ("Сделка провалена", StageSemantic.Lost, "#e57373"),
    ];

    public static readonly string[] JunkReasons = ["Спам", "Нет потребности", "Не наш профиль", "Не отвечает", "Дубль"];

    public static readonly string[] LostReasons = ["Дорого", "Выбрали конкурента", "Нет бюджета", "Не устроили сроки", "Отказ без объяснения"];

    /// <summary>Returns whether anything was created.</summary>
    public async Task<bool> HandleAsync(CancellationToken ct)
    {
        var created = false;
        var now = time.GetUtcNow().UtcDateTime;
        if (!await db.Pipelines.AnyAsync(p => p.Kind == PipelineKind.Lead, ct))
        {
            AddPipeline(PipelineKind.Lead, "Лиды", 0, LeadStages, now);
            created = true;
        }
        if (!await db.Pipelines.AnyAsync(p => p.Kind == PipelineKind.Deal, ct))
        {
            AddPipeline(PipelineKind.Deal, SalesPipeline, 0, DealStages, now);
            created = true;
        }
        created |= await AddReasonsAsync(ReferenceBook.JunkReason, JunkReasons, ct);
        created |= await AddReasonsAsync(ReferenceBook.LostReason, LostReasons, ct);
        created |= await AddRoleCellsAsync(ct);
        if (created)
            await db.SaveChangesAsync(ct);
        return created;
    }

    /// <summary>Adds a pipeline with its stages to the context (saved by the caller).</summary>
    public Pipeline AddPipeline(PipelineKind kind, string name, int order, IEnumerable<(string Name, StageSemantic Semantic, string Color)> stages, DateTime now)
    {
        var pipeline = new Pipeline { Kind = kind, Name = name, Order = order, CreatedAt = now };
        db.Pipelines.Add(pipeline);
        var i = 0;
        foreach (var (stageName, semantic, color) in stages)
            db.PipelineStages.Add(new PipelineStage { PipelineId = pipeline.Id, Name = stageName, Order = i++, Semantic = semantic, Color = color });
        return pipeline;
    }

    private async Task<bool> AddReasonsAsync(ReferenceBook book, string[] names, CancellationToken ct)
    {
        if (await db.ReferenceItems.AnyAsync(r => r.Book == book, ct))
            return false;
        db.ReferenceItems.AddRange(names.Select(n => new ReferenceItem { Book = book, Name = n, NameNormalized = n.ToUpperInvariant() }));
        return true;
    }

    // Roles made before leads and deals existed get the default cells of their built-in role; other roles get none.
    private async Task<bool> AddRoleCellsAsync(CancellationToken ct)
    {
        var kinds = new[] { Leads.Lead.EntityKind, Deal.EntityKind };
        var roles = await db.Roles.AsNoTracking().Where(r => r.IsBuiltIn).Select(r => new { r.Id, r.Name }).ToListAsync(ct);
        var roleIds = roles.Select(r => r.Id).ToList();
        var existing = await db.RolePermissions.AsNoTracking()
            .Where(p => roleIds.Contains(p.RoleId) && kinds.Contains(p.EntityKind))
            .Select(p => new { p.RoleId, p.EntityKind, p.Action })
            .ToListAsync(ct);
        var added = false;
        foreach (var role in roles)
        {
            foreach (var (kind, action, scope) in DefaultPermissions.For(role.Name ?? ""))
            {
                if (!kinds.Contains(kind) || existing.Any(e => e.RoleId == role.Id && e.EntityKind == kind && e.Action == action))
                    continue;
                db.RolePermissions.Add(new RolePermission { RoleId = role.Id, EntityKind = kind, Action = action, Scope = scope });
                added = true;
            }
        }
        return added;
    }
}
