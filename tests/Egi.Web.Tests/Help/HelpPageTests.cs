using System.Net;
using System.Text.RegularExpressions;
using Egi.Web.Features.Help;
using Egi.Web.Tests.Infrastructure;

namespace Egi.Web.Tests.Help;

/// <summary>
/// Issue 15, item 9: the user manual («Ayuda») is open to everybody, shows every screenshot the browser journey takes
/// (and only those), each of them is served, and every signed-in person finds it in the menu.
/// </summary>
public sealed partial class HelpPageTests : IAsyncLifetime
{
    private readonly EgiAppFactory app = new(Db.Sqlite);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [GeneratedRegex("<img src=\"(/img/manual/[^\"]+)\"[^>]*alt=\"([^\"]*)\"")]
    private static partial Regex ManualImage();

    [Fact]
    public async Task The_manual_is_open_to_everybody_and_shows_every_screenshot_of_the_journey_with_its_description()
    {
        var anonymous = app.NewClient();
        var response = await anonymous.GetAsync("/Help");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1 class=\"h3\" id=\"titulo-manual\">Manual de usuario</h1>", html);
        foreach (var role in new[] { "id=\"evaluado\"", "id=\"jefe\"", "id=\"talento-humano\"", "id=\"planeacion\"", "id=\"consulta\"" })
            Assert.Contains(role, html);

        var shown = ManualImage().Matches(html).Select(m => (Src: m.Groups[1].Value, Alt: WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        Assert.Equal(ManualScreens.All.Select(s => s.Image).Order(), shown.Select(s => s.Src).Order());
        foreach (var (src, alt) in shown)
        {
            Assert.Equal(ManualScreens.All.Single(s => s.Image == src).Alt, alt);
            var image = await anonymous.GetAsync(src);
            Assert.True(image.StatusCode == HttpStatusCode.OK, $"{src} is not served ({(int)image.StatusCode}): run the browser journey ManualScreenshotsTests and commit the image.");
            Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
            var bytes = await image.Content.ReadAsByteArrayAsync();
            Assert.True(bytes.Length > 2_000 && bytes[0] == 0xFF && bytes[1] == 0xD8, $"{src} is not a JPEG screenshot");
        }
        // Numbered figures, each once.
        Assert.Equal(Enumerable.Range(1, ManualScreens.All.Count).Select(n => $"Figura {n}."),
            Regex.Matches(html, @"Figura \d+\.").Select(m => m.Value));
    }

    [Fact]
    public async Task Every_signed_in_person_finds_Ayuda_in_the_menu_and_the_sign_in_page_links_the_manual()
    {
        foreach (var email in new[] { Accounts.Evaluado, Accounts.Jefe, Accounts.TalentoHumano })
        {
            var client = await app.SignedInAsync(email);
            var html = await (await client.GetAsync("/Pending")).Content.ReadAsStringAsync();
            Assert.Contains("href=\"/Help\">Ayuda</a>", html);
        }
        var login = await (await app.NewClient().GetAsync("/Account/Login")).Content.ReadAsStringAsync();
        Assert.Contains("href=\"/Help\"", login);
    }
}
