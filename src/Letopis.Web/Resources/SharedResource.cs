namespace Letopis.Web.Resources;

/// <summary>Marker for the shared string table (SharedResource.resx: English, SharedResource.ru.resx: Russian).</summary>
public sealed class SharedResource;
