using Microsoft.Extensions.Logging;
using RedPacket.Domain.Common;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Domain.Persistence;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Packets;

/// <summary>An Error log means a user saw a failure: a retried deadlock is a warning with its number, nothing more.</summary>
public sealed class RetryLoggingTests(LoggedDomainFixture fixture) : IntegrationTest<LoggedDomainFixture>(fixture), IClassFixture<LoggedDomainFixture>
{
    [Theory]
    [InlineData("UPDATE `red_packets`", 1213)] // a command
    [InlineData("UPDATE `red_packets`", 1205)]
    [InlineData("UPDATE `red_packets`", 1020)]
    [InlineData("FROM red_packets WHERE Id", 1205)] // the packet's row lock: a query
    public async Task Grab_TransientServerErrorRetried_WarningWithErrorNumberAndNoError(string failingCommand, int errorNumber)
    {
        var sender = await Driver.UserAsync("sender", 100);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(sender, bob);
        var packet = await Driver.SendAsync(sender, group, 100, 2);
        Fixture.Logs.Clear();
        Fixture.Faults.FailWithServerError(c => c.CommandText.Contains(failingCommand), errorNumber, times: 1);

        var result = await Driver.GrabAsync(packet.PacketId, bob);

        Assert.Equal((GrabOutcome.Claimed, 1), (result.Outcome, Fixture.Faults.Injected));
        AssertOneRetryWarningAndNoError(errorNumber);
    }

    [Fact]
    public async Task Send_DeadlockInSaveChanges_WarningWithErrorNumberAndNoError()
    {
        var sender = await Driver.UserAsync("sender", 100);
        var group = await Driver.GroupAsync(sender);
        Fixture.Logs.Clear();
        Fixture.Faults.FailWithServerError(c => c.CommandText.Contains("INSERT INTO `red_packets`"), 1213, times: 1);

        await Driver.SendAsync(sender, group, 100, 1);

        Assert.Equal(1, Fixture.Faults.Injected);
        AssertOneRetryWarningAndNoError(1213);
    }

    [Fact]
    public async Task Grab_SettleFailsEveryAttempt_UserToldBusyAndErrorLogged()
    {
        var sender = await Driver.UserAsync("sender", 100);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(sender, bob);
        var packet = await Driver.SendAsync(sender, group, 100, 1);
        Fixture.Logs.Clear();
        Fixture.Faults.FailWhen(c => c.CommandText.Contains("UPDATE `red_packet_shares`"), times: 100);

        var code = await Driver.RefusedAsync(packet.PacketId, bob);

        Assert.Equal(ErrorCodes.Busy, code);
        Assert.Contains(Fixture.Logs.Entries, l => l.Level == LogLevel.Error && l.Category == typeof(ClaimSettler).FullName);
    }

    private void AssertOneRetryWarningAndNoError(int errorNumber)
    {
        var logs = Fixture.Logs.Entries;
        var retry = Assert.Single(logs, e => e.Category == typeof(TransactionRunner).FullName);
        Assert.Equal(LogLevel.Warning, retry.Level);
        Assert.Contains($"MySQL error {errorNumber}", retry.Message);
        Assert.DoesNotContain(logs, e => e.Level >= LogLevel.Error);
    }
}
