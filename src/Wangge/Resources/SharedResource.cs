namespace Wangge.Resources;

/// <summary>Marker type for the UI's text resources (SharedResource.resx English, SharedResource.zh-Hans.resx Chinese).</summary>
public sealed class SharedResource;
