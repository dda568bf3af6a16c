using System.ComponentModel.DataAnnotations;

namespace Letopis.Core.Notifications;

/// <summary>How reminders are dispatched: bound from <c>Letopis:Reminders</c>.</summary>
public sealed class ReminderOptions
{
    /// <summary>Seconds between two dispatcher runs on each node.</summary>
    [Range(1, 86400)]
    public int PollSeconds { get; set; } = 15;

    /// <summary>Most reminders one run claims.</summary>
    [Range(1, 10000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a claim holds; a node that dies mid-run leaves its reminders to others after this.</summary>
    [Range(10, 86400)]
    public int ClaimSeconds { get; set; } = 300;

    /// <summary>Seconds between two polls of the notification relay, which pushes notifications made on other nodes.</summary>
    [Range(1, 86400)]
    public int RelayPollSeconds { get; set; } = 2;

    /// <summary>The absolute address of the UI (<c>https://crm.example.ru</c>) for links in e-mails; without it links stay relative.</summary>
    [Url]
    public string? PublicUrl { get; set; }
}

/// <summary>This process among the nodes sharing the database; names its claims.</summary>
public sealed class ClusterNode
{
    // Short enough for the claim column (100) even with a claim token appended.
    public string Id { get; } = $"{Truncate(Environment.MachineName, 40)}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
