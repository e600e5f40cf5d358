using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Protokol.Web.Tests;

/// <summary>
/// A real SMTP server on a free loopback port, in the test process: it keeps what it receives, as
/// parsed MIME messages, for the tests to read back. <see cref="Refusing"/> makes it answer 451.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store = new();

    public SmtpTestServer()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public IReadOnlyCollection<MimeMessage> Received => _store.Messages;

    /// <summary>While true, every message is refused with a temporary failure.</summary>
    public bool Refusing { get => _store.Refusing; set => _store.Refusing = value; }

    /// <summary>
    /// Holds the message that arrives after <paramref name="received"/> others at the end of its DATA,
    /// before the server answers: the sender waits for the reply while the test does what it wants
    /// (kills it), then <see cref="HeldMessage.Refuse"/> drops the message unrecorded.
    /// </summary>
    public HeldMessage HoldAfter(int received)
    {
        var held = new HeldMessage(received);
        _store.Hold = held;
        return held;
    }

    /// <summary>Waits until a message to <paramref name="address"/> arrived that <paramref name="matches"/>, and returns it.</summary>
    public async Task<MimeMessage> WaitForAsync(string address, Func<MimeMessage, bool> matches)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (_store.Messages.LastOrDefault(m => m.To.Mailboxes.Any(b => b.Address == address) && matches(m)) is { } found)
            {
                return found;
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"No matching message to {address} arrived.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived (or fails after the timeout).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (_store.Messages.Count < count)
        {
            if (waited.Elapsed > (timeout ?? TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException($"The SMTP server received {_store.Messages.Count} messages, not {count}.");
            }

            await Task.Delay(50);
        }

        return _store.Messages.ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Queue { get; } = new();

        public IReadOnlyCollection<MimeMessage> Messages => Queue;

        public volatile bool Refusing;

        public volatile HeldMessage? Hold;

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Refusing)
            {
                return new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "try again later");
            }

            if (Hold is { } hold && Queue.Count >= hold.After)
            {
                Hold = null;
                hold.Arrive();
                if (!await hold.Verdict)
                {
                    return new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "dropped by the test");
                }
            }

            using var stream = new MemoryStream(buffer.ToArray());
            Queue.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}

/// <summary>A message the <see cref="SmtpTestServer"/> holds before it answers its DATA.</summary>
public sealed class HeldMessage(int after)
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _verdict = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal int After => after;

    internal Task<bool> Verdict => _verdict.Task;

    /// <summary>Completes when the held message has arrived (all of its data, no reply yet).</summary>
    public Task Arrived => _arrived.Task;

    /// <summary>Answers 451 and keeps nothing: the message was never accepted.</summary>
    public void Refuse() => _verdict.TrySetResult(false);

    internal void Arrive() => _arrived.TrySetResult();
}

/// <summary>The portal on Kestrel with mail configured to send to a <see cref="SmtpTestServer"/>.</summary>
public sealed class MailProtokolApp : ProtokolAppFactory
{
    public MailProtokolApp()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    public SmtpTestServer Smtp { get; } = new();

    public Uri BaseAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Protokol:Mail:Host", "127.0.0.1");
        builder.UseSetting("Protokol:Mail:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Protokol:Mail:Tls", "None");
        builder.UseSetting("Protokol:Mail:FromAddress", "raadet@havnby.example");
        builder.UseSetting("Protokol:Mail:FromName", "Havnby Kommune");
        builder.UseSetting("Protokol:Mail:PollSeconds", "0.2");
        builder.UseSetting("Protokol:Mail:DigestMinutes", "600");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
