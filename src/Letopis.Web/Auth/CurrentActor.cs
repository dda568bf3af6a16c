using Letopis.Core.Access;
using Letopis.Core.Data;

namespace Letopis.Web.Auth;

/// <summary>The actor of the current request or Blazor circuit, set once authentication is known.</summary>
public sealed class CurrentActor(IServiceProvider services) : ICurrentActor
{
    private AccessContext? _access;

    public Guid? UserId { get; private set; }

    public Guid? OnBehalfOfId { get; private set; }

    /// <summary>Whose records and rights apply: the absent colleague when acting as deputy.</summary>
    public Guid? EffectiveUserId => OnBehalfOfId ?? UserId;

    public void Set(Guid? userId, Guid? onBehalfOfId)
    {
        if (UserId != userId || OnBehalfOfId != onBehalfOfId)
            _access = null;
        UserId = userId;
        OnBehalfOfId = onBehalfOfId;
    }

    /// <summary>The access context of the effective user, loaded once per scope.</summary>
    public Task<AccessContext> AccessAsync(CancellationToken ct) =>
        AccessAsync(services.GetRequiredService<LetopisDb>(), ct);

    public async Task<AccessContext> AccessAsync(LetopisDb db, CancellationToken ct)
    {
        var id = EffectiveUserId ?? throw new InvalidOperationException("No signed-in user.");
        return _access ??= await AccessContext.LoadAsync(db, id, ct);
    }
}
