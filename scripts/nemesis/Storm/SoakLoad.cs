using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Storm;

/// <summary>
/// The soak's load on one node (scripts/soak.sh): virtual users tapping "grab" on a pace in their group's newest
/// packets (one tap in seven a repeat of an earlier one), senders posting new packets through the API round the
/// groups, chat lines, and SignalR listeners that join a group, stay 20-60 s and leave. The last group is quiet:
/// one slow tapper, so most of its shares are left for the refund job. Every 10 s a sample of the app and of the
/// answers goes to <c>--samples</c>; at the end the verdict (<see cref="SoakVerdict"/>).
/// </summary>
public static class SoakLoad
{
    public static async Task<int> RunAsync(Options o)
    {
        var groups = SeedGroup.ReadAll(o.Text("seed"));
        if (groups.Count < 2) throw new OptionException("the soak needs at least two seeded groups (one is kept quiet)");
        var length = TimeSpan.FromMinutes(o.Number("minutes", 30));
        var vus = o.Int("vus", 128);
        var pace = TimeSpan.FromMilliseconds(o.Number("pace-ms", 10));
        var sendEvery = TimeSpan.FromMilliseconds(o.Int("send-ms", 200));
        var chatEvery = TimeSpan.FromMilliseconds(o.Int("chat-ms", 200));
        var listeners = o.Int("listeners", 20);
        var url = o.Text("node");
        var node = new Node("A", url, vus + 16, TimeSpan.FromSeconds(30));
        var stats = new SoakStats();
        var busy = groups.Take(groups.Count - 1).ToList();
        var quiet = groups[^1];
        var live = groups.ToDictionary(g => g.Id, _ => new LivePackets([], window: 4));
        var clock = Stopwatch.StartNew();
        var sampler = new SoakSampler(o, stats, clock);

        Console.Error.WriteLine($"[soak] {vus} users tapping every {pace.TotalMilliseconds} ms (at most {vus * 1000 / pace.TotalMilliseconds:F0}/s), " +
            $"a packet each {sendEvery.TotalMilliseconds} ms, a chat line each {chatEvery.TotalMilliseconds} ms, {listeners} hub listeners, {length.TotalMinutes} min");
        var work = new List<Task>();
        for (var vu = 0; vu < vus; vu++)
        {
            var group = busy[vu % busy.Count];
            var v = vu;
            work.Add(Task.Run(() => TapAsync(v, node, group, live[group.Id], stats, pace, clock, length)));
        }
        work.Add(Task.Run(() => TapAsync(-1, node, quiet, live[quiet.Id], stats, TimeSpan.FromMilliseconds(500), clock, length)));
        work.Add(Task.Run(() => SendAsync(node, groups, live, stats, sendEvery, clock, length)));
        work.Add(Task.Run(() => ChatAsync(node, groups, stats, chatEvery, clock, length)));
        for (var i = 0; i < listeners; i++)
        {
            var l = i;
            work.Add(Task.Run(() => ListenAsync(l, url, groups, stats, clock, length)));
        }
        work.Add(Task.Run(() => sampler.RunAsync(length)));
        await Task.WhenAll(work);
        node.Dispose();
        return await SoakVerdict.JudgeAsync(o, sampler.Samples, url);
    }

    private static async Task TapAsync(int vu, Node node, SeedGroup group, LivePackets live, SoakStats stats, TimeSpan pace, Stopwatch clock, TimeSpan length)
    {
        var rng = new Random(vu + 17);
        var again = new List<(string Token, long Packet)>();
        var next = clock.Elapsed;
        while (clock.Elapsed < length)
        {
            var (token, packet) = again.Count > 0 && rng.Next(7) == 0
                ? again[rng.Next(again.Count)]
                : (group.MemberTokens[rng.Next(group.MemberTokens.Count)], live.Pick(rng));
            if (packet != 0)
            {
                var r = await node.GrabAsync(token, packet, CancellationToken.None);
                stats.Add(r.Status, r.LatencyMs);
                if (r.Status == 200) { again.Add((token, packet)); if (again.Count > 16) again.RemoveAt(0); }
            }
            next += pace;
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            else if (wait < -pace * 10) next = clock.Elapsed; // far behind: go on from now rather than burst
        }
    }

    private static async Task SendAsync(Node node, List<SeedGroup> groups, Dictionary<long, LivePackets> live, SoakStats stats, TimeSpan every,
        Stopwatch clock, TimeSpan length)
    {
        var rng = new Random(5);
        var n = 0;
        while (clock.Elapsed < length)
        {
            var started = clock.Elapsed;
            var group = groups[n++ % groups.Count];
            var shares = rng.Next(5, 31);
            var r = await node.SendPacketAsync(group.SenderToken, group.Id, shares * (long)rng.Next(20, 200), shares, Guid.NewGuid().ToString("N"), CancellationToken.None);
            stats.Add(r.Status, r.LatencyMs);
            if (r.Status == 201) live[group.Id].Add(r.Packet);
            var wait = every - (clock.Elapsed - started);
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
        }
    }

    private static async Task ChatAsync(Node node, List<SeedGroup> groups, SoakStats stats, TimeSpan every, Stopwatch clock, TimeSpan length)
    {
        var rng = new Random(9);
        var n = 0;
        while (clock.Elapsed < length)
        {
            var started = clock.Elapsed;
            var group = groups[rng.Next(groups.Count)];
            var r = await node.PostMessageAsync(group.MemberTokens[rng.Next(group.MemberTokens.Count)], group.Id, $"soak line {++n} 恭喜发财", CancellationToken.None);
            stats.Add(r.Status, r.LatencyMs);
            var wait = every - (clock.Elapsed - started);
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
        }
    }

    /// <summary>A member's page: connect to the hub (WebSockets, JSON), join the group, listen a while, leave, disconnect; again.</summary>
    private static async Task ListenAsync(int listener, string url, List<SeedGroup> groups, SoakStats stats, Stopwatch clock, TimeSpan length)
    {
        var rng = new Random(listener + 1000);
        await Task.Delay(TimeSpan.FromMilliseconds(rng.Next(5000)));
        while (clock.Elapsed < length)
        {
            var group = groups[rng.Next(groups.Count)];
            var token = group.MemberTokens[rng.Next(group.MemberTokens.Count)];
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(new Uri(url), "/hubs/packets"), o =>
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                })
                .Build();
            // Each event's payload is one record; BalanceChanged is a bare nudge (a handler with the wrong arity would
            // make the client drop the connection).
            foreach (var name in new[] { "PacketSent", "PacketClaimed", "PacketSoldOut", "PacketRefunded", "MessagePosted" })
                connection.On<JsonElement>(name, _ => stats.HubEvent());
            connection.On("BalanceChanged", stats.HubEvent);
            var joined = false;
            try
            {
                await connection.StartAsync();
                await connection.InvokeAsync("JoinGroup", group.Id);
                joined = true;
                Interlocked.Increment(ref stats.HubConnects);
                Interlocked.Increment(ref stats.HubConnected);
                var stay = TimeSpan.FromSeconds(rng.Next(20, 61));
                var left = length - clock.Elapsed;
                await Task.Delay(stay < left ? stay : left > TimeSpan.Zero ? left : TimeSpan.Zero);
                await connection.InvokeAsync("LeaveGroup", group.Id);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException or TaskCanceledException
                                           or System.Net.WebSockets.WebSocketException or HubException)
            {
                Interlocked.Increment(ref stats.HubFailures);
                Console.Error.WriteLine($"[soak] hub listener {listener}: {e.GetType().Name}: {e.Message}");
                await Task.Delay(1000);
            }
            finally
            {
                if (joined) Interlocked.Decrement(ref stats.HubConnected);
                await connection.DisposeAsync();
            }
        }
    }
}
