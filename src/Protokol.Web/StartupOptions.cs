namespace Protokol.Web;

/// <summary>What the portal does to its database when it starts (section Protokol:Startup).</summary>
public sealed class StartupOptions
{
    public const string Section = "Protokol:Startup";

    /// <summary>
    /// Apply pending migrations at start. Null means: yes for the embedded SQLite file, no for
    /// PostgreSQL, where several web processes share one database and `protokol db migrate` is run once.
    /// </summary>
    public bool? Migrate { get; set; }

    /// <summary>Give an empty database the fictional demo council.</summary>
    public bool SeedDemoWhenEmpty { get; set; } = true;
}

/// <summary>How the portal presents itself (section Protokol:Site).</summary>
public sealed class SiteOptions
{
    public const string Section = "Protokol:Site";

    /// <summary>The name in the header, e.g. the municipality's.</summary>
    public string Name { get; set; } = "Protokol";

    public string Tagline { get; set; } = "Dagsordener og referater fra råd og udvalg";

    /// <summary>Address of the municipality's logo (shown beside the name in the header), e.g. "/logo.svg" or an https URL.</summary>
    public string? LogoUrl { get; set; }

    /// <summary>The municipality's colour as "#rrggbb"; it must reach WCAG AA contrast (4.5:1) against white.</summary>
    public string? AccentColor { get; set; }

    /// <summary>
    /// The address the public reaches the portal at, e.g. "https://protokol.havnby.dk": written into
    /// absolute URLs (OParl ids, feeds) instead of the Host header, and the host the portal answers to.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>Used when PublicUrl is not set (the portal's default listening address).</summary>
    public static string DefaultPublicUrl { get; set; } = "http://localhost:5080";

    /// <summary>What is wrong with the settings, or null: checked before the portal starts.</summary>
    public string? Problem()
    {
        if (LogoUrl is { Length: > 0 } logo && !(logo.StartsWith('/') && !logo.StartsWith("//", StringComparison.Ordinal))
            && !(Uri.TryCreate(logo, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            return $"Protokol:Site:LogoUrl '{logo}' must be a path on this site (/logo.svg) or an https address.";
        }

        if (PublicUrl is { Length: > 0 } publicUrl
            && !(Uri.TryCreate(publicUrl, UriKind.Absolute, out var address) && address.Scheme is "http" or "https" && address.Query.Length == 0 && address.Fragment.Length == 0 && address.UserInfo.Length == 0))
        {
            return $"Protokol:Site:PublicUrl '{publicUrl}' must be an http or https address without query, e.g. https://protokol.havnby.dk.";
        }

        if (AccentColor is { Length: > 0 } accent)
        {
            if (SiteTheme.Parse(accent) is not { } color)
            {
                return $"Protokol:Site:AccentColor '{accent}' is not a colour; write it as #rrggbb.";
            }

            var contrast = SiteTheme.ContrastWithWhite(color);
            if (contrast < 4.5)
            {
                return $"Protokol:Site:AccentColor '{accent}' has a contrast of {contrast.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}:1 against white; links and white text on it need at least 4.5:1 (WCAG AA). Choose a darker shade.";
            }
        }

        return null;
    }
}

/// <summary>The municipality's accent colour and the darker shade the header uses.</summary>
public static class SiteTheme
{
    public static (byte R, byte G, byte B)? Parse(string text)
    {
        var hex = text.Trim().TrimStart('#');
        return hex.Length == 6 && int.TryParse(hex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? ((byte)(value >> 16), (byte)(value >> 8), (byte)value)
            : null;
    }

    /// <summary>WCAG 2.1 contrast ratio of a colour against white.</summary>
    public static double ContrastWithWhite((byte R, byte G, byte B) color)
    {
        static double Channel(byte c)
        {
            var s = c / 255.0;
            return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }

        var luminance = (0.2126 * Channel(color.R)) + (0.7152 * Channel(color.G)) + (0.0722 * Channel(color.B));
        return 1.05 / (luminance + 0.05);
    }

    /// <summary>CSS custom properties for the accent and a 35 % darker shade, or null for the default look.</summary>
    public static string? Css(string? accent)
    {
        if (accent is null || Parse(accent) is not { } c)
        {
            return null;
        }

        static string Hex((int R, int G, int B) x) => $"#{x.R:x2}{x.G:x2}{x.B:x2}";
        var dark = ((int)(c.R * 0.65), (int)(c.G * 0.65), (int)(c.B * 0.65));
        return $":root{{--accent:{Hex((c.R, c.G, c.B))};--accent-dark:{Hex(dark)}}}";
    }
}
