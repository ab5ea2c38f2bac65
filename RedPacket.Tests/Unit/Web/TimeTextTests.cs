using System.Globalization;
using RedPacket.Web.Components.Shared;

namespace RedPacket.Tests.Unit.Web;

public sealed class TimeTextTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    // 09:33:18 UTC is 17:33:18 in Shanghai.
    private static readonly DateTimeOffset Moment = new(2026, 12, 4, 9, 33, 18, TimeSpan.Zero);

    private static string In(string culture, Func<string> format)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            // ICU writes a narrow no-break space before AM/PM; compare with plain spaces.
            return format().Replace('\u202F', ' ').Replace('\u00A0', ' ');
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    [Theory]
    [InlineData("zh-CN", "17:33")]
    [InlineData("en", "5:33 PM")]
    public void Format_SameDayInTheViewersZone_TimeOnly(string culture, string expected) =>
        Assert.Equal(expected, In(culture, () => TimeText.Format(Moment, Moment.AddHours(6), Shanghai)));

    [Theory]
    [InlineData("zh-CN", "2026/12/4 17:33")]
    [InlineData("en", "12/4/2026 5:33 PM")]
    public void Format_AnEarlierDay_DateAndTime(string culture, string expected) =>
        // 17:00 UTC on the same UTC date is already the next day in Shanghai.
        Assert.Equal(expected, In(culture, () => TimeText.Format(Moment, Moment.AddHours(8), Shanghai)));

    [Theory]
    [InlineData("zh-CN", "2026/12/4 17:33:18")]
    [InlineData("en", "12/4/2026 5:33:18 PM")]
    public void Format_Exact_DateAndTimeToTheSecond(string culture, string expected) =>
        Assert.Equal(expected, In(culture, () => TimeText.Format(Moment, Moment, Shanghai, exact: true)));
}
