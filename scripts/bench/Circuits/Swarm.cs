using System.Diagnostics;

namespace RedPacket.Bench.Circuits;

/// <summary>What all circuits of one run share: the target, one HTTP connection pool, the JS answers, the clock.</summary>
public sealed class Swarm
{
    public Swarm(Uri baseUri, long groupId, long packetId)
    {
        BaseUri = baseUri;
        GroupId = groupId;
        PacketId = packetId;
        BubbleTestId = $"bubble-left-{packetId}";
        Handler = new SocketsHttpHandler
        {
            // Cookies are per virtual user: each request carries its own Cookie header.
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = 64,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(15),
        };
        Http = new HttpClient(Handler, disposeHandler: false) { Timeout = StepTimeout };
    }

    public Uri BaseUri { get; }
    public long GroupId { get; }
    public long PacketId { get; }

    /// <summary>The data-testid of the span with the bubble's "n of m left" text (PacketBubble.razor).</summary>
    public string BubbleTestId { get; }

    public string AuthCookie => "redpacket.auth";
    public string Language { get; init; } = "en";
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public SocketsHttpHandler Handler { get; }
    public HttpClient Http { get; }
    public JsInterop Js { get; } = new();

    /// <summary>The shared start: Stopwatch timestamps convert to unix milliseconds through it.</summary>
    public long StartTimestamp { get; } = Stopwatch.GetTimestamp();
    public long StartUnixMs { get; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public double UnixMs(long timestamp) => StartUnixMs + Stopwatch.GetElapsedTime(StartTimestamp, timestamp).TotalMilliseconds;

    private int _sawFinal;
    private int _expected = int.MaxValue;
    private readonly TaskCompletionSource _allSaw = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task AllSawFinal => _allSaw.Task;
    public int SawFinalCount => Volatile.Read(ref _sawFinal);

    /// <summary>From now on the run ends when this many circuits have seen the final count.</summary>
    public void Expect(int circuits)
    {
        Volatile.Write(ref _expected, circuits);
        if (SawFinalCount >= circuits) _allSaw.TrySetResult();
    }

    public void SawFinal(CircuitClient _)
    {
        if (Interlocked.Increment(ref _sawFinal) >= Volatile.Read(ref _expected)) _allSaw.TrySetResult();
    }
}
