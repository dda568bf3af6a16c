using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Deals;

/// <summary>What a valid deal is, shared by creating and editing one: everything is checked before anything changes.</summary>
internal static class DealRules
{
    public const int MaxItems = 500;
    public const int MaxContacts = 50;

    /// <summary>The amount of a deal with items is their sum; it cannot be set besides them.</summary>
    public const string AmountFromItems = "amount_from_items";

    /// <summary>A closed (won, lost) stage: a new deal starts open.</summary>
    public const string StageClosed = "stage_closed";

    /// <summary>An archived pipeline takes no new deals.</summary>
    public const string PipelineArchived = "pipeline_archived";

    /// <summary>A deal's stage and pipeline change through the move, which records the transition.</summary>
    public const string UseMove = "use_stage_move";

    /// <summary>A quantity must be above zero.</summary>
    public const string NotPositive = "not_positive";

    /// <summary>A quantity with more than three decimals, or beyond 10⁹.</summary>
    public const string NotQuantity = "not_quantity";

    /// <summary>An amount or price with more than two decimals, or beyond the limit.</summary>
    public const string NotMoney = "not_money";

    /// <summary>Negative money.</summary>
    public const string Negative = "negative";

    /// <summary>The validated change: items and contacts to write, when the fields replace them.</summary>
    public sealed record Change(List<(string Field, string Code)> Errors, List<DealItem>? Items, List<Guid>? ContactIds);

    /// <summary>
    /// Validates <paramref name="f"/> against <paramref name="target"/> and, when valid, applies it.
    /// <paramref name="currentItems"/> says whether the deal already has items (an edit).
    /// </summary>
    public static async Task<Change> ApplyAsync(
        LetopisDb db, AccessContext access, Deal target, DealFields f, bool isNew, bool currentItems, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var title = PatchText.Text(f.Title, target.Title, "title", Deal.TitleMax, errors, required: true);
        var comment = PatchText.Text(f.Comment, target.Comment, "comment", TextLimits.Long, errors, multiLine: true);

        Guid pipelineId = target.PipelineId, stageId = target.StageId;
        if (isNew)
            (pipelineId, stageId) = await StageOfNewAsync(db, f, errors, ct);
        else
        {
            if (f.PipelineId is { HasValue: true, Value: var p } && p != target.PipelineId)
                errors.Add(("pipelineId", UseMove));
            if (f.StageId is { HasValue: true, Value: var s } && s != target.StageId)
                errors.Add(("stageId", UseMove));
        }

        var currency = target.Currency;
        if (f.Currency.HasValue)
        {
            var c = f.Currency.Value?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(c))
                currency = "RUB";
            else if (c.Length != 3 || !c.All(char.IsAsciiLetterUpper))
                errors.Add(("currency", FieldErrors.Invalid));
            else
                currency = c;
        }

        // Items: each checked and computed in integers; their sum becomes the amount.
        List<DealItem>? items = null;
        if (f.Items is { HasValue: true, Value: var inputs })
            items = Items(inputs ?? [], target.Id, errors);
        var willHaveItems = items is not null ? items.Count > 0 : currentItems;
        long amount = target.AmountMinor;
        if (f.Amount is { HasValue: true, Value: var given })
        {
            var minor = given is { } g ? DealItemMath.ToMinor(g) : 0;
            if (given < 0)
                errors.Add(("amount", Negative));
            else if (minor is null)
                errors.Add(("amount", NotMoney));
            else if (willHaveItems)
            {
                // With items the amount is theirs: repeating it is fine, another one is refused.
                if (given is not null && (items is null || minor != items.Sum(i => i.AmountMinor)))
                    errors.Add(("amount", AmountFromItems));
            }
            else
                amount = minor.Value;
        }
        if (items is { Count: > 0 } && errors.Count == 0)
        {
            var sum = (Int128)0;
            foreach (var i in items)
                sum += i.AmountMinor;
            if (sum > DealItemMath.MaxMinor)
                errors.Add(("items", NotMoney));
            else
                amount = (long)sum;
        }

        var companyId = f.CompanyId.Or(target.CompanyId);
        if (f.CompanyId is { HasValue: true, Value: { } company } && company != target.CompanyId
            && !await db.Counterparties.VisibleTo(access, Counterparty.EntityKind).AnyAsync(c => c.Id == company, ct))
            errors.Add(("companyId", FieldErrors.NotFound));

        List<Guid>? contactIds = null;
        if (f.ContactIds is { HasValue: true, Value: var contacts })
        {
            contactIds = (contacts ?? []).Distinct().ToList();
            if (contactIds.Count > MaxContacts)
                errors.Add(("contactIds", FieldErrors.TooLong));
            else if (contactIds.Count > 0)
            {
                var visible = db.Counterparties.VisibleTo(access, Counterparty.EntityKind);
                var seen = (await db.CounterpartyContacts.AsNoTracking()
                    .Where(l => contactIds.Contains(l.ContactId) && visible.Any(v => v.Id == l.CounterpartyId))
                    .Select(l => l.ContactId).Distinct().ToListAsync(ct)).ToHashSet();
                var all = contacts!.ToList();
                for (var i = 0; i < all.Count; i++)
                {
                    if (!seen.Contains(all[i]))
                        errors.Add(($"contactIds[{i}]", FieldErrors.NotFound));
                }
            }
        }

        if (f.ResponsibleId is { HasValue: true, Value: { } responsible } && responsible != target.ResponsibleId
            && !await db.Users.AnyAsync(u => u.Id == responsible && u.IsActive, ct))
            errors.Add(("responsibleId", FieldErrors.NotFound));
        if (f.SourceId is { HasValue: true, Value: { } source } && source != target.SourceId
            && !await db.ReferenceItems.AnyAsync(r => r.Id == source && r.Book == ReferenceBook.AdSource && !r.IsArchived, ct))
            errors.Add(("sourceId", FieldErrors.NotFound));

        if (errors.Count > 0)
            return new Change(errors, null, null);

        target.Title = title!;
        target.TitleNormalized = title!.ToUpperInvariant();
        target.Comment = comment;
        target.PipelineId = pipelineId;
        target.StageId = stageId;
        target.Currency = currency;
        target.AmountMinor = amount;
        target.CompanyId = companyId;
        target.ExpectedCloseOn = f.ExpectedCloseOn.Or(target.ExpectedCloseOn);
        if (f.ResponsibleId.HasValue)
            target.ResponsibleId = f.ResponsibleId.Value;
        target.SourceId = f.SourceId.Or(target.SourceId);
        return new Change(errors, items, contactIds);
    }

    private static async Task<(Guid Pipeline, Guid Stage)> StageOfNewAsync(LetopisDb db, DealFields f, List<(string, string)> errors, CancellationToken ct)
    {
        if (f.PipelineId.Or(null) is not { } pipelineId)
        {
            errors.Add(("pipelineId", FieldErrors.Required));
            return default;
        }
        var pipeline = await db.Pipelines.AsNoTracking().Where(p => p.Id == pipelineId)
            .Select(p => new { p.Kind, p.IsArchived }).SingleOrDefaultAsync(ct);
        if (pipeline is null || pipeline.Kind != PipelineKind.Deal)
        {
            errors.Add(("pipelineId", FieldErrors.NotFound));
            return default;
        }
        if (pipeline.IsArchived)
        {
            errors.Add(("pipelineId", PipelineArchived));
            return default;
        }
        if (f.StageId.Or(null) is { } stageId)
        {
            var stage = await db.PipelineStages.AsNoTracking().Where(s => s.Id == stageId)
                .Select(s => new { s.PipelineId, s.Semantic }).SingleOrDefaultAsync(ct);
            if (stage is null || stage.PipelineId != pipelineId)
                errors.Add(("stageId", FieldErrors.NotFound));
            else if (stage.Semantic != StageSemantic.Open)
                errors.Add(("stageId", StageClosed));
            return (pipelineId, stageId);
        }
        var first = await db.PipelineStages.AsNoTracking().Where(s => s.PipelineId == pipelineId && s.Semantic == StageSemantic.Open)
            .OrderBy(s => s.Order).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        if (first is null)
            errors.Add(("stageId", FieldErrors.Required));
        return (pipelineId, first ?? Guid.Empty);
    }

    /// <summary>Checks and computes line items; errors are named <c>items[0].quantity</c> and so on.</summary>
    public static List<DealItem> Items(IReadOnlyList<DealItemInput?> inputs, Guid dealId, List<(string, string)> errors)
    {
        var items = new List<DealItem>();
        if (inputs.Count > MaxItems)
        {
            errors.Add(("items", FieldErrors.TooLong));
            return items;
        }
        for (var i = 0; i < inputs.Count; i++)
        {
            var field = $"items[{i}]";
            if (inputs[i] is not { } input)
            {
                errors.Add((field + ".name", FieldErrors.Required));
                continue;
            }
            var name = TextRules.Field(input.Name, field + ".name", DealItem.NameMax, errors, required: true);
            var unit = TextRules.Field(input.Unit, field + ".unit", DealItem.UnitMax, errors);
            long? quantity = null, price = null;
            if (input.Quantity is not { } q)
                errors.Add((field + ".quantity", FieldErrors.Required));
            else if (q <= 0)
                errors.Add((field + ".quantity", NotPositive));
            else if ((quantity = DealItemMath.ToMilli(q)) is null or 0)
            {
                errors.Add((field + ".quantity", NotQuantity));
                quantity = null;
            }
            if (input.Price is not { } p)
                errors.Add((field + ".price", FieldErrors.Required));
            else if (p < 0)
                errors.Add((field + ".price", Negative));
            else if ((price = DealItemMath.ToMinor(p)) is null)
                errors.Add((field + ".price", NotMoney));
            if (!DealItemMath.IsVatRate(input.VatRate))
                errors.Add((field + ".vatRate", FieldErrors.Invalid));
            if (name is null || quantity is null || price is null || !DealItemMath.IsVatRate(input.VatRate))
                continue;
            if (DealItemMath.Line(quantity.Value, price.Value, input.VatRate) is not { } line)
            {
                errors.Add((field + ".price", NotMoney));
                continue;
            }
            items.Add(new DealItem
            {
                DealId = dealId,
                Order = i,
                Name = name,
                QuantityMilli = quantity.Value,
                Unit = unit,
                PriceMinor = price.Value,
                VatRate = input.VatRate,
                AmountMinor = line.Amount,
                VatMinor = line.Vat,
            });
        }
        return items;
    }

    /// <summary>Replaces the deal's contacts, in the given order (the first is the main one).</summary>
    public static async Task ReplaceContactsAsync(LetopisDb db, Guid dealId, List<Guid> contactIds, bool isNew, CancellationToken ct)
    {
        var existing = isNew ? [] : await db.DealContacts.Where(c => c.DealId == dealId).ToListAsync(ct);
        db.DealContacts.RemoveRange(existing.Where(e => !contactIds.Contains(e.ContactId)));
        for (var i = 0; i < contactIds.Count; i++)
        {
            if (existing.FirstOrDefault(e => e.ContactId == contactIds[i]) is { } kept)
                kept.Order = i;
            else
                db.DealContacts.Add(new DealContact { DealId = dealId, ContactId = contactIds[i], Order = i });
        }
    }

    public static async Task ReplaceItemsAsync(LetopisDb db, Guid dealId, List<DealItem> items, bool isNew, CancellationToken ct)
    {
        if (!isNew)
            db.DealItems.RemoveRange(await db.DealItems.Where(i => i.DealId == dealId).ToListAsync(ct));
        db.DealItems.AddRange(items);
    }
}

/// <summary>The timeline rows of a deal: on its own timeline and, when it has a company, on the company's.</summary>
internal static class DealTimeline
{
    public static TimelineEvent Add(LetopisDb db, Deal deal, DateTime at, ICurrentActor? actor, string kind, string? text)
    {
        var entry = new TimelineEvent
        {
            DealId = deal.Id,
            CounterpartyId = deal.CompanyId,
            At = at,
            Kind = kind,
            Text = text,
            UserId = actor?.UserId,
            OnBehalfOfId = actor?.OnBehalfOfId,
            EntityKind = Deal.EntityKind,
            EntityId = deal.Id,
        };
        db.TimelineEvents.Add(entry);
        return entry;
    }
}
