using System.Net;
using RedPacket.Web.Api.RateLimiting;

namespace RedPacket.Tests.Unit.Web;

public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64")]
    public void Of_Address_TheBudgetItCountsIn(string address, string key) => Assert.Equal(key, ClientAddress.Of(IPAddress.Parse(address)));

    [Fact]
    public void Of_NoAddress_Unknown() => Assert.Equal(ClientAddress.Unknown, ClientAddress.Of((IPAddress?)null));
}
