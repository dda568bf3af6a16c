using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Documents;

/// <summary>Field error codes of documents; the web layer localizes them.</summary>
public static class DocumentErrors
{
    /// <summary><c>parentId</c>: the parent's type is not among the allowed parent types of this type.</summary>
    public const string ParentTypeNotAllowed = "parent_type_not_allowed";

    /// <summary><c>parentId</c>: the number pattern needs the parent's number, and the parent has none.</summary>
    public const string ParentUnnumbered = "parent_unnumbered";

    /// <summary>A value for a field the document type hides.</summary>
    public const string HiddenField = "hidden_field";

    /// <summary>A field that cannot be changed this way (the status outside the status endpoint, the type).</summary>
    public const string ReadOnly = "read_only";

    public const string Negative = "negative";

    /// <summary>The VAT amount is larger than the amount it is part of.</summary>
    public const string VatAboveAmount = "vat_above_amount";

    /// <summary><c>replyToId</c>: the document named is not an incoming letter.</summary>
    public const string NotIncomingLetter = "not_incoming_letter";

    /// <summary>Error code of a registration whose number is already taken (a journal's pattern was changed so that it repeats).</summary>
    public const string NumberTaken = "number_taken";
}

/// <summary>The parent a document is about to have, as the rules checked it.</summary>
internal sealed record ParentInfo(Guid Id, Guid RootId, string? Number);

/// <summary>Validates all card fields before anything is written, then applies them to the entity.</summary>
internal static class DocumentRules
{
    public const int MaxCoResponsible = 20;

    /// <summary>The most pages a letter's card accepts.</summary>
    public const int MaxPages = 100_000;

    /// <summary>
    /// Checks <paramref name="f"/> against the type's field settings and the data; on success applies the
    /// plain fields to <paramref name="target"/> and returns the co-responsible set to store (null: unchanged).
    /// </summary>
    public static async Task<(List<(string, string)> Errors, ParentInfo? Parent, List<Guid>? CoResponsible)> ApplyAsync(
        LetopisDb db, AccessContext access, Document target, DocumentType type, DocumentFields f, bool isNew, DateOnly today,
        IReadOnlyList<Guid> currentCoResponsible, CancellationToken ct)
    {
        var errors = new List<(string, string)>();

        var title = Text(f.Title, target.Title, "title", Document.TitleMax, errors, required: true);
        var summary = Text(f.Summary, target.Summary, "summary", Document.SummaryMax, errors, multiLine: true);
        var registeredOn = f.RegisteredOn.HasValue ? f.RegisteredOn.Value ?? today : (isNew ? today : target.RegisteredOn);
        if (!isNew && f.RegisteredOn is { HasValue: true } && f.RegisteredOn.Value != target.RegisteredOn)
            // The number was made of the registration date; changing it would make the two disagree.
            errors.Add(("registeredOn", DocumentErrors.ReadOnly));

        var counterpartyId = f.CounterpartyId.Or(target.CounterpartyId);
        if (f.CounterpartyId is { HasValue: true, Value: { } cid } && cid != target.CounterpartyId
            && !await db.Counterparties.VisibleTo(access, Counterparty.EntityKind).AnyAsync(c => c.Id == cid, ct))
            errors.Add(("counterpartyId", FieldErrors.NotFound));
        var ourCompanyId = f.OurCompanyId.Or(target.OurCompanyId);
        if (f.OurCompanyId is { HasValue: true, Value: { } oid } && oid != target.OurCompanyId
            && !await db.OurCompanies.AnyAsync(c => c.Id == oid, ct))
            errors.Add(("ourCompanyId", FieldErrors.NotFound));

        var dealId = f.DealId.Or(target.DealId);
        if (f.DealId is { HasValue: true, Value: { } did } && did != target.DealId
            && !await db.Deals.VisibleTo(access, Deals.Deal.EntityKind).AnyAsync(d => d.Id == did, ct))
            errors.Add(("dealId", FieldErrors.NotFound));

        var parentId = f.ParentId.Or(target.ParentId);
        ParentInfo? parent = null;
        if (parentId is { } pid)
        {
            var p = await db.VisibleDocuments(access).Where(d => d.Id == pid)
                .Select(d => new { d.Id, d.RootId, d.Number, d.TypeId }).SingleOrDefaultAsync(ct);
            if (p is null)
                errors.Add(("parentId", FieldErrors.NotFound));
            else if (!type.AllowedParentTypeIds.Contains(p.TypeId))
                errors.Add(("parentId", DocumentErrors.ParentTypeNotAllowed));
            else if (!isNew && pid != target.ParentId && await IsInSubtreeAsync(db, target, pid, ct))
                errors.Add(("parentId", FieldErrors.Cycle));
            else
                parent = new ParentInfo(p.Id, p.RootId, p.Number);
        }

        var amount = f.Amount.HasValue ? f.Amount.Value : Document.FromMinor(target.AmountMinor);
        if (amount is < 0)
            errors.Add(("amount", DocumentErrors.Negative));
        else if (amount is > 1_000_000_000_000_000m)
            errors.Add(("amount", FieldErrors.Invalid));
        var vatRate = f.VatRate.Or(target.VatRate);
        if (vatRate is < 0 or > 100)
            errors.Add(("vatRate", FieldErrors.Invalid));
        decimal? vatAmount;
        if (f.VatAmount.HasValue)
            vatAmount = f.VatAmount.Value;
        else if ((f.VatRate.HasValue || f.Amount.HasValue) && vatRate is { } rate && amount is { } sum)
            // VAT included in the amount, as Russian contracts state it («в т. ч. НДС 22 %»).
            vatAmount = decimal.Round(sum * rate / (100 + rate), 2, MidpointRounding.AwayFromZero);
        else if (f.VatRate is { HasValue: true, Value: null })
            vatAmount = null;
        else
            vatAmount = Document.FromMinor(target.VatAmountMinor);
        if (vatAmount is < 0)
            errors.Add(("vatAmount", DocumentErrors.Negative));
        else if (vatAmount is { } va && amount is { } am && va > am)
            errors.Add(("vatAmount", DocumentErrors.VatAboveAmount));
        var currency = f.Currency.HasValue ? f.Currency.Value?.Trim().ToUpperInvariant() ?? "RUB" : target.Currency;
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
            errors.Add(("currency", FieldErrors.Invalid));

        var signedByUs = f.SignedByUsOn.HasValue ? f.SignedByUsOn.Value : f.SignedOn.HasValue ? f.SignedOn.Value : target.SignedByUsOn;
        var signedByThem = f.SignedByCounterpartyOn.HasValue ? f.SignedByCounterpartyOn.Value
            : f.SignedOn.HasValue ? f.SignedOn.Value : target.SignedByCounterpartyOn;
        var validFrom = f.ValidFrom.Or(target.ValidFrom);
        var validTo = f.ValidTo.Or(target.ValidTo);
        if (validFrom is { } from && validTo is { } to && to < from)
            errors.Add(("validTo", FieldErrors.EndBeforeStart));

        var incomingNumber = Text(f.IncomingNumber, target.IncomingNumber, "incomingNumber", Document.NumberMax, errors);
        var incomingDate = f.IncomingDate.Or(target.IncomingDate);

        var deliveryMethod = target.DeliveryMethod;
        if (f.DeliveryMethod.HasValue)
        {
            deliveryMethod = ApiNames.Parse<Paper.DeliveryMethod>(f.DeliveryMethod.Value);
            if (deliveryMethod is null && !string.IsNullOrWhiteSpace(f.DeliveryMethod.Value))
                errors.Add(("deliveryMethod", FieldErrors.Invalid));
        }
        var pages = f.Pages.Or(target.Pages);
        if (f.Pages is { HasValue: true, Value: { } pageCount } && (pageCount < 1 || pageCount > MaxPages))
            errors.Add(("pages", FieldErrors.OutOfRange));
        var attachments = Text(f.Attachments, target.Attachments, "attachments", TextLimits.Long, errors, multiLine: true);
        var addresseeId = f.AddresseeId.Or(target.AddresseeId);
        if (f.AddresseeId is { HasValue: true, Value: { } aid } && aid != target.AddresseeId
            && !await db.Users.AnyAsync(u => u.Id == aid && u.IsActive, ct))
            errors.Add(("addresseeId", FieldErrors.NotFound));
        var replyToId = f.ReplyToId.Or(target.ReplyToId);
        if (f.ReplyToId is { HasValue: true, Value: { } rtid } && rtid != target.ReplyToId)
        {
            // A reply answers an incoming letter the caller can see; anything else is no letter to answer.
            var answered = await (
                from d in db.VisibleDocuments(access)
                join t in db.DocumentTypes on d.TypeId equals t.Id
                where d.Id == rtid
                select t.Kind).ToListAsync(ct);
            if (answered.Count == 0 || rtid == target.Id)
                errors.Add(("replyToId", FieldErrors.NotFound));
            else if (answered[0] != DocumentKind.IncomingLetter)
                errors.Add(("replyToId", DocumentErrors.NotIncomingLetter));
        }
        var sentOn = f.SentOn.Or(target.SentOn);
        if (f.SentOn is { HasValue: true, Value: { } sent } && !DateLimits.Contains(sent))
            errors.Add(("sentOn", FieldErrors.OutOfRange));
        var trackingNumber = Text(f.TrackingNumber, target.TrackingNumber, "trackingNumber", Paper.PaperCopy.TrackingMax, errors);

        var responsibleId = f.ResponsibleId.Or(target.ResponsibleId);
        if (f.ResponsibleId is { HasValue: true, Value: { } rid } && rid != target.ResponsibleId
            && !await db.Users.AnyAsync(u => u.Id == rid && u.IsActive, ct))
            errors.Add(("responsibleId", FieldErrors.NotFound));

        List<Guid>? coResponsible = null;
        if (f.CoResponsibleIds is { HasValue: true, Value: var ids })
        {
            coResponsible = (ids ?? []).Distinct().Where(id => id != responsibleId).ToList();
            if (coResponsible.Count > MaxCoResponsible)
                errors.Add(("coResponsibleIds", FieldErrors.TooLong));
            var added = coResponsible.Except(currentCoResponsible).ToList();
            if (added.Count > 0 && await db.Users.CountAsync(u => added.Contains(u.Id) && u.IsActive, ct) != added.Count)
                errors.Add(("coResponsibleIds", FieldErrors.NotFound));
        }

        var status = target.Status;
        if (f.Status.HasValue)
        {
            if (!isNew)
                errors.Add(("status", DocumentErrors.ReadOnly));
            else if (DocumentStatuses.Parse(f.Status.Value) is { } s)
                status = s;
            else if (f.Status.Value is not null)
                errors.Add(("status", FieldErrors.Invalid));
        }

        // What the type hides must stay empty; what it requires must be there.
        var values = new (string Setting, string Field, bool Given, bool Present)[]
        {
            (DocumentCardFields.Summary, "summary", f.Summary is { HasValue: true, Value: not null }, summary is not null),
            (DocumentCardFields.ParentId, "parentId", f.ParentId is { HasValue: true, Value: not null }, parentId is not null),
            (DocumentCardFields.CounterpartyId, "counterpartyId", f.CounterpartyId is { HasValue: true, Value: not null }, counterpartyId is not null),
            (DocumentCardFields.OurCompanyId, "ourCompanyId", f.OurCompanyId is { HasValue: true, Value: not null }, ourCompanyId is not null),
            (DocumentCardFields.Amount, "amount", f.Amount is { HasValue: true, Value: not null }, amount is not null),
            (DocumentCardFields.Vat, "vatRate", f.VatRate is { HasValue: true, Value: not null } || f.VatAmount is { HasValue: true, Value: not null }, vatRate is not null),
            (DocumentCardFields.SignedByUsOn, "signedByUsOn", f.SignedByUsOn is { HasValue: true, Value: not null }, signedByUs is not null),
            (DocumentCardFields.SignedByCounterpartyOn, "signedByCounterpartyOn", f.SignedByCounterpartyOn is { HasValue: true, Value: not null }, signedByThem is not null),
            (DocumentCardFields.ValidFrom, "validFrom", f.ValidFrom is { HasValue: true, Value: not null }, validFrom is not null),
            (DocumentCardFields.ValidTo, "validTo", f.ValidTo is { HasValue: true, Value: not null }, validTo is not null),
            (DocumentCardFields.IncomingNumber, "incomingNumber", f.IncomingNumber is { HasValue: true, Value: not null }, incomingNumber is not null),
            (DocumentCardFields.IncomingDate, "incomingDate", f.IncomingDate is { HasValue: true, Value: not null }, incomingDate is not null),
        };
        foreach (var (setting, field, given, present) in values)
        {
            var mode = type.ModeOf(setting);
            if (mode == DocumentFieldMode.Hidden && given)
                errors.Add((field, DocumentErrors.HiddenField));
            else if (mode == DocumentFieldMode.Required && !present && !errors.Any(e => e.Item1 == field))
                errors.Add((field, FieldErrors.Required));
        }
        if (f.SignedOn is { HasValue: true, Value: not null }
            && type.ModeOf(DocumentCardFields.SignedByUsOn) == DocumentFieldMode.Hidden
            && type.ModeOf(DocumentCardFields.SignedByCounterpartyOn) == DocumentFieldMode.Hidden)
            errors.Add(("signedOn", DocumentErrors.HiddenField));

        if (errors.Count > 0)
            return (errors, parent, coResponsible);

        target.Title = title!;
        target.TitleNormalized = title!.ToUpperInvariant();
        target.Summary = summary;
        target.RegisteredOn = registeredOn;
        target.CounterpartyId = counterpartyId;
        target.OurCompanyId = ourCompanyId;
        target.ParentId = parentId;
        target.DealId = dealId;
        target.AmountMinor = Document.ToMinor(amount);
        target.VatRate = vatRate;
        target.VatAmountMinor = Document.ToMinor(vatAmount);
        target.Currency = currency;
        target.SignedByUsOn = signedByUs;
        target.SignedByCounterpartyOn = signedByThem;
        target.ValidFrom = validFrom;
        target.ValidTo = validTo;
        target.IncomingNumber = incomingNumber;
        target.IncomingDate = incomingDate;
        target.DeliveryMethod = deliveryMethod;
        target.Pages = pages;
        target.Attachments = attachments;
        target.AddresseeId = addresseeId;
        target.ReplyToId = replyToId;
        target.SentOn = sentOn;
        target.TrackingNumber = trackingNumber;
        target.ResponsibleId = responsibleId;
        target.Status = status;
        return (errors, parent, coResponsible);
    }

    /// <summary>Whether <paramref name="candidate"/> is the document itself or lies below it: making it the parent would close a cycle.</summary>
    private static async Task<bool> IsInSubtreeAsync(LetopisDb db, Document document, Guid candidate, CancellationToken ct)
    {
        if (candidate == document.Id)
            return true;
        // Everything below a document shares its root; walk up from the candidate within that tree.
        var tree = await db.Documents.Where(d => d.RootId == document.RootId).Select(d => new { d.Id, d.ParentId }).ToListAsync(ct);
        var parents = tree.ToDictionary(d => d.Id, d => d.ParentId);
        var current = (Guid?)candidate;
        var steps = 0;
        while (current is { } c && parents.TryGetValue(c, out var up) && steps++ < parents.Count + 1)
        {
            if (c == document.Id)
                return true;
            current = up;
        }
        return false;
    }

    private static string? Text(Optional<string?> value, string? current, string field, int max, List<(string, string)> errors, bool required = false,
        bool multiLine = false) =>
        PatchText.Text(value, current, field, max, errors, required, multiLine);
}
