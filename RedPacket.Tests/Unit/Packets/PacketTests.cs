using RedPacket.Domain.Accounts;
using RedPacket.Domain.Common;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Claiming;

namespace RedPacket.Tests.Unit.Packets;

public sealed class PacketTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    private static Packet NewPacket(params long[] shares) =>
        Packet.Create(1, "alice", PacketKind.Lucky, shares, "hi", Now, TimeSpan.FromHours(24), null, "hash");

    [Fact]
    public void Create_Shares_EscrowIsTheirSum()
    {
        var p = NewPacket(10, 20, 30);
        Assert.Equal((60L, 3, PacketStatus.Open, Now.AddHours(24)), (p.RemainingCents, p.RemainingCount, p.Status, p.ExpiresAt));
        Assert.Equal([1, 2, 3], p.Shares.Select(s => s.Seq));
    }

    [Fact]
    public void Claim_LastShare_SoldOut()
    {
        var p = NewPacket(10);
        p.Claim(p.Shares.Single(), "bob", Now);
        Assert.Equal((0L, 0, PacketStatus.SoldOut), (p.RemainingCents, p.RemainingCount, p.Status));
        Assert.Equal(("bob", ShareStatus.Claimed), (p.Shares.Single().ReceiverUserId, p.Shares.Single().Status));
    }

    [Fact]
    public void Claim_SameShareTwice_Refused()
    {
        var p = NewPacket(10, 20);
        var share = p.Shares.First();
        p.Claim(share, "bob", Now);
        Assert.Throws<InvalidOperationException>(() => p.Claim(share, "carol", Now));
    }

    [Fact]
    public void Refund_Unclaimed_ClosesAndReturnsTheRest()
    {
        var p = NewPacket(10, 20, 30);
        p.Claim(p.Shares.First(), "bob", Now);
        var back = p.Refund(p.Shares.Where(s => s.Status == ShareStatus.Unclaimed).ToList(), Now);
        Assert.Equal((50L, PacketStatus.Refunded, 0L, 50L), (back, p.Status, p.RemainingCents, p.RefundedCents));
        Assert.Throws<DomainException>(() => p.Claim(p.Shares.Last(), "x", Now));
    }

    [Fact]
    public void Refund_SharesNotMatchingEscrow_Refused()
    {
        var p = NewPacket(10, 20);
        Assert.Throws<InvalidOperationException>(() => p.Refund([p.Shares.First()], Now));
    }

    [Fact]
    public void Account_DebitMoreThanBalance_InsufficientFunds()
    {
        var a = new Account("u", "u", Now);
        a.Credit(100);
        Assert.Equal(ErrorCodes.InsufficientFunds, Assert.Throws<DomainException>(() => a.Debit(101)).Code);
        a.Debit(100);
        Assert.Equal(0, a.BalanceCents);
    }

    [Theory]
    [InlineData("1:100", 1, 100L)]
    [InlineData("100:20000", 100, 20_000L)]
    public void ShareToken_RoundTrips(string text, int seq, long amount)
    {
        var token = ShareToken.Parse(text);
        Assert.Equal((seq, amount, text), (token.Seq, token.AmountCents, token.ToString()));
    }
}
