using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Storm;

/// <summary>What one request came back with, before it is stamped with who asked.</summary>
public readonly record struct Reply(int Status, long Amount, string Outcome, string RetryAfter, long LatencyMs, long Packet = 0);

/// <summary>
/// One web node: a pooled HttpClient, and the app's calls as the load generator makes them, each turned into a
/// <see cref="Reply"/> whatever happened (an exception is an answer too: status 0 and what went wrong).
/// </summary>
public sealed class Node : IDisposable
{
    private readonly HttpClient _http;

    public Node(string name, string url, int connections, TimeSpan timeout)
    {
        Name = name;
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        }) { BaseAddress = new Uri(url), Timeout = timeout };
    }

    public string Name { get; }

    public Task<Reply> GrabAsync(string token, long packet, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"/api/packets/{packet}/grab", token, null, null, ParseGrab, ct);

    /// <summary>
    /// A lucky packet through the API's send path; <paramref name="key"/> makes a retry return the first packet. The PIN is
    /// the one the bench seeder gives every sender it makes.
    /// </summary>
    public Task<Reply> SendPacketAsync(string token, long group, long totalCents, int shares, string key, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"/api/groups/{group}/packets", token,
            $$"""{"totalCents":{{totalCents}},"count":{{shares}},"kind":"lucky","greeting":"nemesis","pin":"135790"}""", key, ParseSend, ct);

    public Task<Reply> PostMessageAsync(string token, long group, string text, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"/api/groups/{group}/messages", token, JsonSerializer.Serialize(new { text }), null, ParseProblemOnly, ct);

    private async Task<Reply> SendAsync(HttpMethod method, string path, string token, string? json, string? idempotencyKey,
        Func<int, string, (long Amount, string Outcome, long Packet)> parse, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        try
        {
            using var response = await _http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            var retryAfter = response.Headers.RetryAfter?.ToString() is { Length: > 0 } r ? r : "-";
            var (amount, outcome, packet) = parse(status, body);
            return new Reply(status, amount, outcome, retryAfter, clock.ElapsedMilliseconds, packet);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            // No answer: the user does not know what happened, so nothing is acknowledged.
            if (ct.IsCancellationRequested && e is TaskCanceledException) return new Reply(0, 0, "stopped", "-", clock.ElapsedMilliseconds);
            return new Reply(0, 0, WhyNoAnswer(e), "-", clock.ElapsedMilliseconds);
        }
    }

    private static string WhyNoAnswer(Exception e) => e switch
    {
        TaskCanceledException => "timeout",
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => "refused",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "connect_error",
        HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => "response_ended",
        _ => "error_" + e.GetType().Name,
    };

    /// <summary>200 <c>{"outcome":"claimed","amountCents":12,…}</c>, or a problem whose <c>code</c> is the outcome.</summary>
    private static (long, string, long) ParseGrab(int status, string body)
    {
        if (status != (int)HttpStatusCode.OK) return (0, ProblemCode(status, body), 0);
        using var doc = JsonDocument.Parse(body);
        return (doc.RootElement.GetProperty("amountCents").GetInt64(), doc.RootElement.GetProperty("outcome").GetString() ?? "?", 0);
    }

    private static (long, string, long) ParseSend(int status, string body)
    {
        if (status != (int)HttpStatusCode.Created) return (0, ProblemCode(status, body), 0);
        using var doc = JsonDocument.Parse(body);
        return (doc.RootElement.GetProperty("totalCents").GetInt64(), "sent", doc.RootElement.GetProperty("packetId").GetInt64());
    }

    private static (long, string, long) ParseProblemOnly(int status, string body) =>
        (0, status is >= 200 and < 300 ? "ok" : ProblemCode(status, body), 0);

    /// <summary>The problem's <c>code</c>; a body that is not a problem (a bare 500, a proxy page) is named by its status.</summary>
    private static string ProblemCode(int status, string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("code", out var code) && code.GetString() is { Length: > 0 } c) return c;
        }
        catch (JsonException)
        {
            // Not JSON: fall through.
        }
        return $"http_{status}";
    }

    public void Dispose() => _http.Dispose();
}
