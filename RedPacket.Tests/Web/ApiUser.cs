using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RedPacket.Web.Identity;

namespace RedPacket.Tests.Web;

/// <summary>A registered user and an HttpClient that calls the API with their bearer token.</summary>
public sealed record ApiUser(string Id, string Name, string Password, string Token, HttpClient Http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Every test user's payment PIN: a send's body carries it.</summary>
    public const string Pin = "135790";

    public static async Task<ApiUser> CreateAsync(WebAppFixture app, string name, long balanceCents = 10_000, bool withPin = true)
    {
        name = $"{name}{Guid.NewGuid():N}"[..Math.Min(32, name.Length + 8)];
        const string password = "password1";
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<UserRegistration>().RegisterAsync(name, password, balanceCents);
        var http = app.CreateClient();
        var token = await (await http.PostAsJsonAsync("/api/auth/token", new { userName = name, password }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var accessToken = token.GetProperty("accessToken").GetString()!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var scope2 = app.Services.CreateScope();
        var id = (await scope2.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(name))!.Id;
        if (withPin) await app.Services.GetRequiredService<RedPacket.Domain.Accounts.Pins.PaymentPins>().SetAsync(id, Pin, currentPin: null);
        return new ApiUser(id, name, password, accessToken, http);
    }

    /// <summary>A fresh bearer token (the old one expires when a test moves the clock a day on).</summary>
    public async Task<ApiUser> SignInAgainAsync(WebAppFixture app)
    {
        var token = await (await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = Name, password = Password }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var accessToken = token.GetProperty("accessToken").GetString()!;
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return this with { Token = accessToken };
    }

    public Task<HttpResponseMessage> PostAsync(string url, object? body = null) => Http.PostAsJsonAsync(url, body ?? new { }, Json);

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public async Task<JsonElement> GetJsonAsync(string url) =>
        await (await Http.GetAsync(url)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
}

public static class ResponseExtensions
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>The stable <c>code</c> of a problem-details answer.</summary>
    public static async Task<string?> ProblemCodeAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.JsonAsync()).GetProperty("code").GetString();
    }
}
