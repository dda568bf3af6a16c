using Letopis.Core.Access;
using Letopis.Core.Data;

namespace Letopis.Web.Auth;

/// <summary>The actor of the current request or Blazor circuit, set once authentication is known.</summary>
public sealed class CurrentActor(IServiceProvider services) : ICurrentActor
{
    private AccessContext? _access;

    /// <summary>The access stamp the request's account check read; null in Blazor circuits.</summary>
    private Guid? _stamp;

    public Guid? UserId { get; private set; }

    public Guid? OnBehalfOfId { get; private set; }

    /// <summary>Whose records and rights apply: the absent colleague when acting as deputy.</summary>
    public Guid? EffectiveUserId => OnBehalfOfId ?? UserId;

    public void Set(Guid? userId, Guid? onBehalfOfId, Guid? accessStamp = null)
    {
        if (UserId != userId || OnBehalfOfId != onBehalfOfId || _stamp != accessStamp)
            _access = null;
        UserId = userId;
        OnBehalfOfId = onBehalfOfId;
        _stamp = accessStamp;
    }

    /// <summary>
    /// The access context of the effective user. An HTTP request reuses it for its whole scope; a
    /// long-lived circuit re-checks the access stamp on every call, so a changed role applies at once.
    /// </summary>
    public Task<AccessContext> AccessAsync(CancellationToken ct) =>
        AccessAsync(services.GetRequiredService<LetopisDb>(), ct);

    public async Task<AccessContext> AccessAsync(LetopisDb db, CancellationToken ct)
    {
        var id = EffectiveUserId ?? throw new InvalidOperationException("No signed-in user.");
        var cache = services.GetRequiredService<AccessCache>();
        if (_stamp is null)
            return await cache.GetAsync(db, id, null, ct);
        return _access ??= await cache.GetAsync(db, id, _stamp, ct);
    }
}
