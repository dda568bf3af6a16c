using Letopis.Web.Auth;
using Letopis.Web.Notifications;
using Letopis.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Components.Shared;

/// <summary>
/// Base of the navigation badges that count the signed-in user's work («На согласовании», «Поручения»):
/// the counts are read on start, again at once when a notification reaches the user (a new task, an overdue
/// one), when the user moves to another page (a decision taken on a card) and by a slow fallback poll.
/// </summary>
public abstract class LiveCounts : ComponentBase, IDisposable
{
    private IDisposable? _subscription;

    [Inject] protected UiActions Ui { get; set; } = default!;

    [Inject] protected IStringLocalizer<SharedResource> L { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private NotificationBroadcaster Broadcaster { get; set; } = default!;

    /// <summary>Cancelled when the circuit goes.</summary>
    protected CancellationTokenSource Stop { get; } = new();

    /// <summary>Interval of the fallback poll.</summary>
    [Parameter] public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Reads the counts into the component's fields.</summary>
    protected abstract Task LoadAsync();

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        _subscription = Broadcaster.Subscribe(Ui.UserId, _ => Refresh());
        Navigation.LocationChanged += OnLocationChanged;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
            _ = PollAsync();
    }

    /// <summary>Re-reads the counts. Safe to call from any thread.</summary>
    public async Task Refresh()
    {
        try
        {
            await InvokeAsync(async () =>
            {
                if (Stop.IsCancellationRequested)
                    return;
                await LoadAsync();
                StateHasChanged();
            });
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // The circuit closed while the counts were read.
        }
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = Refresh();

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(Stop.Token))
                await Refresh();
        }
        catch (OperationCanceledException)
        {
            // The circuit is gone.
        }
    }

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        _subscription?.Dispose();
        Stop.Cancel();
        GC.SuppressFinalize(this);
    }
}
