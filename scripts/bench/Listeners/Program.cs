// The listener swarm: N hub clients of one chat group, each a different member (bearer token), over WebSockets.
// Prints "ready N" once all have joined, then waits until each has seen the packet finish (a PacketClaimed with
// no shares left, or PacketSoldOut) and prints one LISTEN line with when the first and the last client saw it
// (unix ms), so the bench can compare that with the last settle.
//   dotnet Listeners.dll <baseUrl> <userLinesFile> <clients> <groupId> <packetId> [timeoutSeconds]
// userLinesFile holds "user <groupId> <token>" lines (what POST /api/bench/seed answers).
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

var (baseUrl, file, clients, groupId, packetId) = (args[0], args[1], int.Parse(args[2]), long.Parse(args[3]), long.Parse(args[4]));
var timeout = TimeSpan.FromSeconds(args.Length > 5 ? int.Parse(args[5]) : 120);
var tokens = File.ReadLines(file).Select(l => l.Split(' ')).Where(p => p.Length == 3 && p[0] == "user" && p[1] == groupId.ToString())
    .Select(p => p[2]).Take(clients).ToList();
if (tokens.Count < clients) { Console.Error.WriteLine($"only {tokens.Count} members of group {groupId} in {file}"); return 2; }

var sawFinal = new ConcurrentDictionary<int, long>();
var messages = 0L;
var allSaw = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void Saw(int client)
{
    if (sawFinal.TryAdd(client, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) && sawFinal.Count == clients) allSaw.TrySetResult();
}

var connections = new HubConnection[clients];
var connectGate = new SemaphoreSlim(50);
await Task.WhenAll(Enumerable.Range(0, clients).Select(async i =>
{
    await connectGate.WaitAsync();
    try
    {
        var c = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(baseUrl), "/hubs/packets"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(tokens[i]);
            })
            .Build();
        c.On<JsonElement>("PacketClaimed", e =>
        {
            Interlocked.Increment(ref messages);
            if (e.GetProperty("packetId").GetInt64() == packetId && e.GetProperty("remainingCount").GetInt32() == 0) Saw(i);
        });
        c.On<JsonElement>("PacketSoldOut", e =>
        {
            Interlocked.Increment(ref messages);
            if (e.GetProperty("packetId").GetInt64() == packetId) Saw(i);
        });
        await c.StartAsync();
        await c.InvokeAsync("JoinGroup", groupId);
        connections[i] = c;
    }
    finally
    {
        connectGate.Release();
    }
}));
Console.WriteLine($"ready {clients}");

var finished = await Task.WhenAny(allSaw.Task, Task.Delay(timeout)) == allSaw.Task;
var seen = sawFinal.Values.ToList();
Console.WriteLine($"LISTEN clients={clients} saw_final={seen.Count} first_final_ms={(seen.Count > 0 ? seen.Min() : 0)} " +
                  $"last_final_ms={(seen.Count > 0 ? seen.Max() : 0)} messages={Interlocked.Read(ref messages)} complete={finished.ToString().ToLowerInvariant()}");
await Task.WhenAll(connections.Where(c => c is not null).Select(c => c.DisposeAsync().AsTask()));
return finished ? 0 : 1;
