using RedPacket.Domain.Common;
using RedPacket.Domain.Ledger;
using RedPacket.Domain.Packets;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Packets;

public sealed class SendTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    [Fact]
    public async Task Send_Valid_DebitsSenderIntoEscrowWithSharesAndLedger()
    {
        var alice = await Driver.UserAsync("alice", 5_000);
        var group = await Driver.GroupAsync(alice);

        var sent = await Driver.SendAsync(alice, group, 1_234, 7, greeting: "新年快乐");

        Assert.Equal(5_000 - 1_234, await Driver.BalanceAsync(alice));
        var packet = await Driver.PacketAsync(sent.PacketId);
        Assert.Equal((1_234L, 7, PacketStatus.Open, "新年快乐"), (packet.RemainingCents, packet.RemainingCount, packet.Status, packet.Greeting));
        Assert.Equal(Fixture.Clock.GetUtcNow().AddHours(24), packet.ExpiresAt);
        var shares = await Driver.SharesAsync(sent.PacketId);
        Assert.Equal(7, shares.Count);
        Assert.Equal(1_234, shares.Sum(s => s.AmountCents));
        var legs = await Driver.ReadAsync(db => Task.FromResult(db.Set<LedgerEntry>().Where(e => e.PacketId == sent.PacketId).ToList()));
        Assert.Equal([-1_234L, 1_234L], legs.Select(l => l.AmountCents).Order());
    }

    [Fact]
    public async Task Send_SameIdempotencyKeyTwice_OnePacketOneDebit()
    {
        var alice = await Driver.UserAsync("alice", 5_000);
        var group = await Driver.GroupAsync(alice);

        var answers = await Concurrency.RunConcurrent(5, _ => Driver.SendAsync(alice, group, 1_000, 2, idempotencyKey: "key-1"));

        Assert.All(answers, a => Assert.True(a.Succeeded, a.Error?.ToString()));
        Assert.Single(answers.Select(a => a.Value!.PacketId).Distinct());
        Assert.Equal(4, answers.Count(a => a.Value!.Replayed));
        Assert.Equal(4_000, await Driver.BalanceAsync(alice));
    }

    [Fact]
    public async Task Send_SameKeyDifferentBody_IdempotencyConflict()
    {
        var alice = await Driver.UserAsync("alice", 5_000);
        var group = await Driver.GroupAsync(alice);
        await Driver.SendAsync(alice, group, 1_000, 2, idempotencyKey: "key-2");

        var e = await Assert.ThrowsAsync<DomainException>(() => Driver.SendAsync(alice, group, 1_500, 2, idempotencyKey: "key-2"));

        Assert.Equal(ErrorCodes.IdempotencyConflict, e.Code);
        Assert.Equal(4_000, await Driver.BalanceAsync(alice));
    }

    [Fact]
    public async Task Send_OverBalance_InsufficientFundsAndNothingWritten()
    {
        var alice = await Driver.UserAsync("alice", 500);
        var group = await Driver.GroupAsync(alice);
        var before = await Driver.CountAsync<Packet>();

        var e = await Assert.ThrowsAsync<DomainException>(() => Driver.SendAsync(alice, group, 501, 2));

        Assert.Equal(ErrorCodes.InsufficientFunds, e.Code);
        Assert.Equal(500, await Driver.BalanceAsync(alice));
        Assert.Equal(before, await Driver.CountAsync<Packet>());
    }

    [Theory]
    [InlineData(0L, 1, ErrorCodes.InvalidAmount)]
    [InlineData(-100L, 1, ErrorCodes.InvalidAmount)]
    [InlineData(20_001L, 1, ErrorCodes.InvalidAmount)]
    [InlineData(long.MaxValue, 100, ErrorCodes.InvalidAmount)]
    [InlineData(long.MinValue, 1, ErrorCodes.InvalidAmount)]
    [InlineData(100L, 0, ErrorCodes.InvalidCount)]
    [InlineData(100L, -5, ErrorCodes.InvalidCount)]
    [InlineData(20_000L, 101, ErrorCodes.InvalidCount)]
    [InlineData(20_000L, int.MaxValue, ErrorCodes.InvalidCount)]
    [InlineData(20_000L, int.MinValue, ErrorCodes.InvalidCount)]
    [InlineData(5L, 6, ErrorCodes.InvalidAmount)]
    public async Task Send_BadAmountOrCount_ClearErrorAndNoRowWritten(long total, int count, string code)
    {
        var alice = await Driver.UserAsync("alice", 20_000);
        var group = await Driver.GroupAsync(alice);
        var (packets, shares) = (await Driver.CountAsync<Packet>(), await Driver.CountAsync<PacketShare>());

        var e = await Assert.ThrowsAsync<DomainException>(() => Driver.SendAsync(alice, group, total, count));

        Assert.Equal(code, e.Code);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        Assert.Equal((packets, shares), (await Driver.CountAsync<Packet>(), await Driver.CountAsync<PacketShare>()));
        Assert.Equal(20_000, await Driver.BalanceAsync(alice));
    }

    [Fact]
    public async Task Send_GreetingTooLong_InvalidRequest()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var group = await Driver.GroupAsync(alice);

        var e = await Assert.ThrowsAsync<DomainException>(() => Driver.SendAsync(alice, group, 100, 1, greeting: new string('x', 101)));

        Assert.Equal(ErrorCodes.InvalidRequest, e.Code);
    }

    [Fact]
    public async Task Send_ToGroupOfOthers_NotMember()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var bob = await Driver.UserAsync("bob", 1_000);
        var bobsGroup = await Driver.GroupAsync(bob);

        var e = await Assert.ThrowsAsync<DomainException>(() => Driver.SendAsync(alice, bobsGroup, 100, 1));

        Assert.Equal(ErrorCodes.NotMember, e.Code);
        Assert.Equal(1_000, await Driver.BalanceAsync(alice));
    }
}
