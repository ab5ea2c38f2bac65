using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RedPacket.Domain;
using RedPacket.Domain.Packets.Claiming;

namespace RedPacket.Tests.Unit.Packets;

public sealed class GrabOptionsTests
{
    [Theory]
    [InlineData("MaxBatch", "0")]
    [InlineData("MaxParallelPackets", "0")]
    [InlineData("CommitLanes", "0")]
    [InlineData("MaxPacketsPerCommit", "0")]
    [InlineData("Linger", "-00:00:01")]
    [InlineData("SoldOutMemoSize", "0")]
    public async Task Start_SettingThatWouldStallTheWriters_Refused(string key, string value)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:MySql"] = "Server=127.0.0.1;Port=1;Database=none",
            ["ConnectionStrings:Redis"] = "127.0.0.1:1,abortConnect=false,connectTimeout=100",
            [$"RedPacket:Grab:{key}"] = value,
        });
        builder.AddRedPacketDomain();
        using var host = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(GrabOptions.Rules, refused.Message);
    }

    [Fact]
    public void Defaults_Valid() => Assert.True(new GrabOptions().IsValid);
}
