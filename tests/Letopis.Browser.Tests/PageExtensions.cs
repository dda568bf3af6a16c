using Microsoft.Playwright;


namespace Letopis.Browser.Tests;

public static class PageExtensions
{
    /// <summary>Signs in through the real form and waits for the interactive shell.</summary>
    public static async Task SignInAsync(this IPage page, string login, string password)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("input[name=login]", login);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Blazor Server handles clicks only once its circuit is up.</summary>
    public static async Task WaitForInteractiveAsync(this IPage page)
    {
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        // The prerendered shell says "no"; the circuit re-renders it with "yes" once events are handled.
        await page.WaitForSelectorAsync("[data-interactive=yes]");
    }

    public static async Task GoAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
    }

    /// <summary>
    /// A picture of the whole page. The viewport grows to the page's height first, so that fixed
    /// parts (the drawer, a dialog's backdrop) cover it all as they would on a tall screen.
    /// </summary>
    public static async Task ShotAsync(this IPage page, LetopisServer server, string name)
    {
        Directory.CreateDirectory(server.ScreenshotDir);
        var viewport = page.ViewportSize!;
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        if (height > viewport.Height)
        {
            await page.SetViewportSizeAsync(viewport.Width, height);
            await page.WaitForTimeoutAsync(300);
        }
        // Finished transitions: a popover caught mid-fade would look half-transparent.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(server.ScreenshotDir, name + ".png"), Animations = ScreenshotAnimations.Disabled });
        if (height > viewport.Height)
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
    }
}

public static class FieldExtensions
{
    /// <summary>The input of a MudBlazor field marked with <c>data-testid</c> (on the input or on a wrapper).</summary>
    public static ILocator Field(this IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    /// <summary>
    /// Ticks a MudBlazor check box or radio marked with <c>data-testid</c> (on the input or a wrapper): its
    /// input is visually hidden, so its label takes the click.
    /// </summary>
    public static async Task TickAsync(this IPage page, string testId)
    {
        var input = page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;
        await input.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        if (!await input.IsCheckedAsync())
            await page.Locator($"label:has(input[data-testid={testId}]), [data-testid={testId}] label, label[data-testid={testId}]").First.ClickAsync();
        await Assertions.Expect(input).ToBeCheckedAsync();
    }

    /// <summary>Opens a MudSelect and picks the option with this text.</summary>
    public static async Task PickAsync(this IPage page, string testId, string option)
    {
        await page.Locator($"[data-testid={testId}]").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = option }).First.ClickAsync();
        // A single choice closes its list; a multiple one stays open and Esc closes it. Esc is not
        // pressed otherwise: in a dialog it would close the dialog.
        try
        {
            await page.Locator(".mud-popover-open .mud-list-item").First
                .WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden, Timeout = 2000 });
        }
        catch (TimeoutException)
        {
            await page.Keyboard.PressAsync("Escape");
        }
    }
}
