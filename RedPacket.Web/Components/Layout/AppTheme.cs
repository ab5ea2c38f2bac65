using MudBlazor;

namespace RedPacket.Web.Components.Layout;

/// <summary>
/// The red of a red packet in both palettes. Colours are picked for WCAG AA contrast (4.5:1 for text), which the axe
/// browser test checks in light and dark: white on #c62828 in the light app bar, gold chips with dark text.
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
            AppbarBackground = "#c62828",
            AppbarText = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#ff8a80",
            PrimaryContrastText = "#1e1e1e",
            Secondary = "#ffca28",
            SecondaryContrastText = "#212121",
            AppbarBackground = "#7f1d1d",
            AppbarText = "#ffffff",
        },
        Typography = new Typography { Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"] } },
    };
}
