using System.Linq.Expressions;
using System.Reflection;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;
using Letopis.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Letopis.Core.Crm;

/// <summary>Merge a duplicate into this counterparty.</summary>
/// <param name="DuplicateId">The duplicate card: everything that refers to it moves here, then it is deleted.</param>
/// <param name="TakeFields">Fields (camelCase, as the card names them) whose value to take from the duplicate even though this card has one. Empty fields are filled from the duplicate anyway.</param>
/// <param name="Version">The survivor's version as the caller read it (a stale one gives 409).</param>
public sealed record MergeCounterpartiesRequest(Guid? DuplicateId, IReadOnlyList<string>? TakeFields, int? Version);

/// <summary>
/// Merges two cards of the same client («объединить»). The survivor keeps its values, fills its
/// empty fields from the duplicate (or takes the ones the user chose), and every row anywhere that
/// refers to the duplicate moves to the survivor: found generically, from the EF model's foreign
/// keys to <see cref="Counterparty"/> and from the «EntityKind + EntityId» columns of history,
/// reminders and alike, so features added later are carried without touching this file.
/// All in one transaction; the duplicate is deleted at the end.
/// </summary>
public sealed class MergeCounterparties(LetopisDb db, TimeProvider time, ICurrentActor actor, NameBook nameBook)
{
    public const string SameCard = "same_card";

    private static readonly MethodInfo RepointForeignKeyMethod =
        typeof(MergeCounterparties).GetMethod(nameof(RepointForeignKeyAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo RepointEntityIdMethod =
        typeof(MergeCounterparties).GetMethod(nameof(RepointEntityIdAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Card fields that are bookkeeping, not data: never copied from the duplicate.</summary>
    private static readonly HashSet<string> NotMerged =
        [nameof(Counterparty.Id), nameof(Counterparty.Version), nameof(Counterparty.CreatedAt), nameof(Counterparty.CreatedById),
         nameof(Counterparty.Kind), nameof(Counterparty.NameNormalized), nameof(Counterparty.NameKey), nameof(Counterparty.SortName)];

    /// <summary>The fields a user may choose between, camelCase.</summary>
    public IReadOnlyList<string> MergeableFields() =>
        db.Model.FindEntityType(typeof(Counterparty))!.GetProperties()
            .Where(p => !NotMerged.Contains(p.Name) && !p.IsShadowProperty())
            .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]).ToList();

    public async Task<Result<CounterpartyDto>> HandleAsync(
        AccessContext access, Guid survivorId, MergeCounterpartiesRequest request, int? ifMatch, CancellationToken ct)
    {
        var visible = db.Counterparties.VisibleTo(access, Counterparty.EntityKind);
        var survivor = await visible.SingleOrDefaultAsync(c => c.Id == survivorId, ct);
        if (survivor is null)
            return Error.NotFound();
        if (request.DuplicateId is not { } duplicateId)
            return Error.Validation(("duplicateId", FieldErrors.Required));
        if (duplicateId == survivorId)
            return Error.Validation(("duplicateId", SameCard));
        var duplicate = await visible.SingleOrDefaultAsync(c => c.Id == duplicateId, ct);
        if (duplicate is null)
            return Error.NotFound();
        if (!access.Allows(Counterparty.EntityKind, PermissionAction.Edit, survivor.ResponsibleId)
            || !access.Allows(Counterparty.EntityKind, PermissionAction.Edit, duplicate.ResponsibleId)
            || !access.Allows(Counterparty.EntityKind, PermissionAction.Delete, duplicate.ResponsibleId))
            return Error.Forbidden();
        if (VersionCheck.Fails(survivor.Version, request.Version, ifMatch) is { } stale)
            return stale;
        var fields = MergeableFields();
        var take = (request.TakeFields ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (take.FirstOrDefault(f => !fields.Contains(f, StringComparer.OrdinalIgnoreCase)) is { } unknown)
            return Error.Validation(("takeFields", FieldErrors.Invalid));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;

        // Rows that would collide or break a «one main» rule once moved are settled first.
        await SettleContactLinksAsync(survivorId, duplicateId, ct);
        await SettleBankAccountsAsync(survivorId, duplicateId, ct);
        await SettleTagsAsync(survivorId, duplicateId, ct);
        await MoveCustomValuesAsync(survivorId, duplicateId, ct);
        // Their search rows name the duplicate as the way to reach them; they are rewritten below.
        var movedContacts = await db.CounterpartyContacts.Where(l => l.CounterpartyId == duplicateId).Select(l => l.ContactId).ToListAsync(ct);

        foreach (var entityType in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.ClrType != typeof(Counterparty)))
        {
            foreach (var fk in entityType.GetForeignKeys().Where(fk => fk.PrincipalEntityType.ClrType == typeof(Counterparty) && fk.Properties.Count == 1))
            {
                var property = fk.Properties[0];
                await (Task<int>)RepointForeignKeyMethod.MakeGenericMethod(entityType.ClrType, property.ClrType)
                    .Invoke(null, [db, property.Name, duplicateId, survivorId, ct])!;
            }
            // History, reminders and other polymorphic references name their record by kind and id.
            var kind = entityType.FindProperty("EntityKind");
            var id = entityType.FindProperty("EntityId");
            if (kind?.ClrType == typeof(string) && id is not null && (id.ClrType == typeof(Guid) || id.ClrType == typeof(Guid?)))
            {
                await (Task<int>)RepointEntityIdMethod.MakeGenericMethod(entityType.ClrType, id.ClrType)
                    .Invoke(null, [db, duplicateId, survivorId, ct])!;
            }
        }
        var oldLink = $"/counterparties/{duplicateId}";
        var newLink = $"/counterparties/{survivorId}";
        await db.Reminders.Where(r => r.Link == oldLink).ExecuteUpdateAsync(s => s.SetProperty(r => r.Link, newLink), ct);
        await db.Notifications.Where(n => n.Link == oldLink).ExecuteUpdateAsync(s => s.SetProperty(n => n.Link, newLink), ct);

        // Fields: the survivor's values stay; empty ones, and the ones the user chose, come from the duplicate.
        var target = db.Entry(survivor);
        var source = db.Entry(duplicate);
        foreach (var field in fields)
        {
            var name = char.ToUpperInvariant(field[0]) + field[1..];
            var mine = target.Property(name);
            var theirs = source.Property(name).CurrentValue;
            var empty = mine.CurrentValue is null || mine.CurrentValue is string { Length: 0 };
            if (theirs is not null && (empty || take.Contains(field)))
                mine.CurrentValue = theirs;
        }
        survivor.NameNormalized = survivor.Name.ToUpperInvariant();
        survivor.NameKey = FindDuplicates.CoreName(survivor.Name);
        if (survivor.ResponsibleId != target.Property(c => c.ResponsibleId).OriginalValue
            && !access.Allows(Counterparty.EntityKind, PermissionAction.Edit, survivor.ResponsibleId))
        {
            await transaction.RollbackAsync(ct);
            return Error.Forbidden();
        }

        db.ChangeTracker.DetectChanges();
        if (Timeline.ChangedFields(db, survivor) is { } changed)
            Timeline.Add(db, survivorId, now, actor, TimelineKinds.Changed, changed);
        Timeline.Add(db, survivorId, now, actor, TimelineKinds.Merged, duplicate.Name, Counterparty.EntityKind, duplicateId);
        db.ChangeRecords.Add(ChangeRecord.Of(Counterparty.EntityKind, survivorId, now, actor, ChangeOperation.Updated,
            "mergedWith", null, $"{duplicate.Name} ({duplicateId})"));
        db.Counterparties.Remove(duplicate);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return Error.StaleVersion();
        }
        if (movedContacts.Count > 0)
            await Search.SearchIndex.RefreshAsync(db, ContactPerson.EntityKind, movedContacts, ct);
        await transaction.CommitAsync(ct);
        return (await CounterpartyProjection.LoadAsync(db, await nameBook.GetAsync(db, access.Stamp, ct), survivorId, ct))!;
    }

    /// <summary>A person linked to both stays once; the survivor's main contact stays main.</summary>
    private async Task SettleContactLinksAsync(Guid survivorId, Guid duplicateId, CancellationToken ct)
    {
        var shared = db.CounterpartyContacts.Where(l => l.CounterpartyId == survivorId).Select(l => l.ContactId);
        await db.CounterpartyContacts.Where(l => l.CounterpartyId == duplicateId && shared.Contains(l.ContactId)).ExecuteDeleteAsync(ct);
        if (await db.CounterpartyContacts.AnyAsync(l => l.CounterpartyId == survivorId && l.IsMain, ct))
            await db.CounterpartyContacts.Where(l => l.CounterpartyId == duplicateId).ExecuteUpdateAsync(s => s.SetProperty(l => l.IsMain, false), ct);
    }

    /// <summary>A tag on both cards stays once.</summary>
    private async Task SettleTagsAsync(Guid survivorId, Guid duplicateId, CancellationToken ct)
    {
        var mine = db.Set<CounterpartyTag>().Where(t => t.CounterpartyId == survivorId).Select(t => t.TagId);
        await db.Set<CounterpartyTag>().Where(t => t.CounterpartyId == duplicateId && mine.Contains(t.TagId)).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Custom values name their card by id alone: the survivor's own values win field by field, the
    /// fields only the duplicate filled come over.
    /// </summary>
    private async Task MoveCustomValuesAsync(Guid survivorId, Guid duplicateId, CancellationToken ct)
    {
        var filled = db.CustomFieldValues.Where(v => v.EntityId == survivorId).Select(v => v.FieldId);
        await db.CustomFieldValues.Where(v => v.EntityId == duplicateId && filled.Contains(v.FieldId)).ExecuteDeleteAsync(ct);
        await db.CustomFieldValues.Where(v => v.EntityId == duplicateId).ExecuteUpdateAsync(s => s.SetProperty(v => v.EntityId, survivorId), ct);
    }

    /// <summary>The same account on both cards stays once; the survivor's main account stays main.</summary>
    private async Task SettleBankAccountsAsync(Guid survivorId, Guid duplicateId, CancellationToken ct)
    {
        var mine = db.BankAccounts.Where(b => b.CounterpartyId == survivorId);
        await db.BankAccounts.Where(b => b.CounterpartyId == duplicateId && mine.Any(m => m.Bik == b.Bik && m.Account == b.Account))
            .ExecuteDeleteAsync(ct);
        if (await mine.AnyAsync(b => b.IsMain, ct))
            await db.BankAccounts.Where(b => b.CounterpartyId == duplicateId).ExecuteUpdateAsync(s => s.SetProperty(b => b.IsMain, false), ct);
    }

    private static Task<int> RepointForeignKeyAsync<TEntity, TKey>(LetopisDb db, string property, Guid from, Guid to, CancellationToken ct)
        where TEntity : class
    {
        // TKey is Guid or Guid? as the model declares the column.
        var toKey = (TKey)(object)to;
        return db.Set<TEntity>().Where(Is<TEntity, TKey>(property, (TKey)(object)from))
            .ExecuteUpdateAsync(s => s.SetProperty(e => EF.Property<TKey>(e, property), toKey), ct);
    }

    private static Task<int> RepointEntityIdAsync<TEntity, TKey>(LetopisDb db, Guid from, Guid to, CancellationToken ct)
        where TEntity : class
    {
        var toKey = (TKey)(object)to;
        return db.Set<TEntity>()
            .Where(e => EF.Property<string>(e, "EntityKind") == Counterparty.EntityKind)
            .Where(Is<TEntity, TKey>("EntityId", (TKey)(object)from))
            .ExecuteUpdateAsync(s => s.SetProperty(e => EF.Property<TKey>(e, "EntityId"), toKey), ct);
    }

    /// <summary><c>e => EF.Property&lt;TKey&gt;(e, property) == value</c>, with the value as a query parameter.</summary>
    private static Expression<Func<TEntity, bool>> Is<TEntity, TKey>(string property, TKey value)
    {
        var e = Expression.Parameter(typeof(TEntity), "e");
        Expression<Func<TKey>> captured = () => value;
        var column = Expression.Call(typeof(EF), nameof(EF.Property), [typeof(TKey)], e, Expression.Constant(property));
        return Expression.Lambda<Func<TEntity, bool>>(Expression.Equal(column, captured.Body), e);
    }
}
