using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Crm;

/// <summary>Registers a counterparty; the caller is responsible for it unless another responsible is named.</summary>
public sealed class CreateCounterparty(LetopisDb db, TimeProvider time, ICurrentActor actor, NameBook nameBook, FindDuplicates duplicates)
{
    /// <summary>The error code of a refused duplicate; its <c>duplicates</c> extension lists the existing cards.</summary>
    public const string DuplicatesFound = "duplicates_found";

    /// <summary>
    /// The error code of a refused exact duplicate: a card with the same ИНН (and the same КПП when one
    /// is given) exists. Its <c>duplicates</c> extension lists those the caller may see; <c>hidden</c>
    /// says that others exist without saying anything about them.
    /// </summary>
    public const string DuplicateInn = "duplicate_inn";

    /// <summary>
    /// Saves the card. With <paramref name="checkDuplicates"/> a card that looks like a visible
    /// existing one (the quick entry's warning: ИНН, phone, e-mail or name) is refused and nothing is saved.
    /// A card with the ИНН (+КПП) of an existing one is refused unless <paramref name="confirmDuplicate"/>:
    /// two cards of one company split its history, and a branch has a КПП of its own.
    /// </summary>
    public async Task<Result<CounterpartyDto>> HandleAsync(
        AccessContext access, CounterpartyFields fields, bool checkDuplicates, bool confirmDuplicate, CancellationToken ct)
    {
        var responsible = fields.ResponsibleId.HasValue ? fields.ResponsibleId.Value : access.UserId;
        if (!access.Allows(Counterparty.EntityKind, PermissionAction.Create, responsible))
            return Error.Forbidden();

        // The caller is signed in, so as the default responsible they need no check that they exist and are active.
        var counterparty = new Counterparty
        {
            Kind = CounterpartyKind.Company,
            // Whole microseconds, as PostgreSQL keeps them: the card is answered from memory, not read back.
            CreatedAt = Instants.ToMicroseconds(time.GetUtcNow().UtcDateTime),
            CreatedById = access.UserId,
            ResponsibleId = access.UserId,
        };
        var errors = await CounterpartyRules.ApplyAsync(db, counterparty, fields with { Kind = fields.Kind.HasValue ? fields.Kind : "company" }, ct);
        var custom = await CustomValues.PrepareAsync(db, access, CustomFieldEntities.Company, counterparty.Id, isNew: true, fields.CustomFields, ct);
        errors.AddRange(custom.Errors);
        var tags = TagRules.Validate(fields.Tags, errors);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        // A client that asked for the look-alike check gets its answer (an ИНН match among them); the
        // exact ИНН check then also covers the cards the caller may not see.
        if (checkDuplicates
            && await duplicates.HandleAsync(access, counterparty.Name, counterparty.Inn, counterparty.Phone, counterparty.Email, ct) is { Count: > 0 } found)
        {
            return new Error(DuplicatesFound, "A counterparty like this one already exists.", Extensions: new Dictionary<string, object?> { ["duplicates"] = found });
        }
        if (!confirmDuplicate && counterparty.Inn is not null && await SameInnAsync(access, counterparty, ct) is { } sameInn)
            return sameInn;

        db.Counterparties.Add(counterparty);
        var wroteCustomValues = custom.Apply(db, counterparty.Id, Counterparty.EntityKind, counterparty.CreatedAt, actor).Count > 0;
        var wroteTags = tags is not null && await CounterpartyTagging.ReplaceAsync(db, counterparty, tags, counterparty.CreatedAt, actor, ct);
        Timeline.Add(db, counterparty.Id, counterparty.CreatedAt, actor, TimelineKinds.Created, null);
        await db.SaveChangesAsync(ct);
        return await CounterpartyProjection.SavedAsync(db, await nameBook.GetAsync(db, access.Stamp, ct), counterparty, wroteTags, wroteCustomValues, ct);
    }

    private async Task<Error?> SameInnAsync(AccessContext access, Counterparty card, CancellationToken ct)
    {
        // The ИНН index finds the few cards of one company; the КПП narrows them to the same branch.
        var same = db.Counterparties.AsNoTracking().Where(c => c.Inn == card.Inn);
        if (card.Kpp is not null)
            same = same.Where(c => c.Kpp == card.Kpp);
        if (!await same.AnyAsync(ct))
            return null;
        var visible = same.VisibleTo(access, Counterparty.EntityKind);
        var shown = (await visible.OrderBy(c => c.NameNormalized).Take(10).Select(c => new { c.Id, c.Name, c.Inn }).ToListAsync(ct))
            .Select(c => new DuplicateDto(c.Id, c.Name, c.Inn, ["inn"])).ToList();
        // A card the caller may not see is only said to exist: its name and owner stay hidden.
        var hidden = await same.CountAsync(ct) > await visible.CountAsync(ct);
        return new Error(DuplicateInn, "A counterparty with this ИНН already exists.",
            Extensions: new Dictionary<string, object?> { ["duplicates"] = shown, ["hidden"] = hidden });
    }
}
