using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;

namespace Letopis.Core.Crm;

/// <summary>Registers a counterparty; the caller is responsible for it unless another responsible is named.</summary>
public sealed class CreateCounterparty(LetopisDb db, TimeProvider time, ICurrentActor actor, NameBook nameBook, FindDuplicates duplicates)
{
    /// <summary>The error code of a refused duplicate; its <c>duplicates</c> extension lists the existing cards.</summary>
    public const string DuplicatesFound = "duplicates_found";

    /// <summary>
    /// Saves the card. With <paramref name="checkDuplicates"/> a card that looks like a visible
    /// existing one (the quick entry's warning: ИНН, phone, e-mail or name) is refused and nothing is saved.
    /// </summary>
    public async Task<Result<CounterpartyDto>> HandleAsync(AccessContext access, CounterpartyFields fields, bool checkDuplicates, CancellationToken ct)
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
        if (checkDuplicates
            && await duplicates.HandleAsync(access, counterparty.Name, counterparty.Inn, counterparty.Phone, counterparty.Email, ct) is { Count: > 0 } found)
        {
            return new Error(DuplicatesFound, "A counterparty like this one already exists.", Extensions: new Dictionary<string, object?> { ["duplicates"] = found });
        }

        db.Counterparties.Add(counterparty);
        var wroteCustomValues = custom.Apply(db, counterparty.Id, Counterparty.EntityKind, counterparty.CreatedAt, actor).Count > 0;
        var wroteTags = tags is not null && await CounterpartyTagging.ReplaceAsync(db, counterparty, tags, counterparty.CreatedAt, actor, ct);
        Timeline.Add(db, counterparty.Id, counterparty.CreatedAt, actor, TimelineKinds.Created, null);
        await db.SaveChangesAsync(ct);
        return await CounterpartyProjection.SavedAsync(db, await nameBook.GetAsync(db, access.Stamp, ct), counterparty, wroteTags, wroteCustomValues, ct);
    }
}
