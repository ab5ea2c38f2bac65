using System.Diagnostics;
using System.Globalization;

namespace Storm;

/// <summary>
/// The fault drills' load: a fixed number of virtual users, each on one node (users split over the nodes), tapping
/// "grab" on a pace, with one in <c>--repeat</c> taps a repeat of an earlier tap of theirs (after a claim, a 503 or no
/// answer, as a person taps again); and one sender posting a new packet through the API every <c>--send-ms</c>
/// (nodes in turn; a 503 or a lost answer is retried with the same Idempotency-Key). Every answer goes into the
/// history. At the end no new request starts; the ones in flight finish (or time out) and are recorded too.
/// </summary>
public static class GrabStorm
{
    public static async Task<int> RunAsync(Options o)
    {
        var seed = BenchSeed.Read(o.Text("seed"), o.Text("prefix"));
        var premade = File.ReadLines(o.Text("packets")).Select(l => l.Split(' '))
            .Where(p => p is ["packet", _, _]).Select(p => long.Parse(p[2], CultureInfo.InvariantCulture)).ToList();
        var vus = o.Int("vus", 24);
        var pace = TimeSpan.FromMilliseconds(o.Int("pace-ms", 50));
        var sendEvery = TimeSpan.FromMilliseconds(o.Int("send-ms", 250));
        var shares = o.Int("shares", 20);
        var repeat = o.Number("repeat", 0.15);
        var randomSeed = o.Int("random-seed", 1);
        var timeout = TimeSpan.FromSeconds(o.Int("timeout-s", 60));
        var nodes = o.List("nodes").Select((url, i) => new Node(((char)('A' + i)).ToString(), url, vus + 4, timeout)).ToArray();
        var live = new LivePackets(premade);
        var deadline = Stopwatch.StartNew();
        var length = TimeSpan.FromSeconds(o.Int("seconds", 60));

        await using (var history = new HistoryWriter(o.Text("history")))
        {
            Console.Error.WriteLine($"[storm] {vus} users on {nodes.Length} node(s), a tap each {pace.TotalMilliseconds} ms, " +
                $"a packet of {shares} shares each {sendEvery.TotalMilliseconds} ms, {length.TotalSeconds} s");
            using var progress = new Timer(_ => Console.Error.WriteLine(
                $"[storm] {deadline.Elapsed.TotalSeconds:F0} s: {history.Count} answers, {live.Count} packets"), null, 5000, 5000);
            var work = Enumerable.Range(0, vus)
                .Select(vu => Task.Run(() => TapAsync(vu, nodes[vu % nodes.Length], seed, live, history, pace, repeat, randomSeed, deadline, length)))
                .Append(Task.Run(() => SendAsync(nodes, seed, live, history, sendEvery, shares, randomSeed, deadline, length)))
                .ToList();
            await Task.WhenAll(work);
            Console.Error.WriteLine($"[storm] done: {history.Count} answers, {live.Count} packets");
        }
        foreach (var n in nodes) n.Dispose();
        return 0;
    }

    private static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static async Task TapAsync(int vu, Node node, BenchSeed seed, LivePackets live, HistoryWriter history, TimeSpan pace,
        double repeat, int randomSeed, Stopwatch clock, TimeSpan length)
    {
        var rng = new Random(randomSeed * 1000 + vu);
        var again = new List<(SeedUser User, long Packet)>();
        var next = clock.Elapsed;
        while (clock.Elapsed < length)
        {
            var (user, packet) = again.Count > 0 && rng.NextDouble() < repeat
                ? again[rng.Next(again.Count)]
                : (seed.Users[rng.Next(seed.Users.Count)], live.Pick(rng));
            if (packet == 0) { await Task.Delay(pace); continue; }
            var r = await node.GrabAsync(user.Token, packet, CancellationToken.None);
            history.Add(new Answer(NowMs(), node.Name, vu, "grab", user.Name, packet, r.Status, r.Amount, r.Outcome, r.RetryAfter, r.LatencyMs));
            if (r.Status is 200 or 503 or 0)
            {
                again.Add((user, packet));
                if (again.Count > 32) again.RemoveAt(0);
            }
            next += pace;
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            else next = clock.Elapsed; // behind (a stalled answer): go on from now rather than burst to catch up
        }
    }

    private static async Task SendAsync(Node[] nodes, BenchSeed seed, LivePackets live, HistoryWriter history, TimeSpan every, int shares,
        int randomSeed, Stopwatch clock, TimeSpan length)
    {
        var rng = new Random(randomSeed * 1000 + 999);
        var sent = 0;
        (string Key, long Total, int Tries)? pending = null;
        while (clock.Elapsed < length)
        {
            var started = clock.Elapsed;
            var node = nodes[sent++ % nodes.Length];
            var (key, total, tries) = pending ?? (Guid.NewGuid().ToString("N"), shares * (long)rng.Next(50, 300), 0);
            var r = await node.SendPacketAsync(seed.Sender.Token, seed.GroupId, total, shares, key, CancellationToken.None);
            history.Add(new Answer(NowMs(), node.Name, -1, "send", seed.Sender.Name, r.Packet, r.Status, total, r.Outcome, r.RetryAfter, r.LatencyMs));
            if (r.Status == 201) live.Add(r.Packet);
            pending = r.Status is 0 or 503 && tries < 2 ? (key, total, tries + 1) : null;
            var wait = every - (clock.Elapsed - started);
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
        }
    }
}
