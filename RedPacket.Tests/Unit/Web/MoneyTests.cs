using RedPacket.Web.Components.Shared;

namespace RedPacket.Tests.Unit.Web;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(0L, "¥0.00")]
    [InlineData(1L, "¥0.01")]
    [InlineData(1_000L, "¥10.00")]
    [InlineData(123_456L, "¥1,234.56")]
    [InlineData(-1_000L, "-¥10.00")]
    [InlineData(long.MinValue, "-¥92,233,720,368,547,758.08")]
    public void Yuan_Cents_Formatted(long cents, string text) => Assert.Equal(text, Money.Yuan(cents));

    [Theory]
    [InlineData("10", 1_000L)]
    [InlineData("10.5", 1_050L)]
    [InlineData("8.88", 888L)]
    [InlineData("¥0.01", 1L)]
    [InlineData(" 3 ", 300L)]
    public void ParseYuan_Valid_Cents(string text, long cents) => Assert.Equal(cents, Money.ParseYuan(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.234")]
    [InlineData("-1")]
    [InlineData("1e3")]
    [InlineData("99999999999999999999999")]
    public void ParseYuan_Invalid_Null(string? text) => Assert.Null(Money.ParseYuan(text));
}
