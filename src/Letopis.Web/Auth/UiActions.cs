using Letopis.Core.Access;

namespace Letopis.Web.Auth;

/// <summary>
/// How Razor components call use-case handlers. A Blazor circuit lives for hours and its events may
/// overlap, so each action gets its own DI scope (a fresh DbContext), carrying the circuit's actor.
/// </summary>
public sealed class UiActions(IServiceScopeFactory scopes, CurrentActor circuitActor)
{
    public Guid UserId => circuitActor.UserId ?? throw new InvalidOperationException("No signed-in user.");

    public Guid? OnBehalfOfId => circuitActor.OnBehalfOfId;

    /// <summary>Runs <paramref name="work"/> with a fresh handler and the actor's access context.</summary>
    public async Task<T> RunAsync<THandler, T>(Func<THandler, AccessContext, Task<T>> work, CancellationToken ct = default)
        where THandler : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        var actor = scope.ServiceProvider.GetRequiredService<CurrentActor>();
        actor.Set(circuitActor.UserId, circuitActor.OnBehalfOfId);
        var access = await actor.AccessAsync(ct);
        return await work(scope.ServiceProvider.GetRequiredService<THandler>(), access);
    }

    /// <summary>
    /// Runs <paramref name="work"/> with a fresh handler, for handlers that decide nothing by role:
    /// loading the access context costs several queries, too many for a bell that polls.
    /// </summary>
    public async Task<T> RunAsync<THandler, T>(Func<THandler, Task<T>> work, CancellationToken ct = default)
        where THandler : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(circuitActor.UserId, circuitActor.OnBehalfOfId);
        return await work(scope.ServiceProvider.GetRequiredService<THandler>());
    }

    /// <summary>Switches the circuit to act for an absent colleague (null: act as oneself).</summary>
    public void ActFor(Guid? principalId) => circuitActor.Set(circuitActor.UserId, principalId);
}
