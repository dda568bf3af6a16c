using Letopis.Core.Activities;
using Letopis.Core.Common;
using Letopis.Core.Documents;

namespace Letopis.Core.Crm;

/// <summary>
/// The kinds of timeline entries a reader filters by: <c>calls</c> (the contacts workspace: calls,
/// meetings, letters, tasks — planned, moved, done, cancelled, their notes), <c>notes</c>,
/// <c>documents</c> (registered, status, files) and <c>changes</c> (the card, its contacts and bank
/// accounts, merges).
/// </summary>
public static class TimelineFilters
{
    public const string Calls = "calls";
    public const string Notes = "notes";
    public const string Documents = "documents";
    public const string Changes = "changes";

    public static readonly IReadOnlyList<string> All = [Calls, Notes, Documents, Changes];

    private static readonly Dictionary<string, string[]> KindsOf = new(StringComparer.OrdinalIgnoreCase)
    {
        [Calls] =
        [
            TimelineKinds.ActivityPlanned, TimelineKinds.ActivityMoved, TimelineKinds.ActivityDone, TimelineKinds.ActivityCancelled,
            TimelineKinds.ActivityNote, TimelineKinds.EmailSent,
        ],
        [Notes] = [TimelineKinds.Note],
        [Documents] = [TimelineKinds.DocumentRegistered, TimelineKinds.DocumentStatus, TimelineKinds.DocumentFile],
        [Changes] =
        [
            TimelineKinds.Created, TimelineKinds.Changed, TimelineKinds.ContactAdded, TimelineKinds.ContactLinked, TimelineKinds.ContactUnlinked,
            TimelineKinds.MainContactChanged, TimelineKinds.BankAccountAdded, TimelineKinds.BankAccountChanged, TimelineKinds.BankAccountRemoved,
            TimelineKinds.Merged,
        ],
    };

    /// <summary>
    /// The entry kinds of a comma-separated filter (<c>calls,notes</c>; <c>activities</c> means <c>calls</c>);
    /// null: every kind. An unknown name is a validation error on <c>kind</c>.
    /// </summary>
    public static Result<IReadOnlyList<string>?> Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
            return Result<IReadOnlyList<string>?>.Ok(null);
        var kinds = new List<string>();
        foreach (var name in filter.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var key = string.Equals(name, "activities", StringComparison.OrdinalIgnoreCase) ? Calls : name;
            if (!KindsOf.TryGetValue(key, out var members))
                return Error.Validation(("kind", FieldErrors.Invalid));
            kinds.AddRange(members);
        }
        return Result<IReadOnlyList<string>?>.Ok(kinds.Distinct().ToList());
    }

    /// <summary>The filter an entry kind belongs to (<c>changes</c> for a kind no filter names).</summary>
    public static string Of(string kind) =>
        KindsOf.FirstOrDefault(pair => pair.Value.Contains(kind)).Key ?? Changes;
}

/// <summary>
/// A line of the timeline: an entry, or a run of consecutive entries of the same kind about the same
/// record (ten files added to one document) collapsed into one line with a count. <see cref="Items"/>
/// holds the run, newest first; the line reads as its newest entry.
/// </summary>
public sealed record TimelineLine(IReadOnlyList<TimelineItemDto> Items)
{
    public TimelineItemDto Latest => Items[0];

    public int Count => Items.Count;
}

public static class TimelineLines
{
    /// <summary>
    /// Collapses runs of repeated entries (newest first, as read). Notes are never collapsed: each is
    /// someone's own words.
    /// </summary>
    public static List<TimelineLine> Collapse(IEnumerable<TimelineItemDto> items)
    {
        var lines = new List<TimelineLine>();
        List<TimelineItemDto>? run = null;
        foreach (var item in items)
        {
            if (run is not null && Repeats(run[^1], item))
            {
                run.Add(item);
                continue;
            }
            run = [item];
            lines.Add(new TimelineLine(run));
        }
        return lines;
    }

    private static bool Repeats(TimelineItemDto previous, TimelineItemDto item) =>
        previous.Kind == item.Kind && item.Kind is not (TimelineKinds.Note or TimelineKinds.ActivityNote)
        && previous.EntityKind == item.EntityKind && previous.EntityId == item.EntityId;

    /// <summary>
    /// The page of the record an entry is about: the document, the activity, the contact person;
    /// null for an entry about the card itself (its changes, bank accounts, notes) or a record that
    /// is gone (a merged duplicate).
    /// </summary>
    public static string? Link(TimelineItemDto item) => (item.EntityKind, item.EntityId) switch
    {
        (Document.EntityKind, { } id) => $"/documents/{id}",
        (Activity.EntityKind, { } id) => $"/activities/{id}",
        (ContactPerson.EntityKind, { } id) => $"/contacts/{id}",
        (Deals.Deal.EntityKind, { } id) => $"/deals/{id}",
        _ => null,
    };
}
