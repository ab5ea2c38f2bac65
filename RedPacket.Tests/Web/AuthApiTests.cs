using System.Net;
using System.Net.Http.Json;

namespace RedPacket.Tests.Web;

public sealed class AuthApiTests(WebAppFixture app) : WebTest<WebAppFixture>(app), IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Register_NewUser_201WithDemoCredit()
    {
        var http = App.CreateClient();
        var name = "n" + Guid.NewGuid().ToString("N")[..10];

        var response = await http.PostAsJsonAsync("/api/auth/register", new { userName = name, password = "password1" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(10_000, (await response.JsonAsync()).GetProperty("balanceCents").GetInt64());
    }

    [Fact]
    public async Task Register_TakenName_409UserExists()
    {
        var bob = await UserAsync("bob");
        var response = await App.CreateClient().PostAsJsonAsync("/api/auth/register", new { userName = bob.Name, password = "password1" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("user_exists", await response.ProblemCodeAsync());
    }

    [Fact]
    public async Task Register_WeakPassword_400InvalidPassword()
    {
        var response = await App.CreateClient().PostAsJsonAsync("/api/auth/register", new { userName = "weakling", password = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_password", await response.ProblemCodeAsync());
    }

    [Fact]
    public async Task Token_WrongPassword_401()
    {
        var bob = await UserAsync("bob");
        var response = await App.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = bob.Name, password = "wrong-one1" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", await response.ProblemCodeAsync());
    }

    [Fact]
    public async Task Token_Valid_AccessTokenAndExpiry()
    {
        var bob = await UserAsync("bob");
        var token = await (await App.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = bob.Name, password = bob.Password })).JsonAsync();
        Assert.False(string.IsNullOrEmpty(token.GetProperty("accessToken").GetString()));
        Assert.Equal(3600, token.GetProperty("expiresIn").GetInt64());
    }

    [Fact]
    public async Task Logout_TheTokensIssuedBefore_NoLongerSignAnybodyIn()
    {
        var bob = await UserAsync("bob");
        var other = App.CreateClient();
        other.DefaultRequestHeaders.Authorization = new("Bearer", bob.Token);
        await using var live = await HubClients.ConnectAsync(App, bob);

        var signedOut = await bob.PostAsync("/api/auth/logout");
        var again = await other.GetAsync("/api/me");
        await using var hubAfter = HubClients.Build(App, bob.Token);
        var hubRefused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => hubAfter.StartAsync());
        App.Clock.Advance(TimeSpan.FromSeconds(1)); // a new sign-in after the sign-out
        var fresh = await bob.SignInAgainAsync(App);

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, hubRefused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Token_Valid_AnswersADeviceTokenForTheNextSignIn()
    {
        var bob = await UserAsync("bob");
        var token = await (await App.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = bob.Name, password = bob.Password })).JsonAsync();
        Assert.Equal("Bearer", token.GetProperty("tokenType").GetString());
        Assert.False(string.IsNullOrEmpty(token.GetProperty("deviceToken").GetString()));
    }

    [Fact]
    public async Task Me_WithBearer_NameAndBalance()
    {
        var bob = await UserAsync("bob", 1_234);
        var me = await bob.GetJsonAsync("/api/me");
        Assert.Equal((bob.Name, 1_234L), (me.GetProperty("userName").GetString(), me.GetProperty("balanceCents").GetInt64()));
    }

    [Fact]
    public async Task Me_Anonymous_401()
    {
        var response = await App.CreateClient().GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_Document_ListsTheContract()
    {
        var doc = await (await App.CreateClient().GetAsync("/openapi/v1.json")).EnsureSuccessStatusCode().JsonAsync();
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/auth/register", "/api/auth/token", "/api/me", "/api/me/ledger", "/api/me/packets/sent",
                     "/api/me/packets/received", "/api/groups", "/api/groups/{id}", "/api/groups/{id}/join",
                     "/api/groups/{groupId}/packets", "/api/packets/{packetId}/grab", "/api/packets/{packetId}",
                     "/api/admin/refunds", "/api/admin/audit" })
            Assert.True(paths.TryGetProperty(path, out _), $"missing {path}");
    }
}

public sealed class ClosedRegistrationFixture : WebAppFixture
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("RedPacket:Registration:Enabled", "false")];
}

public sealed class ClosedRegistrationTests(ClosedRegistrationFixture app)
    : WebTest<ClosedRegistrationFixture>(app), IClassFixture<ClosedRegistrationFixture>
{
    [Fact]
    public async Task Register_WhenClosed_403RegistrationClosed()
    {
        var response = await App.CreateClient().PostAsJsonAsync("/api/auth/register", new { userName = "latecomer", password = "password1" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("registration_closed", await response.ProblemCodeAsync());
    }
}
