using System.Text.Json;

namespace RedPacket.Tests.Web;

/// <summary>The OpenAPI document declares what a client must handle: every operation's problem answers.</summary>
public sealed class OpenApiTests(WebAppFixture app) : WebTest<WebAppFixture>(app), IClassFixture<WebAppFixture>
{
    private async Task<JsonElement> DocumentAsync() => await (await App.CreateClient().GetAsync("/openapi/v1.json"))
        .EnsureSuccessStatusCode().JsonAsync();

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement doc) =>
        from path in doc.GetProperty("paths").EnumerateObject()
        from op in path.Value.EnumerateObject()
        select (op.Value.TryGetProperty("operationId", out var id) ? id.GetString()! : $"{op.Name} {path.Name}", op.Value);

    private static IEnumerable<string> Statuses(JsonElement operation) =>
        operation.GetProperty("responses").EnumerateObject().Select(r => r.Name);

    [Fact]
    public async Task Document_EveryOperationButTheCsrfToken_DeclaresItsProblems()
    {
        var doc = await DocumentAsync();

        foreach (var (name, op) in Operations(doc).Where(o => o.Name != "Csrf"))
        {
            var problems = op.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5').ToList();
            Assert.True(problems.Count > 0, $"{name} declares no problem answer");
            Assert.All(problems, p => Assert.True(p.Value.GetProperty("content").TryGetProperty("application/problem+json", out _),
                $"{name} {p.Name} is not problem details"));
        }
    }

    [Fact]
    public async Task Grab_DeclaresEveryAnswerItGives()
    {
        var grab = Operations(await DocumentAsync()).Single(o => o.Name == "GrabPacket").Operation;

        Assert.Superset(new HashSet<string> { "200", "401", "403", "404", "409", "410", "429", "503" }, Statuses(grab).ToHashSet());
    }

    [Fact]
    public async Task Grab_NamesItsProblemCodesPerStatus()
    {
        var grab = Operations(await DocumentAsync()).Single(o => o.Name == "GrabPacket").Operation;
        var responses = grab.GetProperty("responses");

        Assert.EndsWith("Codes: csrf, not_recipient, wrong_phrase", responses.GetProperty("403").GetProperty("description").GetString());
        Assert.EndsWith("Codes: not_found", responses.GetProperty("404").GetProperty("description").GetString());
        Assert.EndsWith("Codes: busy, unavailable", responses.GetProperty("503").GetProperty("description").GetString());
    }

    [Fact]
    public async Task AdminPacket_DeclaresItsAnswersAndTheRefundRowItsSender()
    {
        var doc = await DocumentAsync();
        var packet = Operations(doc).Single(o => o.Name == "AdminGetPacket").Operation;

        Assert.Superset(new HashSet<string> { "200", "401", "403", "404", "503" }, Statuses(packet).ToHashSet());
        Assert.False(string.IsNullOrEmpty(packet.GetProperty("summary").GetString()));
        var row = doc.GetProperty("components").GetProperty("schemas").GetProperty("RefundRow").GetProperty("properties");
        Assert.True(row.TryGetProperty("senderName", out _) && row.TryGetProperty("senderUserId", out _));
    }
}
