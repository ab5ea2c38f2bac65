using System.Net;
using RedPacket.Web.Observability;

namespace RedPacket.Tests.Web;

public sealed class MetricsEndpointTests(WebAppFixture app) : WebTest<WebAppFixture>(app), IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Metrics_AfterAGrab_ClaimedGrabSettleBatchRedisAndPlatformInstruments()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob", 0);
        var group = await GroupAsync(alice, bob);
        var packet = await SendAsync(alice, group, 300, 3);
        (await bob.PostAsync($"/api/packets/{packet}/grab")).EnsureSuccessStatusCode();

        // Anonymous, as a Prometheus scraper calls it.
        var scrape = await App.CreateClient().GetAsync(TelemetryRegistration.MetricsPath);

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        var text = await scrape.Content.ReadAsStringAsync();
        Assert.Matches("""(?m)^redpacket_grabs_total\{[^}]*outcome="claimed"[^}]*\} [1-9]""", text);
        Assert.Matches("""(?m)^redpacket_settle_batch_size_bucket\{[^}]*le="1"[^}]*\} [1-9]""", text);
        Assert.Matches("""(?m)^redpacket_settle_batch_size_count\{[^}]*\} [1-9]""", text);
        Assert.Matches("""(?m)^redpacket_redis_script_duration_milliseconds_count\{[^}]*script="claim"[^}]*\} [1-9]""", text);
        Assert.Matches("""(?m)^http_server_request_duration_seconds_count\{[^}]*http_route="/api/packets/\{packetId:long\}/grab"[^}]*\} [1-9]""", text);
        Assert.Matches("""(?m)^dotnet_gc_heap_total_allocated_bytes_total\{[^}]*\} [1-9]""", text);
    }
}
