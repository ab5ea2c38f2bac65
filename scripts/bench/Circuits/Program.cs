// The circuit swarm: N real Blazor Server circuits on the chat page /groups/{groupId}, each a different member signed in
// with the auth cookie, opened without a browser (see CircuitClient for the protocol). Prints "ready" once every circuit is
// interactive (or failed), with the app's own circuit count from /metrics, then waits until each circuit has rendered the
// packet's final count ("All gone · m of m taken") and prints one CIRCUITS line a script can parse. Times are unix ms from a
// Stopwatch anchored at the tool's start, so the bench can subtract the last settle (the last ClaimedAt) from them.
//   dotnet Circuits.dll <baseUrl> <userLinesFile> <circuits> <groupId> <packetId> <seconds> [--ramp perSecond]
//                       [--parallel n] [--lang en|zh-CN] [--reference-ms unixMs] [--times file] [--verbose]
// userLinesFile holds "user <groupId> <bearerToken>" lines (what POST /api/bench/seed answers). <seconds>: how long to wait
// for the final count after "ready" before giving up. --ramp: circuits started per second (default: as fast as --parallel
// lets, 50 at once). Lags (lag_*_ms) are from --reference-ms, or else from the packet's last settle as the bench's report
// gives it (GET /api/bench/report: the last ClaimedAt in MySQL, the same host's clock). --times: one line per circuit
// "index state shown_unix_ms final_unix_ms batches bytes error".
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using RedPacket.Bench.Circuits;

if (args.Length < 6)
{
    Console.Error.WriteLine("usage: Circuits <baseUrl> <users-file> <circuits> <groupId> <packetId> <seconds> [--ramp perSecond] [--parallel n] [--lang en] [--times file] [--verbose]");
    return 2;
}
var baseUri = new Uri(args[0].TrimEnd('/') + "/");
var (file, count, groupId, packetId, seconds) = (args[1], int.Parse(args[2]), long.Parse(args[3]), long.Parse(args[4]), int.Parse(args[5]));
string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
var ramp = Option("--ramp") is { } r ? double.Parse(r, CultureInfo.InvariantCulture) : 0;
var parallel = Option("--parallel") is { } p ? int.Parse(p) : 50;
var timesFile = Option("--times");
var verbose = args.Contains("--verbose");
var referenceMs = Option("--reference-ms") is { } refMs ? double.Parse(refMs, CultureInfo.InvariantCulture) : (double?)null;

var tokens = File.ReadLines(file).Select(l => l.Split(' ')).Where(l => l.Length == 3 && l[0] == "user" && l[1] == groupId.ToString())
    .Select(l => l[2]).Take(count).ToList();
if (tokens.Count < count) { Console.Error.WriteLine($"only {tokens.Count} members of group {groupId} in {file}"); return 2; }

var swarm = new Swarm(baseUri, groupId, packetId) { Language = Option("--lang") ?? "en" };
var circuits = tokens.Select((t, i) => new CircuitClient(swarm, i, t)).ToList();
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

// Open: at most --parallel at once, started no faster than --ramp per second.
var gate = new SemaphoreSlim(parallel);
var opening = circuits.Select(async c =>
{
    if (ramp > 0) await Task.Delay(TimeSpan.FromSeconds(c.Index / ramp), stop.Token);
    await gate.WaitAsync(stop.Token);
    try { await c.OpenAsync(stop.Token); }
    finally { gate.Release(); }
}).ToList();
await Task.WhenAll(opening);
var open = circuits.Count(c => c.State == CircuitState.Open);
var failed = circuits.Where(c => c.State == CircuitState.Failed).ToList();
var openedMs = swarm.UnixMs(System.Diagnostics.Stopwatch.GetTimestamp()) - swarm.StartUnixMs;

// The app's own count: circuits in memory and SignalR connections (each circuit's /_blazor, plus the connection its page
// opens to /hubs/packets for live updates). Waits a little for the pages' hub connections, which follow the first render.
var (appCircuits, appConnected, appConnections) = await AppCountsAsync(open);
Console.WriteLine($"ready {open} failed={failed.Count} open_s={(openedMs / 1000).ToString("F1", CultureInfo.InvariantCulture)} " +
                  $"app_circuits_active={appCircuits} app_circuits_connected={appConnected} app_signalr_connections={appConnections}");
foreach (var f in failed.GroupBy(f => f.Error).Take(5)) Console.Error.WriteLine($"failed x{f.Count()}: {f.Key}");

swarm.Expect(open);
var complete = await Task.WhenAny(swarm.AllSawFinal, Task.Delay(TimeSpan.FromSeconds(seconds), stop.Token).ContinueWith(_ => { })) == swarm.AllSawFinal;

var dropped = circuits.Where(c => c.State == CircuitState.Dropped).ToList();
var finals = circuits.Where(c => c.FinalAt != 0).Select(c => swarm.UnixMs(c.FinalAt)).Order().ToList();
double Pct(double q) => finals.Count == 0 ? 0 : finals[Math.Min(finals.Count - 1, (int)Math.Ceiling(q * finals.Count) - 1)];
var (_, afterConnected, _) = await AppCountsAsync(0);
string Ms(double v) => v.ToString("F0", CultureInfo.InvariantCulture);
referenceMs ??= await LastSettleMsAsync();
string Lag(double at) => referenceMs is { } r0 && finals.Count > 0 ? Ms(at - r0) : "-1";
Console.WriteLine($"CIRCUITS circuits={count} opened={open} failed={failed.Count} dropped={dropped.Count} saw_final={finals.Count} " +
                  $"first_final_ms={Ms(finals.Count > 0 ? finals[0] : 0)} p50_final_ms={Ms(Pct(0.50))} p99_final_ms={Ms(Pct(0.99))} " +
                  $"last_final_ms={Ms(finals.Count > 0 ? finals[^1] : 0)} start_ms={swarm.StartUnixMs} reference_ms={Ms(referenceMs ?? 0)} " +
                  $"lag_p50_ms={Lag(Pct(0.50))} lag_p99_ms={Lag(Pct(0.99))} lag_last_ms={Lag(finals.Count > 0 ? finals[^1] : 0)} " +
                  $"batches={circuits.Sum(c => c.Batches)} batch_bytes={circuits.Sum(c => c.BatchBytes)} js_calls={swarm.Js.Calls.Values.Sum()} " +
                  $"app_circuits_connected_end={afterConnected} complete={complete.ToString().ToLowerInvariant()}");
foreach (var d in dropped.GroupBy(d => d.Error).Take(5)) Console.Error.WriteLine($"dropped x{d.Count()}: {d.Key}");
if (verbose)
    foreach (var (id, n) in swarm.Js.Calls.OrderByDescending(c => c.Value)) Console.Error.WriteLine($"js {n,7} {id}");
if (timesFile is not null)
    await File.WriteAllLinesAsync(timesFile, circuits.Select(c => string.Create(CultureInfo.InvariantCulture,
        $"{c.Index} {c.State} {(c.ShownAt == 0 ? 0 : swarm.UnixMs(c.ShownAt)):F1} {(c.FinalAt == 0 ? 0 : swarm.UnixMs(c.FinalAt)):F1} {c.Batches} {c.BatchBytes} {c.Error}")));

await Task.WhenAll(circuits.Select(c => c.CloseAsync()));
return complete && failed.Count == 0 && dropped.Count == 0 ? 0 : 1;

// From the app's Prometheus endpoint (-1 where it does not say): aspnetcore_components_circuit_active (circuits in memory,
// including disconnected ones kept for a reconnect), aspnetcore_components_circuit_connected (those with a client now),
// both of the meter Microsoft.AspNetCore.Components.Server.Circuits, and signalr_server_active_connections (all hubs).
async Task<(long Active, long Connected, long Connections)> AppCountsAsync(int openCircuits)
{
    (long, long, long) counts = (-1, -1, -1);
    for (var attempt = 0; attempt < 40; attempt++)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, "metrics"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
            var text = await (await swarm.Http.SendAsync(request)).Content.ReadAsStringAsync();
            counts = (Sum(text, "aspnetcore_components_circuit_active"), Sum(text, "aspnetcore_components_circuit_connected"),
                Sum(text, "signalr_server_active_connections"));
        }
        catch (HttpRequestException) { }
        // Each open circuit's page also holds a hub connection (/hubs/packets) once its first render is confirmed.
        if (openCircuits == 0 || counts.Item3 < 0 || counts.Item3 >= 2L * openCircuits) break;
        await Task.Delay(250);
    }
    return counts;
}

// The packet's last settle (unix ms) from the bench's report, or null when it does not answer.
async Task<double?> LastSettleMsAsync()
{
    try
    {
        var report = await swarm.Http.GetStringAsync(new Uri(baseUri, $"api/bench/report?firstPacket={packetId}&lastPacket={packetId}"));
        var last = Regex.Match(report, @"\blast_claim_ms=(\d+)");
        return last.Success && last.Groups[1].Value != "0" ? double.Parse(last.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }
    catch (HttpRequestException)
    {
        return null;
    }
}

static long Sum(string metrics, string name)
{
    var values = Regex.Matches(metrics, $"^{name}(?:\\{{[^}}]*\\}})? ([0-9.eE+-]+)", RegexOptions.Multiline);
    return values.Count == 0 ? -1 : (long)values.Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
}
