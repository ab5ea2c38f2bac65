using RedPacket.Domain.Groups;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Groups;

public sealed class GroupHeaderTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    [Fact]
    public async Task FindHeader_ABigGroup_CountsMembersWithoutListingThem()
    {
        var owner = await Driver.UserAsync("owner");
        var group = await Driver.GroupAsync(owner);
        await Driver.BulkMembersAsync(group, 2_000, "hd");
        var outsider = await Driver.UserAsync("outsider");

        var header = await Fixture.Get<GroupService>().FindHeaderForMemberAsync(group, owner);

        Assert.Equal((group, 2_001), (header!.Id, header.MemberCount));
        Assert.Null(await Fixture.Get<GroupService>().FindHeaderForMemberAsync(group, outsider));
    }
}
