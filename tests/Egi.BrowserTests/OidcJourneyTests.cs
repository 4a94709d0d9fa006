using System.Text.RegularExpressions;
using Egi.BrowserTests.Infrastructure;
using Egi.TestOidc;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Egi.BrowserTests;

/// <summary>
/// The browser app with sign-in by the institutional account turned on, against a real OpenID Connect provider
/// (OpenIddict, in-process on its own port): a second app and Chromium, so the other journeys keep the plain sign-in page.
/// </summary>
public sealed class OidcBrowserFixture : BrowserFixture
{
    public TestOidcProvider Provider { get; private set; } = null!;

    public static readonly TestOidcUser Camila = new("sub-camila", "Camila Andrea Salazar Nieto", Accounts.Evaluado);
    public static readonly TestOidcUser Unknown = new("sub-unknown", "Persona Ajena", "persona.ajena@otra-entidad.gov.co");

    public override async Task InitializeAsync()
    {
        Provider = await TestOidcProvider.StartAsync();
        Provider.AddUser(Camila);
        Provider.AddUser(Unknown);
        App.Settings["Authentication:Oidc:Enabled"] = "true";
        App.Settings["Authentication:Oidc:Authority"] = Provider.Authority.ToString();
        App.Settings["Authentication:Oidc:ClientId"] = TestOidcProvider.ClientId;
        App.Settings["Authentication:Oidc:ClientSecret"] = TestOidcProvider.ClientSecret;
        App.Settings["Authentication:Oidc:RequireHttpsMetadata"] = "false";
        App.Settings["Authentication:Oidc:DisplayName"] = "Proveedor de prueba";
        await base.InitializeAsync();
        // The app's port is known once it runs: register its redirect URIs with the provider then.
        Provider.RegisterClient(BaseAddress);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class OidcBrowserCollection : ICollectionFixture<OidcBrowserFixture>
{
    public const string Name = "BrowserOidc";
}

[Collection(OidcBrowserCollection.Name)]
public sealed class OidcJourneyTests(OidcBrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private TestOidcProvider Provider => ((OidcBrowserFixture)Fixture).Provider;

    /// <summary>
    /// The hops through the provider (EGI reads its discovery document and keys, the provider answers) are several
    /// requests between two servers of this process: a loaded machine gets a longer limit for them.
    /// </summary>
    private const float ProviderHopTimeout = 90_000;

    private static async Task ChooseAtProviderAsync(IPage page, TestOidcUser user)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar con la cuenta institucional" }).ClickAsync(new() { Timeout = ProviderHopTimeout });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Proveedor de identidad de prueba");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar como " + user.Name }).ClickAsync(new() { Timeout = ProviderHopTimeout });
    }

    [Fact]
    public Task A_servant_signs_in_with_the_institutional_account_and_signs_out_of_both() => InBrowserAsync(nameof(A_servant_signs_in_with_the_institutional_account_and_signs_out_of_both), async page =>
    {
        var endSessions = Provider.EndSessions;

        await ChooseAtProviderAsync(page, OidcBrowserFixture.Camila);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Bienvenido(a)");
        Assert.StartsWith(Fixture.BaseAddress.ToString(), page.Url);
        var account = page.Locator("#menu-cuenta");
        await Expect(account).ToContainTextAsync("Camila Andrea Salazar Nieto");

        await account.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" }).ClickAsync(new() { Timeout = ProviderHopTimeout });

        // Out of EGI and of the provider: back on EGI's sign-in page, and the provider asks again who signs in.
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login$"), new() { Timeout = ProviderHopTimeout });
        Assert.Equal(endSessions + 1, Provider.EndSessions);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar con la cuenta institucional" }).ClickAsync(new() { Timeout = ProviderHopTimeout });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Proveedor de identidad de prueba");
    });

    [Fact]
    public Task A_tampered_state_is_refused_in_spanish_and_nobody_is_signed_in() => InBrowserAsync(nameof(A_tampered_state_is_refused_in_spanish_and_nobody_is_signed_in), async page =>
    {
        // The provider's last answer is a redirect to EGI's /signin-oidc with the code and the state. Chromium hands the
        // test only the first request of a redirect chain, so the provider's hops are made navigations of their own:
        // the choice at the provider is carried out for real and its redirect to /connect/authorize is held back…
        var provider = Provider.Authority.ToString();
        string? authorize = null;
        await page.RouteAsync(provider + "login", async route =>
        {
            var answer = await route.FetchAsync(new() { MaxRedirects = 0 });
            authorize = new Uri(Provider.Authority, answer.Headers["location"]).ToString();
            var headers = answer.Headers.Where(h => h.Key != "location").ToDictionary(h => h.Key, h => h.Value);
            await route.FulfillAsync(new() { Response = answer, Status = 200, Headers = headers, Body = "<!DOCTYPE html><title>ok</title>" });
        });
        // …then /connect/authorize runs for real and issues a code, and one character of the state it sends back changes
        // on the way, as an attacker would change it.
        var codes = Provider.CodesRedeemed;
        string? tamperedState = null;
        await page.RouteAsync(new Regex("/connect/authorize"), async route =>
        {
            var answer = await route.FetchAsync(new() { MaxRedirects = 0 });
            var location = answer.Headers.GetValueOrDefault("location") ?? "";
            if (!location.Contains("/signin-oidc", StringComparison.Ordinal))
            {
                await route.FulfillAsync(new() { Response = answer });
                return;
            }
            var callback = new Uri(location);
            var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
            Assert.False(string.IsNullOrEmpty(query["code"]));
            var state = query["state"]!;
            query["state"] = tamperedState = state[..10] + (state[10] == 'A' ? 'B' : 'A') + state[11..];
            var headers = answer.Headers.ToDictionary(h => h.Key, h => h.Value);
            headers["location"] = callback.GetLeftPart(UriPartial.Path) + "?" + query;
            await route.FulfillAsync(new() { Response = answer, Headers = headers });
        });

        await ChooseAtProviderAsync(page, OidcBrowserFixture.Camila);
        Assert.NotNull(authorize);
        await page.GotoAsync(authorize!, new() { Timeout = ProviderHopTimeout });

        Assert.NotNull(tamperedState);
        Assert.StartsWith(Fixture.BaseAddress + "Account/External", page.Url); // through /signin-oidc, which refused the state
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("No se pudo completar el ingreso");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es-CO");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Exception");
        Assert.Equal(codes, Provider.CodesRedeemed); // the code never left the browser for the provider's token endpoint

        await page.GotoAsync("/Pending");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
    });

    [Fact]
    public Task An_unknown_person_is_refused_in_spanish() => InBrowserAsync(nameof(An_unknown_person_is_refused_in_spanish), async page =>
    {
        await ChooseAtProviderAsync(page, OidcBrowserFixture.Unknown);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Su cuenta institucional no tiene acceso a EGI");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("No se creó ninguna cuenta");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es-CO");

        await page.GotoAsync("/Pending");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
    });
}
