namespace Protokol.Web.Rendering;

/// <summary>One step of a page's breadcrumb trail; the last step (the page itself) has no link.</summary>
public sealed record Crumb(string Text, string? Href = null);
