using Egi.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Egi.BrowserTests;

[Collection(ScreensBrowserCollection.Name)]
public sealed class AccessibilityJourneyTests(ScreensBrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task The_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content() => InBrowserAsync(nameof(The_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content), async page =>
    {
        await page.GotoAsync("/Account/Login");

        await page.Keyboard.PressAsync("Tab");

        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Saltar al contenido principal" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeVisibleAsync(); // visible once focused (visually-hidden-focusable)

        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
    });

    [Fact]
    public Task At_phone_width_the_menu_collapses_behind_the_toggler() => InBrowserAsync(nameof(At_phone_width_the_menu_collapses_behind_the_toggler), async page =>
    {
        await SignInAsync(page, Accounts.TalentoHumano);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Bienvenido(a)");

        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" });
        var servants = menu.GetByRole(AriaRole.Link, new() { Name = "Servidores", Exact = true });
        var toggler = page.GetByRole(AriaRole.Button, new() { Name = "Mostrar u ocultar el menú" });
        await Expect(toggler).ToBeVisibleAsync();
        await Expect(toggler).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(servants).ToBeHiddenAsync();

        await toggler.ClickAsync();

        await Expect(servants).ToBeVisibleAsync();
        await Expect(toggler).ToHaveAttributeAsync("aria-expanded", "true");
        // Nothing is wider than the phone: no horizontal scrolling.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The page scrolls horizontally at 375 px.");
    }, width: 375, height: 740);
}
