namespace RedPacket.Web;

/// <summary>The localizer of strings several components share (<c>Resources/SharedResource.resx</c>, <c>.zh-CN.resx</c>).</summary>
public sealed class SharedResource;
