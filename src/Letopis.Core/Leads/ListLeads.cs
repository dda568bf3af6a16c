using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Deals;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Leads;

/// <summary>Filters of the leads list; every one is optional and they combine with AND.</summary>
/// <param name="Q">Title or company fragment, contact name, or an exact phone, e-mail or ИНН.</param>
/// <param name="StageId">Only leads in this stage.</param>
/// <param name="Status">Only open, converted or junk leads.</param>
/// <param name="ResponsibleId">Only leads of this person.</param>
/// <param name="SourceId">Only leads from this ad source.</param>
/// <param name="Repeat">true: only repeat leads; false: only new clients.</param>
/// <param name="CreatedFrom">Created on or after this instant.</param>
/// <param name="CreatedTo">Created before this instant.</param>
public sealed record LeadFilter(
    string? Q = null,
    Guid? StageId = null,
    LeadStatus? Status = null,
    Guid? ResponsibleId = null,
    Guid? SourceId = null,
    bool? Repeat = null,
    DateTime? CreatedFrom = null,
    DateTime? CreatedTo = null);

/// <summary>The leads list, newest first, under the caller's read scope.</summary>
public sealed class ListLeads(LetopisDb db, NameBook nameBook)
{
    public async Task<PageOf<LeadListItem>> HandleAsync(AccessContext access, LeadFilter filter, PageRequest page, CancellationToken ct)
    {
        var leads = db.Leads.AsNoTracking().VisibleTo(access, Lead.EntityKind);
        if (filter.StageId is { } stage)
            leads = leads.Where(l => l.StageId == stage);
        if (filter.Status is { } status)
            leads = leads.Where(l => l.Status == status);
        if (filter.ResponsibleId is { } responsible)
            leads = leads.Where(l => l.ResponsibleId == responsible);
        if (filter.SourceId is { } source)
            leads = leads.Where(l => l.SourceId == source);
        if (filter.Repeat is { } repeat)
            leads = repeat
                ? leads.Where(l => l.RepeatCounterpartyId != null || l.RepeatContactId != null)
                : leads.Where(l => l.RepeatCounterpartyId == null && l.RepeatContactId == null);
        if (filter.CreatedFrom is { } from)
            leads = leads.Where(l => l.CreatedAt >= from);
        if (filter.CreatedTo is { } to)
            leads = leads.Where(l => l.CreatedAt < to);
        if (!string.IsNullOrWhiteSpace(filter.Q))
            leads = Matching(db, leads, filter.Q.Trim());

        var stages = (await LeadRules.StagesAsync(db, ct)).ToDictionary(s => s.Id);
        // Narrowed by nothing but a stage or a person, the total is the kept stage totals' sum, not a count of a million rows.
        var total = filter with { StageId = null, ResponsibleId = null } == new LeadFilter()
                    && (filter.StageId is null || stages.ContainsKey(filter.StageId.Value))
            ? (int)(await StageTotals.VisibleAsync(db, access, Lead.EntityKind,
                filter.StageId is { } only ? [only] : stages.Keys.ToList(), filter.ResponsibleId, ct)).Values.Sum(t => t.Count)
            : await leads.CountAsync(ct);
        var rows = await leads.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).Skip(page.Skip).Take(page.PageSize)
            .Select(l => new Row(l.Id, l.Title, l.CompanyName, l.ContactName, l.Phone, l.Email, l.Inn, l.SourceId, l.ResponsibleId,
                l.StageId, l.Status, l.RepeatCounterpartyId != null || l.RepeatContactId != null, l.CreatedAt))
            .ToListAsync(ct);
        var names = await nameBook.GetAsync(db, access.Stamp, ct);
        var items = rows.Select(r => new LeadListItem(
            r.Id, r.Title, r.CompanyName, r.ContactName, r.Phone, r.Phone is null ? null : Phones.Format(r.Phone), r.Email, r.Inn,
            r.SourceId is { } s && names.Reference(s) is { } sourceName ? new LeadRef(s, sourceName) : null,
            r.ResponsibleId is { } u && names.User(u) is { } userName ? new LeadRef(u, userName) : null,
            stages.TryGetValue(r.StageId, out var st) ? new LeadStageRef(st.Id, st.Name, st.Semantic, st.Color, st.Order) : null,
            r.Status, r.IsRepeat, r.CreatedAt)).ToList();
        return new PageOf<LeadListItem>(items, total, page.Page, page.PageSize);
    }

    /// <summary>
    /// A phone, e-mail or ИНН is matched exactly after normalization (their indexes answer); anything
    /// else is found through the search index by the words of the title, company, contact name and comment.
    /// </summary>
    private static IQueryable<Lead> Matching(LetopisDb db, IQueryable<Lead> leads, string q)
    {
        if (q.Contains('@', StringComparison.Ordinal))
        {
            var email = q.ToLowerInvariant();
            return leads.Where(l => l.Email == email);
        }
        if (q.All(char.IsAsciiDigit) && q.Length is 10 or 12)
        {
            var phoneOfDigits = Phones.Normalize(q);
            return phoneOfDigits is null ? leads.Where(l => l.Inn == q) : leads.Where(l => l.Inn == q || l.Phone == phoneOfDigits);
        }
        if (LeadRules.NormalizePhone(q) is { } phone)
            return leads.Where(l => l.Phone == phone);
        // Words of the title, company, contact name and comment in any grammatical form: through the search index.
        if (Search.SearchIndex.MatchingIds(db, Lead.EntityKind, q) is { } matches)
            return leads.Where(l => matches.Contains(l.Id));
        var upper = q.ToUpperInvariant();
        return leads.Where(l => l.TitleNormalized.Contains(upper));
    }

    private sealed record Row(
        Guid Id, string Title, string? CompanyName, string? ContactName, string? Phone, string? Email, string? Inn, Guid? SourceId,
        Guid? ResponsibleId, Guid StageId, LeadStatus Status, bool IsRepeat, DateTime CreatedAt);
}
