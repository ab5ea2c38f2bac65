using RedPacket.Web.Components.Shared;

namespace RedPacket.Tests.Unit.Web;

public sealed class AvatarLookTests
{
    [Theory]
    [InlineData("alice", "A")]
    [InlineData("  bob ", "B")]
    [InlineData("王小明", "王")]
    [InlineData("", "?")]
    public void InitialOf_FirstLetterOrCharacter(string name, string initial) => Assert.Equal(initial, AvatarLook.InitialOf(name));

    [Fact]
    public void ColourOf_SameIdSameColourEverywhere_AndIdsSpreadOverThePalette()
    {
        Assert.Equal(AvatarLook.ColourOf("user-42"), AvatarLook.ColourOf("user-42"));
        var colours = Enumerable.Range(0, 200).Select(i => AvatarLook.ColourOf($"user-{i}")).Distinct().Count();
        Assert.True(colours >= 8, $"{colours} colours for 200 users");
    }
}
