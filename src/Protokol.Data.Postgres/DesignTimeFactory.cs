using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Protokol.Data.Postgres;

/// <summary>Lets <c>dotnet ef migrations add … --project src/Protokol.Data.Postgres</c> build the model; no database is touched.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ProtokolDbContext>
{
    public ProtokolDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ProtokolDbContext>();
        new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost;Database=protokol").Configure(options);
        return new ProtokolDbContext(options.Options);
    }
}
