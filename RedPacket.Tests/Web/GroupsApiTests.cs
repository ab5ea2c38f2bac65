using System.Net;

namespace RedPacket.Tests.Web;

public sealed class GroupsApiTests(WebAppFixture app) : WebTest<WebAppFixture>(app), IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Create_Group_201AndCreatorIsMember()
    {
        var alice = await UserAsync("alice");

        var response = await alice.PostAsync("/api/groups", new { name = "Family" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var group = await response.JsonAsync();
        Assert.Equal(10, group.GetProperty("inviteCode").GetString()!.Length);
        var detail = await alice.GetJsonAsync($"/api/groups/{group.GetProperty("id").GetInt64()}");
        Assert.Equal([alice.Name], detail.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("userName").GetString()));
        Assert.Contains((await alice.GetJsonAsync("/api/groups")).EnumerateArray(), g => g.GetProperty("name").GetString() == "Family");
    }

    [Fact]
    public async Task Get_ByNonMember_404NothingShown()
    {
        var alice = await UserAsync("alice");
        var eve = await UserAsync("eve");
        var group = await GroupAsync(alice);

        var response = await eve.GetAsync($"/api/groups/{group}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("inviteCode", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Join_WrongCode_403BadInvite()
    {
        var alice = await UserAsync("alice");
        var eve = await UserAsync("eve");
        var group = await GroupAsync(alice);

        var response = await eve.PostAsync($"/api/groups/{group}/join", new { inviteCode = "GUESSWORK1" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("bad_invite", await response.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await eve.GetAsync($"/api/groups/{group}")).StatusCode);
    }

    [Fact]
    public async Task Join_RightCode_204ThenMember()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");

        var group = await GroupAsync(alice, bob);

        var members = (await bob.GetJsonAsync($"/api/groups/{group}")).GetProperty("members").EnumerateArray().Count();
        Assert.Equal(2, members);
    }

    [Fact]
    public async Task Messages_PostAndRead_MembersOnly()
    {
        var alice = await UserAsync("alice");
        var eve = await UserAsync("eve");
        var group = await GroupAsync(alice);

        Assert.Equal(HttpStatusCode.Created, (await alice.PostAsync($"/api/groups/{group}/messages", new { text = "hello" })).StatusCode);
        var posted = await eve.PostAsync($"/api/groups/{group}/messages", new { text = "let me in" });

        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal("not_member", await posted.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await eve.GetAsync($"/api/groups/{group}/messages")).StatusCode);
        var history = await alice.GetJsonAsync($"/api/groups/{group}/messages");
        Assert.Equal("hello", Assert.Single(history.EnumerateArray()).GetProperty("text").GetString());
    }
}
