using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Protokol.Core.Search;
using Protokol.Data;
using Protokol.Search.Indexing;
using Protokol.Search.Lucene;
using Protokol.Search.Postgres;

namespace Protokol.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>
    /// Registers search on the engine that suits the storage: a Lucene index beside the SQLite
    /// database (./data/search), or the search_documents table inside PostgreSQL.
    /// </summary>
    public static IServiceCollection AddProtokolSearch(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddLogging();
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var path = LuceneIndexPath(settings);
            services.AddSingleton(_ => new LuceneIndex(path));
            services.AddSingleton<ISearchIndex>(sp => sp.GetRequiredService<LuceneIndex>());
            services.AddSingleton<ISearchBackend, LuceneSearchBackend>();
        }
        else
        {
            services.AddScoped<ISearchIndex, PostgresSearchIndex>();
            services.AddScoped<ISearchBackend, PostgresSearchBackend>();
        }

        services.AddScoped<SearchDocumentBuilder>();
        services.AddScoped<SearchOutboxProcessor>();
        services.Replace(ServiceDescriptor.Scoped<ISearchIndexer>(sp => sp.GetRequiredService<SearchOutboxProcessor>()));
        services.AddScoped<ISearchEngine, SearchEngine>();
        return services;
    }

    /// <summary>The Lucene index sits in "search" beside the SQLite database file.</summary>
    public static string LuceneIndexPath(DatabaseSettings settings)
    {
        var database = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(database)) ?? Environment.CurrentDirectory;
        return Path.Combine(directory, "search");
    }
}
