using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Crm;

/// <summary>A free label on counterparties («VIP», «тендер»): one row per spelling, case-insensitive.</summary>
public class Tag
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The spelling of whoever used it first.</summary>
    public string Name { get; set; } = "";

    /// <summary>Upper case: the unique key, and what filters and autocomplete compare.</summary>
    public string NameNormalized { get; set; } = "";
}

/// <summary>A tag on a counterparty. The key (CounterpartyId, TagId) serves the card; the (TagId, CounterpartyId) index the filter.</summary>
public class CounterpartyTag
{
    public Guid CounterpartyId { get; set; }

    public Guid TagId { get; set; }

    public Tag Tag { get; set; } = null!;
}

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> e)
    {
        e.ToTable("Tags");
        e.Property(t => t.Name).HasMaxLength(TagRules.MaxLength).IsRequired();
        e.Property(t => t.NameNormalized).HasMaxLength(TagRules.MaxLength).IsRequired();
        e.HasIndex(t => t.NameNormalized).IsUnique();
    }
}

internal sealed class CounterpartyTagConfiguration : IEntityTypeConfiguration<CounterpartyTag>
{
    public void Configure(EntityTypeBuilder<CounterpartyTag> e)
    {
        e.ToTable("CounterpartyTags");
        e.HasKey(t => new { t.CounterpartyId, t.TagId });
        e.HasOne<Counterparty>().WithMany().HasForeignKey(t => t.CounterpartyId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(t => t.Tag).WithMany().HasForeignKey(t => t.TagId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(t => new { t.TagId, t.CounterpartyId });
    }
}

public static class TagRules
{
    public const int MaxLength = 50;
    public const int MaxPerCounterparty = 20;
    public const string TooMany = "too_many";

    /// <summary>Trimmed, inner runs of white space collapsed: «  VIP   клиент » → «VIP клиент».</summary>
    public static string Clean(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static string Normalize(string text) => Clean(text).ToUpperInvariant();

    /// <summary>
    /// Checks a requested tag set (errors go to the field <c>tags</c>) and returns it cleaned, without
    /// case-insensitive repeats; null when the request does not touch the tags.
    /// </summary>
    public static IReadOnlyList<string>? Validate(Optional<IReadOnlyList<string?>?> tags, List<(string, string)> errors)
    {
        if (!tags.HasValue)
            return null;
        var result = new List<string>();
        var seen = new HashSet<string>();
        foreach (var raw in tags.Value ?? [])
        {
            var name = Clean(raw ?? "");
            if (name.Length == 0)
            {
                errors.Add(("tags", FieldErrors.Required));
                continue;
            }
            if (name.Length > MaxLength)
            {
                errors.Add(("tags", FieldErrors.TooLong));
                continue;
            }
            if (!TextRules.Check(name, "tags", errors))
                continue;
            if (seen.Add(name.ToUpperInvariant()))
                result.Add(name);
        }
        if (result.Count > MaxPerCounterparty)
            errors.Add(("tags", TooMany));
        return result;
    }
}

/// <summary>Reads and replaces the tag set of counterparties.</summary>
public static class CounterpartyTagging
{
    /// <summary>
    /// Makes the counterparty's tags exactly <paramref name="names"/> (already validated), creating
    /// tags never used before, and writes the change to the card's history. Saving is the caller's.
    /// </summary>
    /// <returns>Whether the set changed.</returns>
    public static async Task<bool> ReplaceAsync(LetopisDb db, Counterparty counterparty, IReadOnlyList<string> names,
        DateTime at, ICurrentActor? actor, CancellationToken ct)
    {
        var links = db.Set<CounterpartyTag>();
        var current = db.Entry(counterparty).State == EntityState.Added
            ? []
            : await links.Where(l => l.CounterpartyId == counterparty.Id)
                .Select(l => new { l.TagId, l.Tag.Name, l.Tag.NameNormalized })
                .ToListAsync(ct);

        var wanted = names.Select(n => (Name: n, Key: n.ToUpperInvariant())).ToList();
        var oldText = Join(current.OrderBy(c => c.NameNormalized, StringComparer.Ordinal).Select(c => c.Name));
        if (current.Select(c => c.NameNormalized).ToHashSet().SetEquals(wanted.Select(w => w.Key)))
            return false;

        var keys = wanted.Select(w => w.Key).ToList();
        var existing = await db.Set<Tag>().Where(t => keys.Contains(t.NameNormalized)).ToDictionaryAsync(t => t.NameNormalized, ct);
        if (wanted.Any(w => !existing.ContainsKey(w.Key)))
        {
            // Two people tagging different cards with the same new word at once must both succeed: the
            // tag row is inserted unless it exists by then (no unique-key failure), then read back.
            foreach (var (name, key) in wanted.Where(w => !existing.ContainsKey(w.Key)))
            {
                await db.Database.ExecuteSqlAsync(
                    $"""INSERT INTO "Tags" ("Id", "Name", "NameNormalized") VALUES ({Guid.CreateVersion7()}, {name}, {key}) ON CONFLICT ("NameNormalized") DO NOTHING""", ct);
            }
            existing = await db.Set<Tag>().Where(t => keys.Contains(t.NameNormalized)).ToDictionaryAsync(t => t.NameNormalized, ct);
        }
        var shown = new List<string>();
        foreach (var (_, key) in wanted)
        {
            var tag = existing[key];
            shown.Add(tag.Name);
            if (current.All(c => c.TagId != tag.Id))
                links.Add(new CounterpartyTag { CounterpartyId = counterparty.Id, TagId = tag.Id });
        }
        foreach (var gone in current.Where(c => !keys.Contains(c.NameNormalized)))
            links.Remove(new CounterpartyTag { CounterpartyId = counterparty.Id, TagId = gone.TagId });

        var newText = Join(shown.OrderBy(n => n.ToUpperInvariant(), StringComparer.Ordinal));
        var operation = db.Entry(counterparty).State == EntityState.Added ? ChangeOperation.Created : ChangeOperation.Updated;
        db.ChangeRecords.Add(ChangeRecord.Of(Counterparty.AuditKind, counterparty.Id, at, actor, operation, "tags", oldText, newText));
        // A tag change is a change of the card: its version moves, so a stale concurrent edit is caught.
        if (operation == ChangeOperation.Updated)
            db.Entry(counterparty).Property(c => c.Version).IsModified = true;
        return true;
    }

    /// <summary>The tags of the given counterparties, each list in alphabetical order.</summary>
    public static async Task<Dictionary<Guid, List<string>>> ForAsync(LetopisDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
            return [];
        var rows = await db.Set<CounterpartyTag>().AsNoTracking()
            // One parameter for the whole page (a JSON array on SQLite, an array on PostgreSQL): the SQL
            // stays the same for every page, and binding fifty ids one by one cost more than the lookup.
            .Where(l => EF.Parameter(ids).Contains(l.CounterpartyId))
            .Select(l => new { l.CounterpartyId, l.Tag.Name, l.Tag.NameNormalized })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.CounterpartyId)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.NameNormalized, StringComparer.Ordinal).Select(r => r.Name).ToList());
    }

    /// <summary>Fills <see cref="CounterpartyDto.Tags"/> of a page of cards with one query.</summary>
    public static async Task<List<CounterpartyDto>> WithTagsAsync(LetopisDb db, IReadOnlyList<CounterpartyDto> cards, CancellationToken ct)
    {
        var tags = await ForAsync(db, cards.Select(c => c.Id).ToList(), ct);
        return cards.Select(c => tags.TryGetValue(c.Id, out var t) ? c with { Tags = t } : c).ToList();
    }

    private static string? Join(IEnumerable<string> names) => string.Join(", ", names) is { Length: > 0 } s ? s : null;
}

/// <summary>A tag as autocomplete offers it.</summary>
public sealed record TagDto(string Name);

/// <summary>
/// Tag names for autocomplete: the tags on at least one counterparty the caller may see. A tag
/// used only on cards outside the caller's scope names what those cards are («банкротство»,
/// «тендер Газпром») and so is not offered; the caller can still type it. Tags have no author, so
/// "tags I created" is no rule to offer. An admin (scope all) sees every tag that is in use.
/// </summary>
public sealed class ListTags(LetopisDb db)
{
    /// <summary>Tags starting with <paramref name="q"/> (all tags without it), alphabetically.</summary>
    public async Task<PageOf<TagDto>> HandleAsync(AccessContext access, string? q, PageRequest page, CancellationToken ct)
    {
        var query = db.Set<Tag>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var prefix = TagRules.Normalize(q);
            // A prefix range rather than a substring: the unique index answers it on both providers.
            query = query.Where(t => t.NameNormalized.StartsWith(prefix));
        }
        // The same filter as the directory list: an EXISTS per tag over the (TagId, CounterpartyId)
        // index, stopping at the first visible card; the page walks the tags in name order and stops
        // at pageSize, so the work is bounded by the page, not by the number of tagged cards.
        var visible = db.Counterparties.VisibleTo(access, Counterparty.EntityKind);
        var links = db.Set<CounterpartyTag>();
        query = query.Where(t => links.Any(l => l.TagId == t.Id && visible.Any(c => c.Id == l.CounterpartyId)));
        return await query.OrderBy(t => t.NameNormalized).Select(t => new TagDto(t.Name)).ToPageAsync(page, ct);
    }
}
