using System.Text;

namespace Letopis.Core.Documents;

/// <summary>Where a document is in its life cycle (API: <c>draft</c>, <c>on_approval</c>, … <c>rejected</c>).</summary>
public enum DocumentStatus
{
    Draft,
    OnApproval,
    Approved,
    Signed,
    InForce,
    Executed,
    Terminated,
    Rejected,

    /// <summary>Returned from approval to its author for rework.</summary>
    Rework,
}

/// <summary>
/// The life cycle: draft → on approval → approved → signed → in force → executed or terminated, or
/// rejected on the way. A transition not in the table is a domain error (<see cref="NotAllowed"/>).
/// </summary>
public static class DocumentStatuses
{
    /// <summary>Field error code: this status cannot follow the current one.</summary>
    public const string NotAllowed = "status_transition";

    /// <summary>Field error code: an approval route moves this document's status (it runs, or the type has a scheme).</summary>
    public const string ByRoute = "status_by_route";

    private static readonly Dictionary<DocumentStatus, DocumentStatus[]> Next = new()
    {
        // A document that arrives already signed (an incoming act, an invoice) skips approval.
        [DocumentStatus.Draft] = [DocumentStatus.OnApproval, DocumentStatus.Signed],
        [DocumentStatus.OnApproval] = [DocumentStatus.Approved, DocumentStatus.Rejected, DocumentStatus.Rework, DocumentStatus.Draft],
        [DocumentStatus.Approved] = [DocumentStatus.Signed, DocumentStatus.Draft],
        [DocumentStatus.Signed] = [DocumentStatus.InForce, DocumentStatus.Executed, DocumentStatus.Terminated],
        [DocumentStatus.InForce] = [DocumentStatus.Executed, DocumentStatus.Terminated],
        [DocumentStatus.Executed] = [],
        [DocumentStatus.Terminated] = [],
        [DocumentStatus.Rejected] = [DocumentStatus.Draft],
        [DocumentStatus.Rework] = [DocumentStatus.OnApproval, DocumentStatus.Draft],
    };

    /// <summary>Statuses in which an expected accounting document counts as provided.</summary>
    public static readonly DocumentStatus[] Provided = [DocumentStatus.Signed, DocumentStatus.InForce, DocumentStatus.Executed];

    public static IReadOnlyList<DocumentStatus> AllowedAfter(DocumentStatus current) => Next[current];

    public static bool CanChange(DocumentStatus from, DocumentStatus to) => Next[from].Contains(to);

    /// <summary>
    /// Whether an approval route, not a person, moves the document to <paramref name="next"/>: while a
    /// route runs it moves every status; a type with an approval scheme goes on approval, is approved
    /// or returned for rework only through a route.
    /// </summary>
    public static bool RouteDecides(DocumentStatus next, bool liveRoute, bool typeHasScheme) =>
        liveRoute || (typeHasScheme && next is DocumentStatus.OnApproval or DocumentStatus.Approved or DocumentStatus.Rework);

    /// <summary>The statuses a person may move the document to by hand.</summary>
    public static IReadOnlyList<DocumentStatus> ManualAfter(DocumentStatus current, bool liveRoute, bool typeHasScheme) =>
        [.. Next[current].Where(next => !RouteDecides(next, liveRoute, typeHasScheme))];

    public static string ToApi(DocumentStatus status) => ApiNames.Of(status);

    public static DocumentStatus? Parse(string? text) => ApiNames.Parse<DocumentStatus>(text);
}

/// <summary>Enum values as the API spells them: <c>OnApproval</c> ↔ <c>on_approval</c>.</summary>
public static class ApiNames
{
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }

    public static T? Parse<T>(string? text)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var trimmed = text.Trim();
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(Of(value), trimmed, StringComparison.OrdinalIgnoreCase))
                return value;
        }
        return null;
    }
}
