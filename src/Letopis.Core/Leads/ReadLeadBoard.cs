using System.Globalization;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Deals;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Leads;

/// <summary>A card of the board.</summary>
public sealed record LeadCard(
    Guid Id,
    string Title,
    string? CompanyName,
    string? ContactName,
    string? Phone,
    string? PhoneFormatted,
    bool IsRepeat,
    LeadRef? Responsible,
    DateTime CreatedAt,
    LeadStatus Status);

/// <summary>A column of the board: its stage, how many leads stand in it, its newest cards and where the next ones start.</summary>
public sealed record LeadBoardColumn(LeadStageRef Stage, long Count, IReadOnlyList<LeadCard> Cards, string? Next);

/// <summary>The leads board: one column per stage, left to right.</summary>
public sealed record LeadBoardDto(IReadOnlyList<LeadBoardColumn> Columns);

/// <summary>
/// The kanban board of leads. Built for a million leads: the counts come from the kept
/// <see cref="StageTotal"/> rows, and every column is one indexed query reading no more rows than
/// it shows (newest first on the stage's (StageId, CreatedAt, Id) index).
/// </summary>
public sealed class ReadLeadBoard(LetopisDb db, NameBook nameBook)
{
    public const int DefaultTake = 20;
    public const int MaxTake = 100;

    /// <summary>Up to this many people, a scoped column is merged from one indexed part per person.</summary>
    private const int MaxPeopleMerged = 64;

    /// <summary>
    /// Every column with its first <paramref name="take"/> cards; <paramref name="responsibleId"/>
    /// narrows to one person («мои» is the caller's own id).
    /// </summary>
    public async Task<LeadBoardDto> HandleAsync(AccessContext access, Guid? responsibleId, int? take, CancellationToken ct)
    {
        var count = Math.Clamp(take ?? DefaultTake, 1, MaxTake);
        var stages = await LeadRules.StagesAsync(db, ct);
        var totals = await StageTotals.VisibleAsync(db, access, Lead.EntityKind, stages.Select(s => s.Id).ToList(), responsibleId, ct);
        var names = await nameBook.GetAsync(db, access.Stamp, ct);
        var columns = new List<LeadBoardColumn>();
        foreach (var stage in stages)
        {
            var total = totals.TryGetValue(stage.Id, out var t) ? t.Count : 0;
            // An empty column needs no query.
            var cards = total == 0 ? [] : await CardsAsync(access, stage.Id, responsibleId, null, count, names, ct);
            columns.Add(new LeadBoardColumn(Ref(stage), total, cards, NextCursor(cards, count)));
        }
        return new LeadBoardDto(columns);
    }

    /// <summary>The next cards of one column after <paramref name="after"/> (the column's <c>next</c>), for «load more».</summary>
    public async Task<Result<LeadBoardColumn>> ColumnAsync(
        AccessContext access, Guid stageId, string? after, Guid? responsibleId, int? take, CancellationToken ct)
    {
        var count = Math.Clamp(take ?? DefaultTake, 1, MaxTake);
        var stage = (await LeadRules.StagesAsync(db, ct)).FirstOrDefault(s => s.Id == stageId);
        if (stage is null)
            return Error.NotFound();
        (DateTime At, Guid Id)? cursor = null;
        if (!string.IsNullOrEmpty(after))
        {
            if (ParseCursor(after) is not { } parsed)
                return Error.Validation(("after", FieldErrors.Invalid));
            cursor = parsed;
        }
        var totals = await StageTotals.VisibleAsync(db, access, Lead.EntityKind, [stageId], responsibleId, ct);
        var names = await nameBook.GetAsync(db, access.Stamp, ct);
        var cards = await CardsAsync(access, stageId, responsibleId, cursor, count, names, ct);
        return new LeadBoardColumn(Ref(stage), totals.TryGetValue(stageId, out var t) ? t.Count : 0, cards, NextCursor(cards, count));
    }

    private async Task<List<LeadCard>> CardsAsync(
        AccessContext access, Guid stageId, Guid? responsibleId, (DateTime At, Guid Id)? after, int take, Names names, CancellationToken ct)
    {
        IQueryable<Lead> Column()
        {
            var column = db.Leads.AsNoTracking().Where(l => l.StageId == stageId);
            if (after is { } c)
            {
                var (at, id) = c;
                column = column.Where(l => l.CreatedAt < at || (l.CreatedAt == at && l.Id.CompareTo(id) < 0));
            }
            return column;
        }

        IQueryable<Lead> leads;
        if (responsibleId is { } only)
        {
            if (!access.Allows(Lead.EntityKind, PermissionAction.Read, only))
                return [];
            leads = Column().Where(l => l.ResponsibleId == only);
        }
        else
        {
            var scope = access.ScopeFor(Lead.EntityKind, PermissionAction.Read);
            if (scope == AccessScope.None)
                return [];
            if (scope == AccessScope.All)
            {
                leads = Column();
            }
            else if (access.UsersIn(scope).ToList() is { Count: <= MaxPeopleMerged } people)
            {
                // A department's column is the newest cards of each of its people, merged: every part
                // reads the (StageId, ResponsibleId, CreatedAt) index for at most «take» rows. A filter
                // «ResponsibleId IN (…)» would make the database sort the whole department's stage.
                IQueryable<Lead>? merged = null;
                foreach (var person in people)
                {
                    var own = Column().Where(l => l.ResponsibleId == person)
                        .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).Take(take);
                    merged = merged is null ? own : merged.Concat(own);
                }
                leads = merged!;
            }
            else
            {
                leads = Column().VisibleTo(access, Lead.EntityKind);
            }
        }
        var rows = await leads.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).Take(take)
            .Select(l => new
            {
                l.Id,
                l.Title,
                l.CompanyName,
                l.ContactName,
                l.Phone,
                IsRepeat = l.RepeatCounterpartyId != null || l.RepeatContactId != null,
                l.ResponsibleId,
                l.CreatedAt,
                l.Status,
            })
            .ToListAsync(ct);
        return rows.Select(r => new LeadCard(r.Id, r.Title, r.CompanyName, r.ContactName, r.Phone, r.Phone is null ? null : Phones.Format(r.Phone),
            r.IsRepeat, r.ResponsibleId is { } u && names.User(u) is { } name ? new LeadRef(u, name) : null, r.CreatedAt, r.Status)).ToList();
    }

    private static LeadStageRef Ref(LeadStage s) => new(s.Id, s.Name, s.Semantic, s.Color, s.Order);

    /// <summary>A full page may have more after it: the cursor names its last card.</summary>
    private static string? NextCursor(List<LeadCard> cards, int take) =>
        cards.Count < take ? null : cards[^1].CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture) + "_" + cards[^1].Id.ToString("N");

    private static (DateTime, Guid)? ParseCursor(string text)
    {
        var parts = text.Split('_');
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
               && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks
               && Guid.TryParseExact(parts[1], "N", out var id)
            ? (new DateTime(ticks, DateTimeKind.Utc), id)
            : null;
    }
}
