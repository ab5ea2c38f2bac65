using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace RedPacket.Tests.Component;

/// <summary>
/// bunit with MudBlazor: loose JS interop, Mud services, an interactive server renderer. The context is
/// disposed asynchronously (MudBlazor's popover service is async-only), so it is held, not inherited.
/// </summary>
public abstract class ComponentTest : IAsyncLifetime
{
    protected BunitContext Ctx { get; } = new();

    protected ComponentTest()
    {
        Ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        Ctx.Services.AddMudServices();
        Ctx.Services.AddSingleton(TimeProvider.System);
        Ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Ctx.Services.AddScoped<RedPacket.Web.Components.Shared.BrowserTimeZone>();
    }

    /// <summary>The culture components render in (the circuit's culture in the app): English unless a test says.</summary>
    protected CultureInfo Culture { get; set; } = CultureInfo.GetCultureInfo("en");

    /// <summary>Renders as an interactive server circuit would (set at first render: it builds the services).</summary>
    protected IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null) where T : IComponent
    {
        if (!_rendererSet)
        {
            Ctx.SetRendererInfo(new RendererInfo("Server", true));
            _rendererSet = true;
        }
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Culture;
        return parameters is null ? Ctx.Render<T>() : Ctx.Render<T>(parameters);
    }

    private bool _rendererSet;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync() => await Ctx.DisposeAsync();
}
