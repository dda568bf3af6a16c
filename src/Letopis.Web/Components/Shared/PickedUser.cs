namespace Letopis.Web.Components.Shared;

/// <summary>A user chosen in a <see cref="UserPicker"/>.</summary>
public sealed record PickedUser(Guid Id, string FullName, string? Detail = null)
{
    public override string ToString() => FullName;
}
