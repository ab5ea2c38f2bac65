using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;

namespace RedPacket.Web.Localization;

/// <summary>
/// 中文 and English. The culture comes from the culture cookie when the user picked one (the switch in the app bar),
/// else from the browser's Accept-Language, else Chinese (most of our users read Chinese). Every UI string goes through
/// <c>IStringLocalizer&lt;TheComponent&gt;</c>; its resources are <c>Resources/&lt;path of the component&gt;.resx</c>
/// (English) and <c>.zh-CN.resx</c> beside it. A Blazor circuit keeps the culture of the request that started it, so
/// the switch reloads the page.
/// </summary>
public static class LocalizationRegistration
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public static readonly string[] Cultures = [Chinese, English];

    public static IHostApplicationBuilder AddRedPacketLocalization(this IHostApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        // The pages are sent as UTF-8: Chinese text goes out as itself, not as &#x...; references (ASP.NET's default
        // encoder allows Basic Latin only, which tripled the bytes of a Chinese page and made view-source unreadable).
        // HTML's own characters (< > & " ') are still encoded.
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Chinese).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new ChineseVariantsProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return builder;
    }

    public static WebApplication UseRedPacketLocalization(this WebApplication app)
    {
        app.UseRequestLocalization();
        // The app bar's switch: remember the choice for a year, back to where the user was.
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            if (!Cultures.Contains(culture, StringComparer.OrdinalIgnoreCase)) return Results.BadRequest();
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(returnUrl is { Length: > 0 } && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) && returnUrl.StartsWith('/')
                && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>Any Chinese the browser asks for (zh, zh-Hans, zh-TW, …) is served our Chinese, not English.</summary>
    private sealed class ChineseVariantsProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext http)
        {
            var first = http.Request.Headers.AcceptLanguage.ToString().Split(',', StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
            return Task.FromResult(first.StartsWith("zh", StringComparison.OrdinalIgnoreCase)
                ? new ProviderCultureResult(Chinese)
                : (ProviderCultureResult?)null);
        }
    }

    /// <summary>The culture of the current request or circuit, as the html lang attribute wants it.</summary>
    public static string Current => CultureInfo.CurrentUICulture.Name is { Length: > 0 } name ? name : English;
}
