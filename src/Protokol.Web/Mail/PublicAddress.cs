namespace Protokol.Web.Mail;

/// <summary>
/// The portal's public address for links in e-mails, which are written outside any request:
/// <c>Protokol:Site:PublicUrl</c>, else the first address the portal listens on.
/// </summary>
public sealed class PublicAddress(IConfiguration configuration)
{
    public Uri Root { get; } = Read(configuration);

    private static Uri Read(IConfiguration configuration)
    {
        var configured = configuration["Protokol:Site:PublicUrl"]
            ?? configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? "http://localhost:5080";
        return new Uri(configured.EndsWith('/') ? configured : configured + "/", UriKind.Absolute);
    }
}
