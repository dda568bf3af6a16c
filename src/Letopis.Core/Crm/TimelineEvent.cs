using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Crm;

/// <summary>
/// One entry of a counterparty's relationship history («летопись»): written automatically by every
/// feature that touches the counterparty, or typed in as a note. Newest first on the card.
/// </summary>
public class TimelineEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The counterparty whose timeline shows the event; null for an event of a lead without a client yet.</summary>
    public Guid? CounterpartyId { get; set; }

    /// <summary>The lead whose timeline shows the event.</summary>
    public Guid? LeadId { get; set; }

    /// <summary>The deal whose timeline shows the event.</summary>
    public Guid? DealId { get; set; }

    public DateTime At { get; set; }

    /// <summary>What happened: <see cref="TimelineKinds"/>. The UI and API word it in the reader's language.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The note itself, or the detail the kind needs (a contact's name, the changed fields).</summary>
    public string? Text { get; set; }

    public Guid? UserId { get; set; }

    public Guid? OnBehalfOfId { get; set; }

    /// <summary>The record the event is about (a contact, later an activity, deal or document).</summary>
    public string? EntityKind { get; set; }

    public Guid? EntityId { get; set; }
}

public static class TimelineKinds
{
    public const string Created = "created";
    public const string Changed = "changed";
    public const string ContactAdded = "contact_added";
    public const string Note = "note";
    public const string ContactLinked = "contact_linked";
    public const string ContactUnlinked = "contact_unlinked";
    public const string MainContactChanged = "main_contact";
    public const string BankAccountAdded = "bank_account_added";
    public const string BankAccountChanged = "bank_account_changed";
    public const string BankAccountRemoved = "bank_account_removed";
    public const string Merged = "merged";
    public const string ActivityPlanned = "activity_planned";
    public const string ActivityMoved = "activity_moved";
    public const string ActivityDone = "activity_done";
    public const string ActivityCancelled = "activity_cancelled";
    public const string ActivityNote = "activity_note";

    /// <summary>A letter written to the client (an e-mail activity): its subject, then the address and the attached files.</summary>
    public const string EmailSent = "email_sent";
    public const string DocumentRegistered = "document_registered";
    public const string DocumentStatus = "document_status";
    public const string DocumentFile = "document_file";
    public const string LeadCreated = "lead_created";
    public const string LeadChanged = "lead_changed";
    public const string LeadStage = "lead_stage";
    public const string LeadJunk = "lead_junk";
    public const string LeadConverted = "lead_converted";
    public const string LeadReopened = "lead_reopened";
    public const string DealCreated = "deal_created";
    public const string DealChanged = "deal_changed";
    public const string DealStage = "deal_stage";
    public const string DealWon = "deal_won";
    public const string DealLost = "deal_lost";
}

/// <summary>The small domain service every feature uses to write to a counterparty's timeline.</summary>
public static class Timeline
{
    public static TimelineEvent Add(LetopisDb db, Guid counterpartyId, DateTime at, ICurrentActor? actor, string kind, string? text,
        string? entityKind = null, Guid? entityId = null)
    {
        var entry = new TimelineEvent
        {
            CounterpartyId = counterpartyId,
            At = at,
            Kind = kind,
            Text = text,
            UserId = actor?.UserId,
            OnBehalfOfId = actor?.OnBehalfOfId,
            EntityKind = entityKind,
            EntityId = entityId,
        };
        db.TimelineEvents.Add(entry);
        return entry;
    }

    /// <summary>The camelCase names of the properties about to be saved as changed, for a «changed» entry.</summary>
    public static string? ChangedFields(LetopisDb db, object entity) =>
        db.Entry(entity).Properties
            .Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue) && ChangeRecorder.IsAudited(p))
            .Select(ChangeRecorder.FieldName)
            .ToList() is { Count: > 0 } fields
            ? string.Join(",", fields)
            : null;
}

internal sealed class TimelineEventConfiguration : IEntityTypeConfiguration<TimelineEvent>
{
    public void Configure(EntityTypeBuilder<TimelineEvent> e)
    {
        e.Property(t => t.Kind).HasMaxLength(40).IsRequired();
        e.Property(t => t.Text).HasMaxLength(TextLimits.Long);
        e.Property(t => t.EntityKind).HasMaxLength(40);
        e.HasOne<Counterparty>().WithMany().HasForeignKey(t => t.CounterpartyId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(t => new { t.CounterpartyId, t.At });
        e.HasOne<Leads.Lead>().WithMany().HasForeignKey(t => t.LeadId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Deals.Deal>().WithMany().HasForeignKey(t => t.DealId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(t => new { t.LeadId, t.At });
        e.HasIndex(t => new { t.DealId, t.At });
    }
}
