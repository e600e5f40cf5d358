using System.Net;

namespace Protokol.Web;

/// <summary>The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto the portal believes (<c>Protokol:Proxy:KnownProxies</c>, besides loopback).</summary>
public static class ProxySettings
{
    public const string Section = "Protokol:Proxy:KnownProxies";

    public static Microsoft.AspNetCore.Builder.ForwardedHeadersOptions ForwardedHeaders(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new Microsoft.AspNetCore.Builder.ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto };
        foreach (var entry in configuration.GetSection(Section).GetChildren())
        {
            if (!IPAddress.TryParse(entry.Value, out var proxy))
            {
                throw new InvalidOperationException($"{Section}:{entry.Key}: '{entry.Value}' is not an IP address.");
            }

            options.KnownProxies.Add(proxy);
        }

        return options;
    }
}
