using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RedPacket.Bench.Circuits;

public enum CircuitState { NotStarted, Opening, Open, Failed, Dropped, Closed }

/// <summary>
/// One virtual browser tab on the chat page: a signed-in user's cookies, the prerendered page, and the circuit started
/// from it the way blazor.web.js starts one. It acknowledges every render batch in order (the server holds back
/// OnAfterRender, and so the page's live subscription, until the client confirms a batch, and stops rendering after 10
/// unconfirmed ones) and answers the page's JS calls, and it watches the packet's bubble for the final count.
/// </summary>
public sealed partial class CircuitClient(Swarm swarm, int index, string bearerToken)
{
    // The bubble's status text when every share is taken: PacketBubble's "AllGone" in PacketBubble.resx and .zh-CN.resx.
    [GeneratedRegex(@"^(All gone · (\d+) of \2 taken|已被领完 · (\d+)/\3 个)$")]
    private static partial Regex FinalText();

    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private readonly HashSet<int> _bubbleComponents = [];
    private HubConnection? _connection;
    private string? _circuitSecret;
    private long _lastBatch = 1;
    private volatile bool _stopping;

    public int Index => index;
    public CircuitState State { get; private set; }
    public string? Error { get; private set; }

    /// <summary>Stopwatch timestamp of the first batch that showed the packet's bubble (the page is interactive).</summary>
    public long ShownAt { get; private set; }

    /// <summary>Stopwatch timestamp of the first batch that showed the bubble's final count; 0 until then.</summary>
    public long FinalAt { get; private set; }

    public long Batches { get; private set; }
    public long BatchBytes { get; private set; }

    private readonly TaskCompletionSource _shown = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task OpenAsync(CancellationToken ct)
    {
        State = CircuitState.Opening;
        try
        {
            await SignInAsync(ct);
            var pageUrl = new Uri(swarm.BaseUri, $"groups/{swarm.GroupId}");
            var markers = await GetPageAsync(pageUrl, ct);
            await StartCircuitAsync(pageUrl, markers, ct);
            // Interactive: the first render batch with the packet's bubble arrived and was confirmed.
            await _shown.Task.WaitAsync(swarm.StepTimeout, ct);
            if (State == CircuitState.Opening) State = CircuitState.Open;
        }
        catch (Exception e)
        {
            Fail(e is TimeoutException ? "timed out waiting for the first render" : $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>
    /// The auth cookie: the bench's POST /api/bench/cookie turns the seeded user's bearer token into the cookie the sign-in
    /// form would set (the same SignInManager call, minus the password check the seeded users cannot pass).
    /// </summary>
    private async Task SignInAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(swarm.BaseUri, "api/bench/cookie"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        using var response = await swarm.Http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"sign-in answered {(int)response.StatusCode}");
        KeepCookies(response);
        if (!_cookies.Keys.Any(k => k.StartsWith(swarm.AuthCookie, StringComparison.Ordinal)))
            throw new HttpRequestException("sign-in set no auth cookie");
    }

    private async Task<PageMarkers> GetPageAsync(Uri pageUrl, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pageUrl);
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.AcceptLanguage.ParseAdd(swarm.Language);
        request.Headers.Add("Cookie", CookieHeader());
        using var response = await swarm.Http.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new HttpRequestException($"GET {pageUrl.AbsolutePath} answered {(int)response.StatusCode} {response.Headers.Location}");
        KeepCookies(response);
        var markers = PageMarkers.Parse(await response.Content.ReadAsStringAsync(ct));
        if (markers.ServerComponents.Count == 0) throw new InvalidDataException("the page has no interactive server components");
        return markers;
    }

    private async Task StartCircuitAsync(Uri pageUrl, PageMarkers markers, CancellationToken ct)
    {
        var builder = new HubConnectionBuilder()
            // blazor.web.js: withUrl("_blazor") relative to the base href: negotiate (POST _blazor/negotiate?negotiateVersion=1),
            // then the WebSocket with the connection token, the page's cookies on both.
            .WithUrl(new Uri(swarm.BaseUri, "_blazor"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.Headers["Cookie"] = CookieHeader();
                o.Headers["Accept-Language"] = swarm.Language;
                o.HttpMessageHandlerFactory = _ => new SharedHandler(swarm.Handler);
            });
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        var connection = builder.Build();
        _connection = connection;

        connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        connection.On<long, string, string?, int, long, int>("JS.BeginInvokeJS", OnBeginInvokeJSAsync);
        connection.On<string>("JS.Error", error => Drop($"JS.Error: {error}"));
        connection.On<long>("JS.EndUpdateRootComponents", _ => { });
        connection.On<string, bool, string?>("JS.EndInvokeDotNet", (_, _, _) => { });
        connection.On<int, string>("JS.AttachComponent", (_, _) => { });
        connection.On<int, bool>("JS.EndLocationChanging", (_, _) => { });
        connection.On<int, byte[]>("JS.ReceiveByteArray", (_, _) => { });
        connection.On<long>("JS.BeginTransmitStream", _ => { });
        // The server asks for this only when it pauses the circuit; this tab keeps no state to resume from.
        connection.On<string, string, string, bool>("JS.SavePersistedState", (_, _, _) => false);
        connection.Closed += e =>
        {
            if (!_stopping) Drop($"connection closed: {e?.Message ?? "by the server"}");
            return Task.CompletedTask;
        };

        await connection.StartAsync(ct);
        // .NET 8+ "Blazor Web": the circuit starts with no components (web.js's initialComponents is empty for server)…
        var secret = await connection.InvokeAsync<string?>("StartCircuit", swarm.BaseUri.ToString(), pageUrl.ToString(), "[]",
            markers.ApplicationState ?? "", ct);
        if (string.IsNullOrEmpty(secret)) throw new InvalidOperationException("StartCircuit returned no circuit id");
        _circuitSecret = secret;
        // …then the root components arrive as one batch of "add" operations with the page's persisted state; the server
        // renders them and answers JS.EndUpdateRootComponents(batchId).
        await connection.SendAsync("UpdateRootComponents", markers.AddOperationsJson(1), markers.ApplicationState ?? "", ct);
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] batch)
    {
        // As blazor.web.js's render queue: batches are numbered from 2 (the renderer's counter starts at 1 and is incremented
        // before use); one already applied is confirmed again, one ahead of the next expected waits for the server to send
        // the missing ones again (after a reconnect), and is not confirmed.
        if (batchId <= _lastBatch)
        {
            await _connection!.SendAsync("OnRenderCompleted", batchId, (string?)null);
            return;
        }
        if (batchId > _lastBatch + 1) return;
        _lastBatch = batchId;
        Batches++;
        BatchBytes += batch.Length;
        string? error = null;
        try
        {
            Inspect(batch);
        }
        catch (Exception e)
        {
            error = $"unreadable batch {batchId}: {e.Message}";
            Error ??= error;
        }
        // OnRenderCompleted(batchId, errorMessageOrNull), as the browser sends it once the batch is applied.
        await _connection!.SendAsync("OnRenderCompleted", batchId, error);
    }

    private void Inspect(byte[] batch)
    {
        var reader = new RenderBatchReader(batch);
        var finalSeen = false;
        for (var d = 0; d < reader.UpdatedComponentCount; d++)
        {
            reader.VisitValues(d, (componentId, name, value) =>
            {
                if (name == "data-testid" && value == swarm.BubbleTestId) _bubbleComponents.Add(componentId);
                else if (name is null && value is not null && _bubbleComponents.Contains(componentId) && FinalText().IsMatch(value))
                    finalSeen = true;
            });
        }
        var now = Stopwatch.GetTimestamp();
        if (_bubbleComponents.Count > 0 && ShownAt == 0)
        {
            ShownAt = now;
            _shown.TrySetResult();
        }
        if (finalSeen && FinalAt == 0)
        {
            FinalAt = now;
            swarm.SawFinal(this);
        }
    }

    private async Task OnBeginInvokeJSAsync(long asyncHandle, string identifier, string? argsJson, int resultType, long targetInstanceId,
        int callType)
    {
        var (succeeded, result) = swarm.Js.Answer(identifier, resultType);
        if (asyncHandle == 0) return; // fire and forget: the browser sends nothing back either
        var json = succeeded
            ? $"[{asyncHandle},true,{result ?? "null"}]"
            : $"[{asyncHandle},false,{System.Text.Json.JsonSerializer.Serialize(result)}]";
        await _connection!.SendAsync("EndInvokeJSFromDotNet", asyncHandle, succeeded, json);
    }

    private void Fail(string error)
    {
        Error ??= error;
        if (State is CircuitState.Opening or CircuitState.NotStarted) State = CircuitState.Failed;
        _shown.TrySetException(new InvalidOperationException(error));
    }

    private void Drop(string error)
    {
        Error ??= error;
        if (State == CircuitState.Open) State = CircuitState.Dropped;
        else if (State == CircuitState.Opening) Fail(error);
    }

    /// <summary>
    /// Closes the tab: the beacon blazor.web.js sends on unload (POST _blazor/disconnect, form field circuitId), so the
    /// server ends the circuit now instead of keeping it for a reconnect (3 minutes by default), then the connection.
    /// </summary>
    public async Task CloseAsync()
    {
        _stopping = true;
        if (State == CircuitState.Open) State = CircuitState.Closed;
        if (_circuitSecret is not null)
        {
            try
            {
                using var form = new MultipartFormDataContent { { new StringContent(_circuitSecret), "circuitId" } };
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(swarm.BaseUri, "_blazor/disconnect")) { Content = form };
                request.Headers.Add("Cookie", CookieHeader());
                using var _ = await swarm.Http.SendAsync(request);
            }
            catch (HttpRequestException)
            {
                // A beacon is best effort in a browser too.
            }
        }
        if (_connection is not null) await _connection.DisposeAsync();
    }

    private string CookieHeader() => string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));

    private void KeepCookies(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values)) return;
        foreach (var v in values)
        {
            var pair = v.Split(';', 2)[0];
            var eq = pair.IndexOf('=');
            if (eq <= 0) continue;
            var (name, value) = (pair[..eq].Trim(), pair[(eq + 1)..].Trim());
            if (value.Length == 0 || v.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _cookies.Remove(name);
            else _cookies[name] = value;
        }
    }

    /// <summary>
    /// The swarm's one HTTP connection pool for negotiate requests (a browser reuses its page's connection): the SignalR
    /// client disposes the handler it is given when the connection ends, so this keeps the shared one alive.
    /// </summary>
    private sealed class SharedHandler(HttpMessageHandler shared) : DelegatingHandler(shared)
    {
        protected override void Dispose(bool disposing)
        {
            // Not base.Dispose: that would dispose the shared inner handler.
        }
    }
}
