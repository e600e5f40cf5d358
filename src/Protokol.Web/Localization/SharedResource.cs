namespace Protokol.Web;

/// <summary>
/// The portal's texts: Danish is written in the pages and is the key; Resources/SharedResource.en.resx
/// holds the English. A test fails when a page uses a text without an English translation.
/// </summary>
public sealed class SharedResource;
