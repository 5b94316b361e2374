using MudBlazor;

namespace Wangge.Components.Layout;

/// <summary>One theme for every page: a government-blue palette and fonts that carry Chinese glyphs.</summary>
public static class WanggeTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e8c",
            Secondary = "#c0392b",
            AppbarBackground = "#1f4e8c",
            Background = "#f4f6f9",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Helvetica Neue", "Arial", "sans-serif"],
            },
            // Chinese has no capitals; English labels should not shout next to it.
            Button = new ButtonTypography { TextTransform = "none" },
        },
    };
}
