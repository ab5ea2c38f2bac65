using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RedPacket.Tests.Support;

/// <summary>The domain fixture with everything it logs recorded (from Warning up, as every fixture configures).</summary>
public sealed class LoggedDomainFixture : DomainFixture
{
    public LogRecorder Logs { get; } = new();

    protected override void Configure(HostApplicationBuilder builder) => builder.Logging.AddProvider(Logs);
}
