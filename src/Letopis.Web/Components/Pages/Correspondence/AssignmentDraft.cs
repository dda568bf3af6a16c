using Letopis.Web.Components.Shared;

namespace Letopis.Web.Components.Pages.Correspondence;

/// <summary>One assignment of a resolution while the head types it.</summary>
public sealed class AssignmentDraft
{
    public PickedUser? Executor { get; set; }

    public List<PickedUser> CoExecutors { get; } = [];

    public string? Text { get; set; }

    public DateTime? DueOn { get; set; }

    /// <summary>«На контроле»: a controller accepts or returns the report.</summary>
    public bool OnControl { get; set; }

    public PickedUser? Controller { get; set; }

    public void AddCoExecutor(PickedUser? user)
    {
        if (user is not null && user.Id != Executor?.Id && CoExecutors.All(p => p.Id != user.Id))
            CoExecutors.Add(user);
    }

    /// <summary>The API's name of a field of the <paramref name="index"/>-th assignment: <c>assignments[0].executorId</c>.</summary>
    public static string Field(int index, string name) => $"assignments[{index}].{name}";

    /// <summary>Every field name the form shows errors beside, for <paramref name="count"/> assignments.</summary>
    public static string[] FieldNames(int count) =>
    [
        "text", "assignments",
        .. Enumerable.Range(0, count).SelectMany(i => new[] { "executorId", "coExecutorIds", "text", "dueOn", "controllerId" }.Select(n => Field(i, n))),
    ];
}
