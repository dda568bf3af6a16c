using Letopis.Core.Access;
using Letopis.Core.Calendar;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.History;
using Letopis.Core.Notifications;
using Letopis.Core.Search;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Data;

/// <summary>
/// The one database of Letopis. Saving bumps the version of changed records and writes the
/// history of audited ones in the same transaction.
/// <para>
/// Contexts are pooled: a request leases one set up before (EF Core's own service scope, the
/// sets, the connection object) instead of building it; <see cref="Lease"/> gives it the request's
/// actor and clock, so nothing of an earlier lease is carried over.
/// </para>
/// </summary>
public class LetopisDb(DbContextOptions<LetopisDb> options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options), IDataProtectionKeyContext
{
    private ICurrentActor? _actor;

    private TimeProvider _time = TimeProvider.System;

    /// <summary>Hands a pooled context to a new scope: its saves are recorded as <paramref name="actor"/> at <paramref name="time"/>'s now.</summary>
    public LetopisDb Lease(ICurrentActor? actor, TimeProvider time)
    {
        _actor = actor;
        _time = time;
        RecordAs = null;
        return this;
    }

    public DbSet<Department> Departments => Set<Department>();

    public DbSet<RolePermission> RolePermissions => Set<RolePermission>();

    public DbSet<Deputyship> Deputyships => Set<Deputyship>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<ChangeRecord> ChangeRecords => Set<ChangeRecord>();

    public DbSet<Reminder> Reminders => Set<Reminder>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ReferenceItem> ReferenceItems => Set<ReferenceItem>();

    public DbSet<Counterparty> Counterparties => Set<Counterparty>();

    public DbSet<ContactPerson> ContactPersons => Set<ContactPerson>();

    public DbSet<CounterpartyContact> CounterpartyContacts => Set<CounterpartyContact>();

    public DbSet<TimelineEvent> TimelineEvents => Set<TimelineEvent>();

    public DbSet<AccessStamp> AccessStamps => Set<AccessStamp>();

    public DbSet<CustomFields.CustomField> CustomFields => Set<CustomFields.CustomField>();

    public DbSet<CustomFields.CustomFieldValue> CustomFieldValues => Set<CustomFields.CustomFieldValue>();
    public DbSet<SearchEntry> SearchEntries => Set<SearchEntry>();

    public DbSet<BankAccount> BankAccounts => Set<BankAccount>();

    public DbSet<ContactDate> ContactDates => Set<ContactDate>();

    public DbSet<OurCompany> OurCompanies => Set<OurCompany>();

    public DbSet<RecordCount> RecordCounts => Set<RecordCount>();

    public DbSet<Activities.Activity> Activities => Set<Activities.Activity>();

    public DbSet<Activities.ActivityNote> ActivityNotes => Set<Activities.ActivityNote>();

    public DbSet<Documents.DocumentType> DocumentTypes => Set<Documents.DocumentType>();

    public DbSet<Documents.RegistrationJournal> RegistrationJournals => Set<Documents.RegistrationJournal>();

    public DbSet<Documents.JournalCounter> JournalCounters => Set<Documents.JournalCounter>();

    public DbSet<Documents.Document> Documents => Set<Documents.Document>();

    public DbSet<Documents.DocumentCoResponsible> DocumentCoResponsibles => Set<Documents.DocumentCoResponsible>();

    public DbSet<Documents.DocumentLink> DocumentLinks => Set<Documents.DocumentLink>();

    public DbSet<Documents.DocumentFile> DocumentFiles => Set<Documents.DocumentFile>();

    public DbSet<Documents.DocumentFileVersion> DocumentFileVersions => Set<Documents.DocumentFileVersion>();

    public DbSet<Deals.Pipeline> Pipelines => Set<Deals.Pipeline>();

    public DbSet<Deals.PipelineStage> PipelineStages => Set<Deals.PipelineStage>();

    public DbSet<Deals.Deal> Deals => Set<Deals.Deal>();

    public DbSet<Deals.DealContact> DealContacts => Set<Deals.DealContact>();

    public DbSet<Deals.DealItem> DealItems => Set<Deals.DealItem>();

    public DbSet<Deals.StageTransition> StageTransitions => Set<Deals.StageTransition>();

    public DbSet<Deals.StageTotal> StageTotals => Set<Deals.StageTotal>();

    public DbSet<Leads.Lead> Leads => Set<Leads.Lead>();

    public DbSet<Templates.DocumentTemplate> DocumentTemplates => Set<Templates.DocumentTemplate>();

    public DbSet<Templates.TemplateBatch> TemplateBatches => Set<Templates.TemplateBatch>();

    public DbSet<Templates.TemplateBatchItem> TemplateBatchItems => Set<Templates.TemplateBatchItem>();

    public DbSet<Mail.OutgoingEmail> OutgoingEmails => Set<Mail.OutgoingEmail>();

    public DbSet<Mail.OutgoingEmailAttachment> OutgoingEmailAttachments => Set<Mail.OutgoingEmailAttachment>();

    public DbSet<Approvals.ApprovalScheme> ApprovalSchemes => Set<Approvals.ApprovalScheme>();

    public DbSet<Approvals.ApprovalSchemeVersion> ApprovalSchemeVersions => Set<Approvals.ApprovalSchemeVersion>();

    public DbSet<Approvals.ApprovalRoute> ApprovalRoutes => Set<Approvals.ApprovalRoute>();

    public DbSet<Approvals.ApprovalRouteStage> ApprovalRouteStages => Set<Approvals.ApprovalRouteStage>();

    public DbSet<Approvals.ApprovalTask> ApprovalTasks => Set<Approvals.ApprovalTask>();

    public DbSet<Approvals.ApprovalTaskFile> ApprovalTaskFiles => Set<Approvals.ApprovalTaskFile>();

    public DbSet<Paper.StoragePlace> StoragePlaces => Set<Paper.StoragePlace>();

    public DbSet<Paper.PaperCopy> PaperCopies => Set<Paper.PaperCopy>();

    public DbSet<Paper.PaperMovement> PaperMovements => Set<Paper.PaperMovement>();

    public DbSet<Correspondence.Resolution> Resolutions => Set<Correspondence.Resolution>();

    public DbSet<Correspondence.Assignment> Assignments => Set<Correspondence.Assignment>();

    public DbSet<Correspondence.AssignmentExecutor> AssignmentExecutors => Set<Correspondence.AssignmentExecutor>();

    public DbSet<Correspondence.AssignmentReport> AssignmentReports => Set<Correspondence.AssignmentReport>();

    public DbSet<Correspondence.AssignmentReportFile> AssignmentReportFiles => Set<Correspondence.AssignmentReportFile>();

    public DbSet<Execution.ControlPoint> ControlPoints => Set<Execution.ControlPoint>();

    public DbSet<Execution.ControlPayment> ControlPayments => Set<Execution.ControlPayment>();

    public DbSet<Execution.ControlReminderRule> ControlReminderRules => Set<Execution.ControlReminderRule>();

    /// <summary>
    /// Who the coming saves are recorded as, when a handler knows better than the request: a deputy
    /// working on the absent colleague's record without having switched to them is still their deputy.
    /// </summary>
    public ICurrentActor? RecordAs { get; set; }

    /// <summary>"sqlite" or "postgres": lets provider-specific services pick their SQL.</summary>
    public string ProviderKind => _providerKind ??= Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true ? "postgres" : "sqlite";

    // A context never changes its provider; search and counts ask for it several times per save.
    private string? _providerKind;

    // Data protection stores its keys through the synchronous overload, so both carry the same bookkeeping.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var history = PrepareSave();
        // Nothing searchable or counted changes through this overload today; if it ever does, both still follow.
        var stale = SearchIndex.CollectStaleAsync(this, CancellationToken.None).GetAwaiter().GetResult();
        var counts = Data.RecordCounts.Collect(ChangeTracker);
        var stages = Letopis.Core.Deals.StageTotals.Collect(ChangeTracker);
        using var turn = SqliteWriteGate.Enter(this);
        return history.Count == 0 && stale.Count == 0 && counts.Count == 0 && stages.Count == 0
            ? base.SaveChanges(acceptAllChangesOnSuccess)
            : SaveWithLogsAsync(acceptAllChangesOnSuccess, history, stale, counts, stages, CancellationToken.None).GetAwaiter().GetResult();
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var history = PrepareSave();
        var stale = await SearchIndex.CollectStaleAsync(this, cancellationToken);
        var counts = Data.RecordCounts.Collect(ChangeTracker);
        var stages = Letopis.Core.Deals.StageTotals.Collect(ChangeTracker);
        using var turn = await SqliteWriteGate.EnterAsync(this, cancellationToken);
        return history.Count == 0 && stale.Count == 0 && counts.Count == 0 && stages.Count == 0
            ? await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
            : await SaveWithLogsAsync(acceptAllChangesOnSuccess, history, stale, counts, stages, cancellationToken);
    }

    /// <summary>
    /// Saves, then writes the history rows, rewrites the search rows of the changed records and the
    /// kept totals (directory counts, board columns), all in one transaction, so that none of them is ever half-written.
    /// </summary>
    private async Task<int> SaveWithLogsAsync(
        bool acceptAllChangesOnSuccess, List<ChangeRecord> history, List<StaleRecords> stale, Dictionary<(string, Guid), long> counts,
        Dictionary<(Guid, Guid), (long, long)> stages, CancellationToken ct)
    {
        await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
        // What is written beside EF Core's statements goes as one command where it can.
        var batch = new WriteBatch(this);
        await ChangeRecorder.AddToAsync(batch, history, ct);
        count += history.Count;
        if (stale.Count > 0)
            await SearchIndex.RefreshAsync(this, stale, batch, ct);
        await Data.RecordCounts.ApplyAsync(batch, counts, ct);
        await Letopis.Core.Deals.StageTotals.ApplyAsync(batch, stages, ct);
        await batch.FlushAsync(ct);
        if (transaction is not null)
            await transaction.CommitAsync(ct);
        return count;
    }

    /// <summary>Versions, the access stamp and the history rows of the coming save; the rows are written by <see cref="SaveWithLogsAsync"/>.</summary>
    private List<ChangeRecord> PrepareSave()
    {
        ChangeTracker.DetectChanges();
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
                entry.Entity.Version++;
            else if (entry.State == EntityState.Added && entry.Entity.Version == 0)
                entry.Entity.Version = 1;
        }

        AccessStamp.BumpIfNeeded(this);
        SetSortKeys();

        var now = _time.GetUtcNow().UtcDateTime;
        var who = RecordAs ?? _actor;
        return ChangeRecorder.Collect(ChangeTracker, now, who?.UserId, who?.OnBehalfOfId);
    }

    /// <summary>
    /// The stored sort keys follow the values they derive from, whoever writes the record (use cases,
    /// merges, the demo): the directory's name order and the registry's number order.
    /// </summary>
    private void SetSortKeys()
    {
        foreach (var entry in ChangeTracker.Entries<Crm.Counterparty>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                var key = Crm.CounterpartySortName.Of(entry.Entity.Name);
                if (entry.Entity.SortName != key)
                    entry.Entity.SortName = key;
            }
        }
        foreach (var entry in ChangeTracker.Entries<Letopis.Core.Leads.Lead>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
                entry.Entity.TitleNormalized = entry.Entity.Title.ToUpperInvariant();
        }
        foreach (var entry in ChangeTracker.Entries<Letopis.Core.Deals.Deal>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
                entry.Entity.TitleNormalized = entry.Entity.Title.ToUpperInvariant();
        }
        foreach (var entry in ChangeTracker.Entries<Letopis.Core.Documents.Document>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                var key = Letopis.Core.Documents.NumberSortKey.Of(entry.Entity.Number);
                if (entry.Entity.NumberSortKey != key)
                    entry.Entity.NumberSortKey = key;
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite hands DateTime back without a kind; every instant in Letopis is UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Feature folders keep their entity configurations beside their entities.
        builder.ApplyConfigurationsFromAssembly(typeof(LetopisDb).Assembly);

        builder.Entity<AppUser>(e =>
        {
            e.Property(u => u.FullName).HasMaxLength(TextLimits.Name).IsRequired();
            e.Property(u => u.Position).HasMaxLength(TextLimits.Name);
            e.Property(u => u.Culture).HasMaxLength(8);
            e.Property(u => u.TimeZone).HasMaxLength(TimeZones.MaxIdLength);
            e.Property(u => u.Version).IsConcurrencyToken();
            e.HasOne(u => u.Department).WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(u => u.DepartmentId);
        });

        builder.Entity<AppRole>(e =>
        {
            e.Property(r => r.DisplayName).HasMaxLength(TextLimits.Name);
            e.Property(r => r.Version).IsConcurrencyToken();
        });

        builder.Entity<Department>(e =>
        {
            e.Property(d => d.Name).HasMaxLength(TextLimits.Name).IsRequired();
            e.Property(d => d.Version).IsConcurrencyToken();
            e.HasOne<Department>().WithMany().HasForeignKey(d => d.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AppUser>().WithMany().HasForeignKey(d => d.HeadId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(d => d.ParentId);
        });

        builder.Entity<RolePermission>(e =>
        {
            e.Property(p => p.EntityKind).HasMaxLength(40).IsRequired();
            e.Property(p => p.Action).HasConversion<string>().HasMaxLength(16);
            e.Property(p => p.Scope).HasConversion<string>().HasMaxLength(16);
            e.HasOne<AppRole>().WithMany().HasForeignKey(p => p.RoleId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(p => new { p.RoleId, p.EntityKind, p.Action }).IsUnique();
        });

        builder.Entity<Deputyship>(e =>
        {
            e.Property(d => d.Reason).HasMaxLength(TextLimits.Name);
            e.Property(d => d.Version).IsConcurrencyToken();
            e.HasOne<AppUser>().WithMany().HasForeignKey(d => d.PrincipalId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(d => d.DeputyId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(d => new { d.DeputyId, d.EndsOn });
            e.HasIndex(d => new { d.PrincipalId, d.EndsOn });
        });

        builder.Entity<ApiToken>(e =>
        {
            e.Property(t => t.Name).HasMaxLength(TextLimits.Short).IsRequired();
            e.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
            e.Property(t => t.Hint).HasMaxLength(16);
            e.Property(t => t.Scope).HasMaxLength(40);
            e.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasIndex(t => t.UserId);
        });

        builder.Entity<ChangeRecord>(e =>
        {
            e.Property(c => c.EntityKind).HasMaxLength(40).IsRequired();
            e.Property(c => c.Field).HasMaxLength(100).IsRequired();
            e.Property(c => c.Operation).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(c => new { c.EntityKind, c.EntityId, c.At });
        });

        builder.Entity<Reminder>(e =>
        {
            e.Property(r => r.Title).HasMaxLength(TextLimits.Name).IsRequired();
            e.Property(r => r.Body).HasMaxLength(TextLimits.Long);
            e.Property(r => r.Link).HasMaxLength(TextLimits.Name);
            e.Property(r => r.EntityKind).HasMaxLength(40);
            e.Property(r => r.ClaimedBy).HasMaxLength(100);
            e.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
            // The dispatcher's scan: unfired reminders in due order; fired ones drop out of the index.
            e.HasIndex(r => r.DueAt).HasFilter("\"FiredAt\" IS NULL AND \"CancelledAt\" IS NULL").HasDatabaseName("IX_Reminders_Due");
            e.HasIndex(r => new { r.EntityKind, r.EntityId });
            e.HasIndex(r => r.UserId);
        });

        builder.Entity<Notification>(e =>
        {
            e.Property(n => n.Title).HasMaxLength(TextLimits.Name).IsRequired();
            e.Property(n => n.Body).HasMaxLength(TextLimits.Long);
            e.Property(n => n.Link).HasMaxLength(TextLimits.Name);
            e.Property(n => n.Email).HasConversion<string>().HasMaxLength(16);
            e.Property(n => n.EmailError).HasMaxLength(TextLimits.Name);
            e.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(n => new { n.UserId, n.ReadAt, n.CreatedAt });
            e.HasIndex(n => n.CreatedAt);
            e.HasIndex(n => n.ReminderId).IsUnique();
        });

        builder.Entity<CalendarDay>(e =>
        {
            e.HasKey(d => d.Date);
            e.Property(d => d.Name).HasMaxLength(TextLimits.Name);
        });
    }
}

internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
