namespace Letopis.Web.Components.Pages.Documents;

/// <summary>A document chosen in a picker (a parent, the other end of a link).</summary>
public sealed record PickedDocument(Guid Id, string Label, string? Detail = null)
{
    public override string ToString() => Label;
}
