using RedPacket.Web.Components.Shared;

namespace RedPacket.Tests.Unit.Web;

public sealed class InviteLinkTests
{
    [Theory]
    [InlineData("http://localhost:5000/")]
    [InlineData("http://localhost:5000")]
    public void For_AnyBase_OneSlashBeforeJoin(string baseUri) =>
        Assert.Equal("http://localhost:5000/join/12/ABC", InviteLink.For(baseUri, 12, "ABC"));

    [Theory]
    [InlineData("https://rp.example/join/12/ABCD2345", 12, "ABCD2345")]
    [InlineData("  http://10.0.0.5:8080/join/3/XYZ?utm=chat  ", 3, "XYZ")]
    [InlineData("/join/99/Q%2BR", 99, "Q+R")]
    public void TryParse_PastedLink_IdAndCode(string text, long id, string code)
    {
        Assert.True(InviteLink.TryParse(text, out var groupId, out var inviteCode));
        Assert.Equal((id, code), (groupId, inviteCode));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ABCD2345")]
    [InlineData("https://rp.example/groups/12")]
    [InlineData("https://rp.example/join/abc/CODE")]
    public void TryParse_NotALink_False(string? text) => Assert.False(InviteLink.TryParse(text, out _, out _));

    [Fact]
    public void TryParse_WhatForBuilt_RoundTrips()
    {
        Assert.True(InviteLink.TryParse(InviteLink.For("http://h/", 5, "A B"), out var id, out var code));
        Assert.Equal((5L, "A B"), (id, code));
    }
}
