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

    [Fact]
    public void The_portal_caps_the_gc_gen0_budget_by_the_runtimeconfig_name_the_gc_reads()
    {
        // Session 8 (docs/performance.md): System.GC.Gen0MaxBudget is read from the runtimeconfig by .NET 10's GC, which lists it
        // among its settings; System.GC.Gen0Size is not (the GCgen0size knob is an environment variable only).
        var path = Path.Combine(Path.GetDirectoryName(typeof(ReadLimiter).Assembly.Location)!, "Protokol.Web.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.Equal(6 * 1024 * 1024, properties.GetProperty("System.GC.Gen0MaxBudget").GetInt64());
        Assert.False(properties.TryGetProperty("System.GC.Gen0Size", out _));
        Assert.Contains("GCGen0MaxBudget", GC.GetConfigurationVariables().Keys);
    }
}
