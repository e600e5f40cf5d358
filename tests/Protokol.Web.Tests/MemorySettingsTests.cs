using System.Text.Json;

namespace Protokol.Web.Tests;

/// <summary>
/// The portal's memory settings (issue 17, docs/performance.md "Memory: session 3") ship in its
/// runtimeconfig.json, so a deployment keeps them without environment variables.
/// </summary>
public sealed class MemorySettingsTests
{
    [Fact]
    public void The_portal_runs_the_workstation_gc_conserving_memory_without_dynamic_pgo()
    {
        var path = Path.Combine(Path.GetDirectoryName(typeof(ReadLimiter).Assembly.Location)!, "Protokol.Web.runtimeconfig.json");
        Assert.True(File.Exists(path), $"{path} is missing: the portal's runtimeconfig.json is copied beside its assembly when it is built");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
        Assert.Equal(7, properties.GetProperty("System.GC.ConserveMemory").GetInt32());
    }
}
