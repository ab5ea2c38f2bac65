using System.Net;
using System.Net.Sockets;

namespace RedPacket.Tests.Support;

/// <summary>
/// A TCP forwarder on a loopback port between the app and a real server. <see cref="Cut"/> drops every connection
/// and refuses new ones, as the server's death would look from the app; <see cref="Restore"/> lets them through
/// again. Lets a test take MariaDB or Redis away from one app without stopping the server every other test uses.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private volatile bool _cut;
    private volatile bool _swallowReplies;

    public TcpProxy(string host, int port)
    {
        _target = new IPEndPoint(IPAddress.Parse(host), port);
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            foreach (var c in _open) c.Dispose();
            _open.Clear();
        }
    }

    public void Restore() => (_cut, _swallowReplies) = (false, false);

    /// <summary>
    /// From now on the server's replies are read and thrown away: commands reach the server and run, their answers never
    /// arrive (a link that went silent). <see cref="Cut"/> then ends those connections, as a timeout would.
    /// </summary>
    public void SwallowReplies() => _swallowReplies = true;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            if (_cut) { client.Dispose(); continue; }
            _ = PipeAsync(client);
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_target, _stop.Token);
            lock (_open) { _open.Add(client); _open.Add(server); }
            using var pair = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = client.GetStream().CopyToAsync(server.GetStream(), pair.Token);
            var down = PumpRepliesAsync(server.GetStream(), client.GetStream(), pair.Token);
            await Task.WhenAny(up, down);
            await pair.CancelAsync();
        }
        catch (Exception)
        {
            // A cut or a closed end: the other end goes too.
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }

    private async Task PumpRepliesAsync(Stream from, Stream to, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, ct)) > 0)
            if (!_swallowReplies) await to.WriteAsync(buffer.AsMemory(0, read), ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        _stop.Dispose();
    }
}
