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
}
