using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Accounts;
using Protokol.Core.Meetings;
using Protokol.Search.Indexing;
using Protokol.Search.Lucene;

namespace Protokol.Web.Tests;

/// <summary>
/// A save never writes the search index in its request (issue 14, item 10): with the index writer
/// held busy, the secretary's save still returns at once and the public page shows it; the portal's
/// worker writes the index as soon as it can, and search finds the change right after.
/// </summary>
public sealed class SearchIndexWorkerTests
{
    [Fact]
    public async Task A_save_returns_while_the_index_writer_is_busy_and_search_follows_right_after()
    {
        await using var app = new GatedIndexApp();
        var meeting = (await app.DemoMeetingsAsync(MeetingState.MinutesPublished)).Last();
        var item = meeting.ItemsInOrder.First(i => i.IsPublic && !i.Withdrawn);
        var secretary = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        await app.ApplyPendingChangesAsync();

        app.Gate.Close();
        try
        {
            var saved = Stopwatch.StartNew();
            var save = Staff.SubmitAsync(secretary, $"/admin/moeder/{meeting.Id}/referat", $"/admin/moeder/{meeting.Id}/referat/minutes", new()
            {
                ["entries[0].ItemId"] = item.Id.ToString(CultureInfo.InvariantCulture),
                ["entries[0].Version"] = item.Version.ToString(CultureInfo.InvariantCulture),
                ["entries[0].Minutes"] = "Rådet drøftede kolibrilandskabet ved havnen.",
                ["entries[0].Decision"] = item.Decision ?? "Taget til efterretning.",
            });
            Assert.True(await Task.WhenAny(save, Task.Delay(TimeSpan.FromSeconds(20))) == save, "the save waited for the search index writer");
            await save;
            Assert.True(saved.Elapsed < TimeSpan.FromSeconds(20));

            // The worker, not the request, asks for the writer; the public page is fresh at once.
            await app.Gate.Asked.WaitAsync(TimeSpan.FromSeconds(20));
            var page = await app.CreateClient().GetStringAsync(new Uri($"/moeder/{meeting.Id}", UriKind.Relative));
            Assert.Contains("kolibrilandskabet", page, StringComparison.Ordinal);
            Assert.Equal(0, await HitsAsync(app, "kolibrilandskabet"));
        }
        finally
        {
            app.Gate.Open();
        }

        var waited = Stopwatch.StartNew();
        while (await HitsAsync(app, "kolibrilandskabet") == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "search never found the saved minutes");
            await Task.Delay(100);
        }
    }

    private static async Task<int> HitsAsync(ProtokolAppFactory app, string word)
    {
        using var json = JsonDocument.Parse(await app.CreateClient().GetStringAsync(new Uri("/api/search?q=" + word, UriKind.Relative)));
        return json.RootElement.GetProperty("total").GetInt32();
    }

    private sealed class GatedIndexApp : ProtokolAppFactory
    {
        public WriterGate Gate { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ISearchIndex>(sp => new GatedIndex(sp.GetRequiredService<LuceneIndex>(), Gate)));
        }
    }

    /// <summary>While closed, whoever asks for the index writer waits, as behind another process's Lucene lock.</summary>
    private sealed class WriterGate
    {
        private volatile TaskCompletionSource _open = Opened();
        private readonly TaskCompletionSource _asked = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Asked => _asked.Task;

        public void Close() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _open.TrySetResult();

        public async Task PassAsync(CancellationToken cancellationToken)
        {
            var open = _open;
            if (!open.Task.IsCompleted)
            {
                _asked.TrySetResult();
            }

            await open.Task.WaitAsync(cancellationToken);
        }

        private static TaskCompletionSource Opened()
        {
            var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            source.SetResult();
            return source;
        }
    }

    private sealed class GatedIndex(ISearchIndex inner, WriterGate gate) : ISearchIndex
    {
        public async Task<ISearchIndexWriter> OpenWriterAsync(CancellationToken cancellationToken)
        {
            await gate.PassAsync(cancellationToken);
            return await inner.OpenWriterAsync(cancellationToken);
        }

        public Task<ISearchIndexWriter> OpenRebuildWriterAsync(CancellationToken cancellationToken) => inner.OpenRebuildWriterAsync(cancellationToken);

        public Task<ISearchIndexWriter?> OpenHealingWriterAsync(CancellationToken cancellationToken) => inner.OpenHealingWriterAsync(cancellationToken);

        public Task<bool> IsMissingAsync(CancellationToken cancellationToken) => inner.IsMissingAsync(cancellationToken);

        public Task<bool> NeedsRebuildAsync(CancellationToken cancellationToken) => inner.NeedsRebuildAsync(cancellationToken);

        public Task<int> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);
    }
}
