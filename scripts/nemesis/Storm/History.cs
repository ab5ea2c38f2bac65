using System.Globalization;
using System.Threading.Channels;

namespace Storm;

/// <summary>
/// One answer, as the load generator saw it. <see cref="Status"/> 0 means no answer at all (<see cref="Outcome"/> then
/// says why: <c>timeout</c>, <c>refused</c>, …). <see cref="RetryAfter"/> is the header's value, or "-" when absent.
/// </summary>
public sealed record Answer(long AtMs, string Node, int Vu, string Op, string User, long Packet, int Status, long Amount,
    string Outcome, string RetryAfter, long LatencyMs)
{
    public const string Header = "t_ms\tnode\tvu\top\tuser\tpacket\tstatus\tamount\toutcome\tretry_after\tlatency_ms";

    public string ToLine() => string.Join('\t', AtMs.ToString(CultureInfo.InvariantCulture), Node, Vu.ToString(CultureInfo.InvariantCulture),
        Op, User, Packet.ToString(CultureInfo.InvariantCulture), Status.ToString(CultureInfo.InvariantCulture),
        Amount.ToString(CultureInfo.InvariantCulture), Outcome, RetryAfter, LatencyMs.ToString(CultureInfo.InvariantCulture));

    public static Answer Parse(string line)
    {
        var f = line.Split('\t');
        return new Answer(L(f[0]), f[1], (int)L(f[2]), f[3], f[4], L(f[5]), (int)L(f[6]), L(f[7]), f[8], f[9], L(f[10]));
        static long L(string s) => long.Parse(s, CultureInfo.InvariantCulture);
    }

    public static IEnumerable<Answer> ReadAll(string path) => File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(Parse);
}

/// <summary>Every answer goes through one channel to one writer, so the TSV has whole lines however many users tap.</summary>
public sealed class HistoryWriter : IAsyncDisposable
{
    private readonly Channel<Answer> _answers = Channel.CreateUnbounded<Answer>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public HistoryWriter(string path) => _writer = WriteAsync(path);

    public long Count => Interlocked.Read(ref _count);
    private long _count;

    public void Add(Answer answer)
    {
        Interlocked.Increment(ref _count);
        _answers.Writer.TryWrite(answer);
    }

    private async Task WriteAsync(string path)
    {
        await using var file = new StreamWriter(path, append: false) { AutoFlush = false };
        await file.WriteLineAsync(Answer.Header);
        await foreach (var a in _answers.Reader.ReadAllAsync()) await file.WriteLineAsync(a.ToLine());
    }

    public async ValueTask DisposeAsync()
    {
        _answers.Writer.Complete();
        await _writer;
    }
}
