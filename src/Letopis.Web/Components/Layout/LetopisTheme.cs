using MudBlazor;

namespace Letopis.Web.Components.Layout;

/// <summary>The product's colours: a deep ink blue with a warm parchment accent.</summary>
public static class LetopisTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2F4A7A",
            Secondary = "#B7791F",
            Tertiary = "#2E7D6B",
            AppbarBackground = "#22375C",
            AppbarText = "#FFFFFF",
            Background = "#F4F5F8",
            Surface = "#FFFFFF",
            DrawerBackground = "#FFFFFF",
            DrawerText = "#2B2F38",
            DrawerIcon = "#4A5468",
            TextPrimary = "#1F2430",
            TextSecondary = "#5B6475",
            ActionDefault = "#4A5468",
            LinesDefault = "#E3E6EC",
            TableLines = "#E8EAEF",
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "8px",
            DrawerWidthLeft = "248px",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Roboto", "Liberation Sans", "DejaVu Sans", "sans-serif"] },
            H4 = new H4Typography { FontWeight = "500", FontSize = "1.75rem" },
            H5 = new H5Typography { FontWeight = "500" },
            H6 = new H6Typography { FontWeight = "500" },
            Button = new ButtonTypography { TextTransform = "none", FontWeight = "500" },
        },
    };
}
