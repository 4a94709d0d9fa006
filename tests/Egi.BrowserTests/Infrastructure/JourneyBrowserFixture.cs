using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.BrowserTests.Infrastructure;

/// <summary>
/// The demo entity (its period open, every evaluation step's window around the day) on a clock that a journey may move
/// forward and must put back: Wednesday 14/10/2026, 10:00 in Bogotá. The journeys of import, sessions, the committee,
/// reminders and the audit run here, one after the other, each with people the others do not touch; their own app and
/// Chromium, so that moving the clock never disturbs the journeys on the real clock.
/// </summary>
public sealed class JourneyBrowserFixture : BrowserFixture
{
    /// <summary>The day every journey starts on: 10:00 in Bogotá.</summary>
    public static readonly DateTimeOffset Start = new(2026, 10, 14, 15, 0, 0, TimeSpan.Zero);

    public SettableClock Clock { get; } = new(Start);

    public override Task InitializeAsync()
    {
        App.Clock = Clock;
        return base.InitializeAsync();
    }
}

/// <summary>
/// A clock that stands still where it is set, forwards or back (a FakeTimeProvider only moves forward): each journey puts
/// it back on the fixture's day when it ends, whatever the order the journeys run in. Timers are the system's.
/// </summary>
public sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    private long ticks = now.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Set(DateTimeOffset value) => Interlocked.Exchange(ref ticks, value.UtcTicks);
}

[CollectionDefinition(Name)]
public sealed class JourneyBrowserCollection : ICollectionFixture<JourneyBrowserFixture>
{
    public const string Name = "BrowserJourneys";
}

/// <summary>Base of the journeys on <see cref="JourneyBrowserFixture"/>: its clock, the database, the main menu.</summary>
[Collection(JourneyBrowserCollection.Name)]
public abstract class JourneyTest(JourneyBrowserFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : BrowserTest(fixture, output)
{
    protected SettableClock Clock => ((JourneyBrowserFixture)Fixture).Clock;

    /// <summary>
    /// Runs <paramref name="journey"/> in a new browser context with the clock on <see cref="JourneyBrowserFixture.Start"/>,
    /// and puts the clock back there afterwards, whatever happens, for the next journey.
    /// </summary>
    protected Task OnTheCalendarAsync(string name, Func<Microsoft.Playwright.IPage, Task> journey) =>
        InBrowserAsync(name, async page =>
        {
            Clock.Set(JourneyBrowserFixture.Start);
            try
            {
                await journey(page);
            }
            finally
            {
                Clock.Set(JourneyBrowserFixture.Start);
            }
        });

    /// <summary>Moves the application's clock to <paramref name="hour"/>:00 in Bogotá on that day.</summary>
    protected void MoveTo(int year, int month, int day, int hour = 10) =>
        Clock.Set(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.FromHours(-5)));

    /// <summary>A scope over the application's database (for what a journey sets up or checks behind the screens).</summary>
    protected async Task<T> DbAsync<T>(Func<EgiDbContext, Task<T>> query)
    {
        using var scope = Fixture.App.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<EgiDbContext>());
    }

    protected Task<int> ServantIdAsync(string document) =>
        DbAsync(db => db.Servants.Where(s => s.DocumentNumber == document).Select(s => s.Id).SingleAsync());

    /// <summary>
    /// A link of the main menu by its exact name: «Servidores» must not also match «Importar servidores», a dropdown
    /// item that counts as visible while the page's stylesheet is still loading (a journey failed so under load).
    /// </summary>
    protected static Microsoft.Playwright.ILocator Menu(Microsoft.Playwright.IPage page, string link) =>
        page.GetByRole(Microsoft.Playwright.AriaRole.Navigation, new() { Name = "Menú principal" })
            .GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = link, Exact = true });
}
