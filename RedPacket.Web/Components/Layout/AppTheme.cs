using MudBlazor;

namespace RedPacket.Web.Components.Layout;

/// <summary>
/// The red of a red packet in both palettes. Colours are picked for WCAG AA contrast (4.5:1 for text), which the axe
/// browser test checks in light and dark: white on #c62828 in the light app bar,
/// gold chips with dark text, secondary text lighter in dark and darker in light than MudBlazor's defaults.
/// </summary>
public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#c62828",
            Secondary = "#f9a825",
            SecondaryContrastText = "#212121",
            // MudBlazor's 0.54 black is 4.6:1 on white, too close to the line on tinted surfaces.
            TextSecondary = "rgba(0,0,0,0.62)",
            AppbarBackground = "#c62828",
            AppbarText = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#ff8a80",
            PrimaryContrastText = "#1e1e1e",
            Secondary = "#ffca28",
            SecondaryContrastText = "#212121",
            // The default grey labels reach only 4.25:1 on the dark surface.
            TextSecondary = "#b8b8bd",
            AppbarBackground = "#7f1d1d",
            AppbarText = "#ffffff",
        },
        Typography = new Typography { Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"] } },
    };
}
