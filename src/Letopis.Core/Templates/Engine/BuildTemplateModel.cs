using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Deals;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Templates;

/// <summary>
/// Loads what a template sees for a counterparty, a deal or a document, as the reader may see it:
/// a record named in the subject that is hidden or missing is <see cref="Error.NotFound"/>. A
/// document brings its deal and parent (when the reader sees them) and its counterparty; a deal
/// brings its counterparty; a counterparty named in the subject wins over the one a record brings.
/// A counterparty a deal or document brings but the reader may not open shows its name only, as
/// the deal card does. Our company is the document's own legal entity, else the first active one
/// by name. Reads are few and by key (one per part, no tracking, only the columns used), so a
/// model is cheap enough to build per generated document.
/// </summary>
public sealed class BuildTemplateModel(LetopisDb db, NameBook nameBook, UserClock clock)
{
    public async Task<Result<TemplateModel>> HandleAsync(AccessContext access, TemplateSubject subject, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.CounterpartyId is null && subject.DealId is null && subject.DocumentId is null)
            return Error.Validation(("counterpartyId", FieldErrors.Required));

        DocumentRow? document = null;
        if (subject.DocumentId is { } documentId)
        {
            document = await db.VisibleDocuments(access).AsNoTracking().Where(d => d.Id == documentId)
                .Select(d => new DocumentRow(d.Number, d.RegisteredOn, d.Title, d.AmountMinor,
                    db.DocumentTypes.Where(t => t.Id == d.TypeId).Select(t => t.Name).FirstOrDefault() ?? "",
                    d.CounterpartyId, d.DealId, d.ParentId, d.OurCompanyId))
                .SingleOrDefaultAsync(ct);
            if (document is null)
                return Error.NotFound();
        }

        TemplateDocumentParent? parent = null;
        if (document?.ParentId is { } parentId)
        {
            parent = await db.VisibleDocuments(access).AsNoTracking().Where(d => d.Id == parentId)
                .Select(d => new TemplateDocumentParent(d.Number, Date(d.RegisteredOn), d.Title,
                    db.DocumentTypes.Where(t => t.Id == d.TypeId).Select(t => t.Name).FirstOrDefault() ?? ""))
                .SingleOrDefaultAsync(ct);
        }

        var names = await nameBook.GetAsync(db, access.Stamp, ct);
        TemplateDeal? deal = null;
        Guid? dealCounterpartyId = null;
        if ((subject.DealId ?? document?.DealId) is { } dealId)
        {
            var row = await db.Deals.AsNoTracking().VisibleTo(access, Deal.EntityKind).Where(d => d.Id == dealId)
                .Select(d => new { d.Title, d.AmountMinor, d.Currency, d.ExpectedCloseOn, d.ResponsibleId, d.CompanyId })
                .SingleOrDefaultAsync(ct);
            if (row is null && subject.DealId is not null)
                return Error.NotFound();
            if (row is not null)
            {
                var items = await db.DealItems.AsNoTracking().Where(i => i.DealId == dealId).OrderBy(i => i.Order).ThenBy(i => i.Id)
                    .Select(i => new { i.Name, i.QuantityMilli, i.Unit, i.PriceMinor, i.VatRate, i.VatMinor, i.AmountMinor })
                    .ToListAsync(ct);
                var lines = items.Select((i, n) => new TemplateItem(n + 1, i.Name, DealItemMath.FromMilli(i.QuantityMilli), i.Unit,
                    DealItemMath.FromMinor(i.PriceMinor), i.VatRate, DealItemMath.FromMinor(i.VatMinor), DealItemMath.FromMinor(i.AmountMinor))).ToList();
                var total = items.Count > 0 ? items.Sum(i => i.AmountMinor) : row.AmountMinor;
                deal = new TemplateDeal(row.Title, null, DealItemMath.FromMinor(row.AmountMinor), row.Currency, Date(row.ExpectedCloseOn),
                    lines, DealItemMath.FromMinor(total), DealItemMath.FromMinor(items.Sum(i => i.VatMinor)), names.User(row.ResponsibleId));
                dealCounterpartyId = row.CompanyId;
            }
        }

        TemplateCounterparty? counterparty = null;
        if (subject.CounterpartyId is { } explicitId)
        {
            counterparty = await CounterpartyAsync(access, explicitId, ct);
            if (counterparty is null)
                return Error.NotFound();
        }
        else if ((document?.CounterpartyId ?? dealCounterpartyId) is { } broughtId)
        {
            counterparty = await CounterpartyAsync(access, broughtId, ct)
                ?? await db.Counterparties.AsNoTracking().Where(c => c.Id == broughtId)
                    .Select(c => new TemplateCounterparty(c.Name, null, null, null, null, null, null, null, null, null, null,
                        Array.Empty<TemplateBankAccount>(), Array.Empty<TemplateContact>(), null))
                    .SingleOrDefaultAsync(ct);
        }

        var company = await OurCompanyAsync(document?.OurCompanyId, ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == access.UserId)
            .Select(u => new TemplateUser(u.FullName, u.Position, u.Email, u.PhoneNumber))
            .SingleOrDefaultAsync(ct);
        var today = clock.Today(clock.ZoneOf(names, access.UserId));

        return new TemplateModel(counterparty, company, deal,
            document is null ? null : new TemplateDocument(document.Number, Date(document.RegisteredOn), document.Title,
                document.AmountMinor is { } amount ? DealItemMath.FromMinor(amount) : null, document.Type, parent),
            user, today.ToDateTime(TimeOnly.MinValue));
    }

    private async Task<TemplateCounterparty?> CounterpartyAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var row = await db.Counterparties.AsNoTracking().VisibleTo(access, Counterparty.EntityKind).Where(c => c.Id == id)
            .Select(c => new
            {
                c.Name, c.FullName, c.Inn, c.Kpp, c.Ogrn, c.LegalAddress, c.ActualAddress, c.PostalAddress, c.Phone, c.Email,
            })
            .SingleOrDefaultAsync(ct);
        if (row is null)
            return null;
        var accounts = await db.BankAccounts.AsNoTracking().Where(b => b.CounterpartyId == id)
            .OrderByDescending(b => b.IsMain).ThenBy(b => b.CreatedAt).ThenBy(b => b.Id)
            .Select(b => new TemplateBankAccount(b.BankName, b.Bik, b.Account, b.CorrespondentAccount))
            .ToListAsync(ct);
        var contacts = await db.CounterpartyContacts.AsNoTracking().Where(l => l.CounterpartyId == id)
            .Join(db.ContactPersons, l => l.ContactId, p => p.Id, (l, p) => new { l.IsMain, l.Position, p.FullName, p.Phone, p.Email, p.Id })
            .OrderByDescending(c => c.IsMain).ThenBy(c => c.FullName).ThenBy(c => c.Id)
            .Select(c => new TemplateContact(c.FullName, c.Position, c.Phone, c.Email))
            .ToListAsync(ct);
        return new TemplateCounterparty(row.Name, row.FullName, row.Inn, row.Kpp, row.Ogrn, row.LegalAddress, row.ActualAddress,
            row.PostalAddress, row.Phone, row.Email, accounts.FirstOrDefault(), accounts, contacts, contacts.FirstOrDefault());
    }

    private async Task<TemplateCompany?> OurCompanyAsync(Guid? ownId, CancellationToken ct)
    {
        var companies = db.OurCompanies.AsNoTracking();
        var query = ownId is { } id
            ? companies.Where(c => c.Id == id)
            : companies.Where(c => !c.IsArchived).OrderBy(c => c.Name).ThenBy(c => c.Id);
        return await query
            .Select(c => new TemplateCompany(c.Name, c.FullName, c.Inn, c.Kpp, c.Ogrn, c.Address, c.SignatoryPosition, c.SignatoryName,
                c.Account == null ? null : new TemplateBankAccount(c.BankName ?? "", c.Bik ?? "", c.Account, c.CorrespondentAccount)))
            .FirstOrDefaultAsync(ct);
    }

    private static DateTime? Date(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);

    private static DateTime Date(DateOnly date) => date.ToDateTime(TimeOnly.MinValue);

    private sealed record DocumentRow(
        string? Number, DateOnly RegisteredOn, string Title, long? AmountMinor, string Type,
        Guid? CounterpartyId, Guid? DealId, Guid? ParentId, Guid? OurCompanyId);
}
