using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Protokol.Data.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add … --project src/Protokol.Data.Sqlite</c> build the model; no database is touched.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ProtokolDbContext>
{
    public ProtokolDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ProtokolDbContext>();
        DatabaseSettings.Sqlite(":memory:").Configure(options);
        return new ProtokolDbContext(options.Options);
    }
}
