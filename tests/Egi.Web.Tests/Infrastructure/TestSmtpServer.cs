using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Egi.Web.Tests.Infrastructure;

/// <summary>A real SMTP server in the test process (package SmtpServer); tests read what arrived.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private ConcurrentQueue<MimeMessage> received = new();

    /// <summary>Counts <see cref="Clear"/>s: a session opened before the last one belongs to an earlier test.</summary>
    private int epoch;

    private readonly Lock gate = new();

    private const string EpochKey = "egi.epoch";
    private CancellationTokenSource? cts;
    private Task? running;

    /// <summary>
    /// While the server is not running, its port stays bound by a socket that does not listen: a client is refused at
    /// once (as by a server that is down), and no other process of the machine can take the port meanwhile (a free
    /// port only looked up could be given to somebody else before the server, or a restarted server, listens on it).
    /// </summary>
    private Socket? reserved;

    public TestSmtpServer()
    {
        reserved = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        reserved.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)reserved.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Messages => received.ToArray();

    public bool IsRunning => running is not null;

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        var server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, e) =>
        {
            lock (gate) e.Context.Properties[EpochKey] = epoch;
        };
        cts = new CancellationTokenSource();
        reserved?.Dispose();
        reserved = null;
        running = server.StartAsync(cts.Token);
        // Wait until the port accepts connections (and say why, should the server have failed to listen on it). The
        // limit is generous: on a loaded machine the listener can take far longer than usual to come up.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (running.IsFaulted) throw new InvalidOperationException($"The test SMTP server could not listen on port {Port}.", running.Exception);
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (watch.Elapsed < Eventually.DefaultTimeout)
            {
                await Task.Delay(20);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"The test SMTP server did not start on port {Port}.", e);
            }
        }
    }

    public async Task StopAsync()
    {
        if (cts is null || running is null) return;
        await cts.CancelAsync();
        try { await running; } catch (OperationCanceledException) { }
        cts.Dispose();
        cts = null;
        running = null;
        // Down again: keep the port for a later StartAsync (and refuse clients meanwhile).
        var again = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            again.Bind(new IPEndPoint(IPAddress.Loopback, Port));
            reserved = again;
        }
        catch (SocketException)
        {
            again.Dispose();
        }
    }

    /// <summary>
    /// Empties the mailbox for the next test of a shared host (see <see cref="SmtpHost"/>). A message that a connection
    /// opened before this call delivers afterwards is dropped: it was sent for an earlier test. Call it once nothing of
    /// the earlier test can open a new connection (the host's delivery worker stopped).
    /// </summary>
    public void Clear()
    {
        lock (gate)
        {
            epoch++;
            received = new ConcurrentQueue<MimeMessage>();
        }
    }

    /// <summary>
    /// Waits (real time, up to <see cref="Eventually.DefaultTimeout"/>) until at least <paramref name="count"/> messages
    /// arrived. A message is stored before the server answers the client, so once a dispatcher's pass has returned, what
    /// it sent is already here.
    /// </summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        try
        {
            await Eventually.UntilAsync(() => received.Count >= count, $"{count} e-mails", timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Expected {count} e-mails, got {received.Count}. {e.Message}", e);
        }
        return Messages;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        reserved?.Dispose();
        reserved = null;
    }

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            // The epoch is read and the message stored under one lock with Clear's, so none slips past a Clear.
            lock (server.gate)
            {
                if (context.Properties.TryGetValue(EpochKey, out var opened) && (int)opened == server.epoch)
                    server.received.Enqueue(message);
            }
            return SmtpResponse.Ok;
        }
    }
}
