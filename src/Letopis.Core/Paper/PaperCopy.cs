using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Paper;

/// <summary>An original signed in ink, or a copy of it (API: <c>original</c>, <c>copy</c>).</summary>
public enum PaperCopyKind
{
    Original,
    Copy,
}

/// <summary>Whose exemplar it is: ours, or the counterparty's kept by us until it is sent (API: <c>ours</c>, <c>counterparty</c>).</summary>
public enum PaperCopyOwner
{
    Ours,
    Counterparty,
}

/// <summary>Where a paper copy is (API: <c>in_place</c>, <c>out</c>, <c>sent</c>).</summary>
public enum PaperCopyState
{
    /// <summary>Lies in its storage place.</summary>
    InPlace,

    /// <summary>Handed to a colleague (the holder) until a due date.</summary>
    Out,

    /// <summary>Sent to the counterparty (courier or post) and not back yet.</summary>
    Sent,
}

/// <summary>What happened to a copy (API: <c>placed</c>, <c>moved</c>, <c>handed_out</c>, <c>returned</c>, <c>sent</c>, <c>received</c>).</summary>
public enum PaperMovementKind
{
    /// <summary>Recorded in a storage place for the first time.</summary>
    Placed,

    /// <summary>Moved from one storage place to another.</summary>
    Moved,

    HandedOut,

    Returned,

    /// <summary>Dispatched to the counterparty.</summary>
    Sent,

    /// <summary>Came (back) from the counterparty.</summary>
    Received,
}

/// <summary>How a letter or a paper copy travels (API: <c>post</c>, <c>courier</c>, <c>email</c>, <c>by_hand</c>, <c>edo</c>).</summary>
public enum DeliveryMethod
{
    Post,
    Courier,
    Email,
    ByHand,

    /// <summary>Electronic document exchange («ЭДО»).</summary>
    Edo,
}

/// <summary>
/// A node of the editable tree of places where paper lies: office → archive room → cabinet →
/// shelf → folder. <see cref="Path"/> is the names from the top joined by « / », kept with every
/// rename or move so that lists show it without walking the tree.
/// </summary>
public class StoragePlace : IVersioned
{
    public const int NameMax = 200;

    public const int PathMax = 2000;

    public const string Separator = " / ";

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    public Guid? ParentId { get; set; }

    /// <summary>Names from the top of the tree down to this place, joined by <see cref="Separator"/>.</summary>
    public string Path { get; set; } = "";

    public string? Note { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// One paper exemplar of a document. It lies in a storage place (<see cref="PaperCopyState.InPlace"/>),
/// is with a holder until <see cref="DueBack"/> (<see cref="PaperCopyState.Out"/>), or is on its way to
/// the counterparty (<see cref="PaperCopyState.Sent"/>). The holder's department is copied onto the row
/// so that a department's overdue list is one index range.
/// </summary>
public class PaperCopy : IVersioned
{
    public const string EntityKind = "paperCopy";

    public const int PurposeMax = TextLimits.Name;

    public const int TrackingMax = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DocumentId { get; set; }

    public PaperCopyKind Kind { get; set; }

    /// <summary>The exemplar number within the document: 1, 2, …</summary>
    public int Number { get; set; }

    public PaperCopyOwner Owner { get; set; }

    public PaperCopyState State { get; set; }

    /// <summary>Where it lies (in place) or where it belongs when it comes back.</summary>
    public Guid? StoragePlaceId { get; set; }

    /// <summary>Who has it while it is out.</summary>
    public Guid? HolderId { get; set; }

    /// <summary>The holder's department when it was handed out.</summary>
    public Guid? HolderDepartmentId { get; set; }

    /// <summary>When it was handed out or sent.</summary>
    public DateTime? OutSince { get; set; }

    /// <summary>The date it is due back (company calendar); overdue from the next day.</summary>
    public DateOnly? DueBack { get; set; }

    public string? Purpose { get; set; }

    /// <summary>How it was sent to the counterparty.</summary>
    public DeliveryMethod? SentMethod { get; set; }

    public string? TrackingNumber { get; set; }

    public string? Note { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid? CreatedById { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// One event in a copy's life: placed, moved, handed out (to whom, for what, due back when — and,
/// once it came back, when), returned (to which place), sent, received.
/// </summary>
public class PaperMovement
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CopyId { get; set; }

    public Guid DocumentId { get; set; }

    public PaperMovementKind Kind { get; set; }

    public DateTime At { get; set; }

    /// <summary>Who recorded it.</summary>
    public Guid? ById { get; set; }

    public Guid? HolderId { get; set; }

    public string? Purpose { get; set; }

    public DateOnly? DueBack { get; set; }

    /// <summary>On a hand-out: when the copy came back.</summary>
    public DateTime? ReturnedAt { get; set; }

    public Guid? FromPlaceId { get; set; }

    public Guid? ToPlaceId { get; set; }

    public DeliveryMethod? Method { get; set; }

    public string? TrackingNumber { get; set; }

    public string? Note { get; set; }
}

internal sealed class StoragePlaceConfiguration : IEntityTypeConfiguration<StoragePlace>
{
    public void Configure(EntityTypeBuilder<StoragePlace> e)
    {
        e.Property(p => p.Name).HasMaxLength(StoragePlace.NameMax).IsRequired();
        e.Property(p => p.Path).HasMaxLength(StoragePlace.PathMax).IsRequired();
        e.Property(p => p.Note).HasMaxLength(TextLimits.Long);
        e.Property(p => p.Version).IsConcurrencyToken();
        e.HasOne<StoragePlace>().WithMany().HasForeignKey(p => p.ParentId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => new { p.ParentId, p.Name });
        e.HasIndex(p => p.Path);
    }
}

internal sealed class PaperCopyConfiguration : IEntityTypeConfiguration<PaperCopy>
{
    public void Configure(EntityTypeBuilder<PaperCopy> e)
    {
        e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(c => c.Owner).HasConversion<string>().HasMaxLength(16);
        e.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        e.Property(c => c.SentMethod).HasConversion<string>().HasMaxLength(16);
        e.Property(c => c.Purpose).HasMaxLength(PaperCopy.PurposeMax);
        e.Property(c => c.TrackingNumber).HasMaxLength(PaperCopy.TrackingMax);
        e.Property(c => c.Note).HasMaxLength(TextLimits.Long);
        e.Property(c => c.Version).IsConcurrencyToken();
        e.HasOne<Document>().WithMany().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<StoragePlace>().WithMany().HasForeignKey(c => c.StoragePlaceId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AppUser>().WithMany().HasForeignKey(c => c.HolderId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => new { c.DocumentId, c.Number }).IsUnique();
        // Copies out and overdue: of everyone, of a holder, of a department — each one index range by due date.
        e.HasIndex(c => new { c.State, c.DueBack });
        e.HasIndex(c => new { c.HolderId, c.State, c.DueBack });
        e.HasIndex(c => new { c.HolderDepartmentId, c.State, c.DueBack });
        e.HasIndex(c => c.StoragePlaceId);
    }
}

internal sealed class PaperMovementConfiguration : IEntityTypeConfiguration<PaperMovement>
{
    public void Configure(EntityTypeBuilder<PaperMovement> e)
    {
        e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(m => m.Method).HasConversion<string>().HasMaxLength(16);
        e.Property(m => m.Purpose).HasMaxLength(PaperCopy.PurposeMax);
        e.Property(m => m.TrackingNumber).HasMaxLength(PaperCopy.TrackingMax);
        e.Property(m => m.Note).HasMaxLength(TextLimits.Long);
        e.HasOne<PaperCopy>().WithMany().HasForeignKey(m => m.CopyId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(m => new { m.CopyId, m.At });
        e.HasIndex(m => new { m.DocumentId, m.At });
    }
}
