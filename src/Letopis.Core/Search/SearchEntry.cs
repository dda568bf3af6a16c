using Letopis.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Search;

/// <summary>
/// One row of the search index. The full-text part lives beside it, created by raw SQL in the
/// migrations (<see cref="SearchSchema"/>): on SQLite an FTS5 table over the terms, kept in step by
/// triggers; on PostgreSQL a stored generated <c>tsvector</c> column with a GIN index.
/// </summary>
public class SearchEntry
{
    /// <summary>An integer key: FTS5 addresses its rows by an integer rowid.</summary>
    public long RowId { get; set; }

    /// <summary>What the row finds: <c>counterparty</c>, <c>contact</c>, later leads, deals, documents.</summary>
    public string Kind { get; set; } = "";

    public Guid EntityId { get; set; }

    /// <summary>The permission kind whose read scope decides who sees the row.</summary>
    public string AccessKind { get; set; } = "";

    /// <summary>The responsible user that scope is checked against.</summary>
    public Guid? OwnerId { get; set; }

    /// <summary>
    /// The record the row is reached through. A contact gets one row per counterparty it works
    /// with (its id here, its responsible in <see cref="OwnerId"/>): the contact is visible when
    /// any of those counterparties is, and the result links to that one.
    /// </summary>
    public Guid? ParentId { get; set; }

    public string Title { get; set; } = "";

    /// <summary>A line shown under the title: ИНН, phone, e-mail, position.</summary>
    public string? Snippet { get; set; }

    /// <summary>Terms of the title (stems and words on SQLite, words on PostgreSQL).</summary>
    public string TitleTerms { get; set; } = "";

    /// <summary>Terms of everything else searchable.</summary>
    public string BodyTerms { get; set; } = "";
}

internal sealed class SearchEntryConfiguration : IEntityTypeConfiguration<SearchEntry>
{
    public void Configure(EntityTypeBuilder<SearchEntry> e)
    {
        e.HasKey(s => s.RowId);
        e.Property(s => s.RowId).ValueGeneratedOnAdd();
        e.Property(s => s.Kind).HasMaxLength(40).IsRequired();
        e.Property(s => s.AccessKind).HasMaxLength(40).IsRequired();
        e.Property(s => s.Title).HasMaxLength(TextLimits.Name).IsRequired();
        e.Property(s => s.Snippet).HasMaxLength(1000);
        e.Property(s => s.TitleTerms).IsRequired();
        e.Property(s => s.BodyTerms).IsRequired();
        // Refreshing an entity deletes its rows by these.
        e.HasIndex(s => new { s.Kind, s.EntityId });
    }
}
