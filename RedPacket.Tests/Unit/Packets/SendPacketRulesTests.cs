using RedPacket.Domain.Common;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Sending;

namespace RedPacket.Tests.Unit.Packets;

public sealed class SendPacketRulesTests
{
    private static readonly PacketOptions Limits = new();

    private static SendPacketCommand Command(long total = 100, int count = 2, PacketKind kind = PacketKind.Lucky,
        string? greeting = null, string? key = null, string? recipient = null) => new("alice", 1, total, count, kind, greeting, key, recipient);

    [Fact]
    public void Validate_NoGreeting_UsesTheDefault() =>
        Assert.Equal(Limits.DefaultGreeting, SendPacketRules.Validate(Command(), Limits));

    [Fact]
    public void Validate_GreetingWithSpaces_Trimmed() =>
        Assert.Equal("hi", SendPacketRules.Validate(Command(greeting: "  hi "), Limits));

    [Theory]
    [InlineData(1L, 1)]
    [InlineData(20_000L, 100)]
    [InlineData(100L, 100)]
    public void Validate_AtTheLimits_Accepted(long total, int count) =>
        SendPacketRules.Validate(Command(total, count), Limits);

    [Theory]
    [InlineData(0L, 1, ErrorCodes.InvalidAmount)]
    [InlineData(20_001L, 1, ErrorCodes.InvalidAmount)]
    [InlineData(99L, 100, ErrorCodes.InvalidAmount)]
    [InlineData(long.MaxValue, 1, ErrorCodes.InvalidAmount)]
    [InlineData(100L, 0, ErrorCodes.InvalidCount)]
    [InlineData(100L, 101, ErrorCodes.InvalidCount)]
    public void Validate_OutOfLimits_Refused(long total, int count, string code) =>
        Assert.Equal(code, Assert.Throws<DomainException>(() => SendPacketRules.Validate(Command(total, count), Limits)).Code);

    [Fact]
    public void Validate_UnknownKind_InvalidRequest() =>
        Assert.Equal(ErrorCodes.InvalidRequest,
            Assert.Throws<DomainException>(() => SendPacketRules.Validate(Command(kind: (PacketKind)9), Limits)).Code);

    [Fact]
    public void Validate_HugeMinimumShare_NoOverflow()
    {
        var strict = new PacketOptions { MinShareCents = long.MaxValue / 2, MaxTotalCents = long.MaxValue };
        Assert.Throws<DomainException>(() => SendPacketRules.Validate(Command(long.MaxValue - 1, 100), strict));
    }

    [Fact]
    public void RequestHash_DiffersWithTheBody() =>
        Assert.NotEqual(Command(100).RequestHash("g"), Command(101).RequestHash("g"));

    [Fact]
    public void Validate_ExclusiveWithOneShareForSomeoneElse_Accepted() =>
        SendPacketRules.Validate(Command(count: 1, kind: PacketKind.Exclusive, recipient: "bob"), Limits);

    [Theory]
    [InlineData(2, "bob", ErrorCodes.InvalidCount)]
    [InlineData(1, null, ErrorCodes.InvalidRequest)]
    [InlineData(1, " ", ErrorCodes.InvalidRequest)]
    [InlineData(1, "alice", ErrorCodes.InvalidRequest)]
    public void Validate_ExclusiveBroken_Refused(int count, string? recipient, string code) =>
        Assert.Equal(code, Assert.Throws<DomainException>(() =>
            SendPacketRules.Validate(Command(count: count, kind: PacketKind.Exclusive, recipient: recipient), Limits)).Code);

    [Theory]
    [InlineData(PacketKind.Lucky)]
    [InlineData(PacketKind.Fixed)]
    public void Validate_RecipientOnAnotherKind_InvalidRequest(PacketKind kind) =>
        Assert.Equal(ErrorCodes.InvalidRequest,
            Assert.Throws<DomainException>(() => SendPacketRules.Validate(Command(kind: kind, recipient: "bob"), Limits)).Code);

    [Fact]
    public void RequestHash_DiffersWithTheRecipient() =>
        Assert.NotEqual(Command(count: 1, kind: PacketKind.Exclusive, recipient: "bob").RequestHash("g"),
            Command(count: 1, kind: PacketKind.Exclusive, recipient: "carol").RequestHash("g"));

    [Fact]
    public void RequestHash_WithoutRecipient_AsBeforeExclusivePacketsExisted() =>
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("1|100|2|Lucky|g"u8.ToArray())),
            Command().RequestHash("g"));
}
