using System.Text.RegularExpressions;
using Egi.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Egi.BrowserTests;

[Collection(ScreensBrowserCollection.Name)]
public sealed class SignInJourneyTests(ScreensBrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Talento_humano_signs_in_and_opens_the_directory_of_servants() => InBrowserAsync(nameof(Talento_humano_signs_in_and_opens_the_directory_of_servants), async page =>
    {
        await SignInAsync(page, Accounts.TalentoHumano);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Bienvenido(a)");
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" });
        var servants = menu.GetByRole(AriaRole.Link, new() { Name = "Servidores", Exact = true });
        await Expect(servants).ToBeVisibleAsync();

        await servants.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/Directory/Servants"));
        await Expect(servants).ToHaveAttributeAsync("aria-current", "page");
        // The demo directory: at least one of its servants is listed (whatever the order or paging).
        await Expect(page.GetByRole(AriaRole.Main))
            .ToContainTextAsync(new Regex("Arbeláez Correa|Benítez Largo|Bermúdez Gil|Salazar Nieto|López Quintero"));
    });

    [Fact]
    public Task A_wrong_password_shows_the_spanish_error() => InBrowserAsync(nameof(A_wrong_password_shows_the_spanish_error), async page =>
    {
        await SignInAsync(page, Accounts.TalentoHumano, "NoEsLaClave.2026");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es-CO");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("El correo o la contraseña no son correctos");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" })).ToBeVisibleAsync();
    });

    [Fact]
    public Task An_evaluado_does_not_see_the_directory_and_is_refused_it() => InBrowserAsync(nameof(An_evaluado_does_not_see_the_directory_and_is_refused_it), async page =>
    {
        await SignInAsync(page, Accounts.Evaluado);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Bienvenido(a)");
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" });
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Inicio" })).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Servidores", Exact = true })).ToHaveCountAsync(0);

        var response = await page.GotoAsync("/Directory/Servants");

        Assert.Equal(403, response?.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Acceso denegado");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es-CO");
    });
}
