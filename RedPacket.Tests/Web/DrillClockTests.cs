using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RedPacket.Web.Bench;
using RedPacket.Web.Hosting;

namespace RedPacket.Tests.Web;

/// <summary>The drill-only clock offset of scripts/nemesis.sh: honoured in Bench, refused anywhere else.</summary>
public sealed class DrillClockTests
{
    /// <summary>
    /// The test host with the app's own clock: <see cref="WebAppFixture"/> swaps in a fake one, which would hide what
    /// the app registered, so this host applies the same settings and nothing else.
    /// </summary>
    private sealed class RealClockHost(string environment, string? offset) : WebAppFixture
    {
        protected override string EnvironmentName => environment;
        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
            offset is null ? [] : [new(DrillClock.Setting, offset)];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(EnvironmentName);
            var settings = TestSettings(Database, KeyPrefix);
            foreach (var (key, value) in Settings) settings[key] = value;
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    [Theory]
    [InlineData("00:10:00", 10)]
    [InlineData("-00:10:00", -10)]
    public async Task Offset_InBench_TheAppsClockIsTheSystemClockPlusIt(string offset, int minutes)
    {
        var host = new RealClockHost(BenchApi.Environment, offset);
        try
        {
            await host.InitializeAsync();

            var clock = host.Services.GetRequiredService<TimeProvider>();
            var drift = clock.GetUtcNow() - TimeProvider.System.GetUtcNow() - TimeSpan.FromMinutes(minutes);

            Assert.InRange(drift, TimeSpan.FromSeconds(-5), TimeSpan.FromSeconds(5));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("Testing")]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Offset_OutsideBench_StartUpStopsWithAClearError(string environment)
    {
        var host = new RealClockHost(environment, "00:10:00");
        try
        {
            var e = Assert.Throws<InvalidOperationException>(() => host.Server);
            Assert.Contains($"{DrillClock.Setting} is set", e.Message);
            Assert.Contains("Bench environment only", e.Message);
        }
        finally
        {
            await ((WebApplicationFactory<Program>)host).DisposeAsync();
        }
    }

    [Fact]
    public async Task NoOffset_InBench_TheSystemClock()
    {
        var host = new RealClockHost(BenchApi.Environment, null);
        try
        {
            await host.InitializeAsync();

            Assert.Same(TimeProvider.System, host.Services.GetRequiredService<TimeProvider>());
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
