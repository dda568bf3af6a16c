using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Letopis.Core.History;

/// <summary>
/// Turns the tracked changes of audited entities into history rows, so that they are saved in
/// the same transaction as the change itself.
/// </summary>
internal static class ChangeRecorder
{
    /// <summary>
    /// Adds the rows <see cref="Collect"/> made to the save's batch as one statement rather than one
    /// per row: creating a card records a row per filled field.
    /// </summary>
    public static Task AddToAsync(WriteBatch batch, IReadOnlyList<ChangeRecord> records, CancellationToken ct) =>
        batch.InsertAsync("""
            "ChangeRecords" ("Id", "At", "EntityId", "EntityKind", "Field", "NewValue", "OldValue", "OnBehalfOfId", "Operation", "UserId")
            """,
            records.Select(r => new object?[] { r.Id, r.At, r.EntityId, r.EntityKind, r.Field, r.NewValue, r.OldValue, r.OnBehalfOfId, r.Operation.ToString(), r.UserId }), ct);

    // Reflection once per type and property, not on every save.
    private static readonly ConcurrentDictionary<Type, string> AuditKinds = new();
    private static readonly ConcurrentDictionary<(Type, string), bool> Audited = new();

    // Identity's bookkeeping columns: secrets or noise, never history.
    private static readonly HashSet<string> Ignored =
    [
        "Id", nameof(IVersioned.Version), "PasswordHash", "SecurityStamp", "ConcurrencyStamp",
        "NormalizedUserName", "NormalizedEmail", "AccessFailedCount", "LockoutEnd", "CreatedAt",
        "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled",
    ];

    public static List<ChangeRecord> Collect(ChangeTracker tracker, DateTime now, Guid? userId, Guid? onBehalfOfId)
    {
        var records = new List<ChangeRecord>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is not IAudited audited || entry.State is EntityState.Unchanged or EntityState.Detached)
                continue;

            var kind = AuditKinds.GetOrAdd(entry.Entity.GetType(), type => (string)type
                .GetProperty(nameof(IAudited.AuditKind), BindingFlags.Public | BindingFlags.Static)!
                .GetValue(null)!);

            foreach (var property in entry.Properties)
            {
                if (!IsAudited(property))
                    continue;

                string? oldValue = null, newValue = null;
                var operation = ChangeOperation.Updated;
                switch (entry.State)
                {
                    case EntityState.Added:
                        operation = ChangeOperation.Created;
                        newValue = Format(property.CurrentValue);
                        // A new record lists what was filled in; an unset flag («Удалён — нет») says nothing.
                        if (newValue is null or "" || property.CurrentValue is false)
                            continue;
                        break;
                    case EntityState.Deleted:
                        operation = ChangeOperation.Deleted;
                        oldValue = Format(property.OriginalValue);
                        if (oldValue is null or "")
                            continue;
                        break;
                    case EntityState.Modified:
                        oldValue = Format(property.OriginalValue);
                        newValue = Format(property.CurrentValue);
                        if (!property.IsModified || oldValue == newValue)
                            continue;
                        break;
                }

                records.Add(new ChangeRecord
                {
                    EntityKind = kind,
                    EntityId = audited.Id,
                    At = now,
                    UserId = userId,
                    OnBehalfOfId = onBehalfOfId,
                    Operation = operation,
                    Field = FieldName(property),
                    OldValue = oldValue,
                    NewValue = newValue,
                });
            }
        }
        return records;
    }

    /// <summary>Whether changes of this property belong in the history (and on the timeline).</summary>
    public static bool IsAudited(PropertyEntry property) =>
        Audited.GetOrAdd((property.EntityEntry.Metadata.ClrType, property.Metadata.Name), _ =>
            !Ignored.Contains(property.Metadata.Name) && !property.Metadata.IsShadowProperty()
            && property.Metadata.PropertyInfo?.GetCustomAttribute<NotAuditedAttribute>() is null);

    /// <summary>The field name as the API spells it (camelCase).</summary>
    public static string FieldName(PropertyEntry property) =>
        char.ToLowerInvariant(property.Metadata.Name[0]) + property.Metadata.Name[1..];

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
