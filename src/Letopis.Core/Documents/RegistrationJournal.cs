using Letopis.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Documents;

/// <summary>When a journal's counter starts again from 1.</summary>
public enum CounterReset
{
    Never,
    Yearly,
    PerParent,
}

/// <summary>
/// A registration journal («журнал регистрации»): the number pattern of the documents registered
/// in it and how its counter runs. Several types may share one journal.
/// </summary>
public class RegistrationJournal : IVersioned, IAudited
{
    public const string EntityKind = "journal";

    public static string AuditKind => EntityKind;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    /// <summary><c>Д-{yyyy}-{n:0000}</c>, <c>ВХ-{n}</c>, <c>{parent}/ДС-{n}</c>: see <see cref="NumberPattern"/>.</summary>
    public string Pattern { get; set; } = "";

    public CounterReset CounterReset { get; set; }

    public bool Archived { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// The last number given in one journal within one scope: <c>""</c> (never reset), the year
/// (<c>"2026"</c>), or the parent document's id. Advanced by one atomic statement inside the
/// registering transaction (<see cref="JournalNumbering"/>), so numbers are unique and gap-free.
/// </summary>
public class JournalCounter
{
    public Guid JournalId { get; set; }

    public string Scope { get; set; } = "";

    public long Value { get; set; }
}

internal sealed class RegistrationJournalConfiguration : IEntityTypeConfiguration<RegistrationJournal>
{
    public void Configure(EntityTypeBuilder<RegistrationJournal> e)
    {
        e.ToTable("RegistrationJournals");
        e.Property(j => j.Name).HasMaxLength(TextLimits.Name).IsRequired();
        e.Property(j => j.Pattern).HasMaxLength(NumberPattern.MaxLength).IsRequired();
        e.Property(j => j.CounterReset).HasConversion<string>().HasMaxLength(16);
        e.Property(j => j.Version).IsConcurrencyToken();
    }
}

internal sealed class JournalCounterConfiguration : IEntityTypeConfiguration<JournalCounter>
{
    public void Configure(EntityTypeBuilder<JournalCounter> e)
    {
        e.ToTable("JournalCounters");
        e.HasKey(c => new { c.JournalId, c.Scope });
        e.Property(c => c.Scope).HasMaxLength(40);
        e.HasOne<RegistrationJournal>().WithMany().HasForeignKey(c => c.JournalId).OnDelete(DeleteBehavior.Cascade);
    }
}
