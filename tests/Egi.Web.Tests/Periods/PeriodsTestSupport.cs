using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Egi.Domain.Calendar;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Periods;

/// <summary>One application (and database) shared by the tests of a class; each test works on its own year.</summary>
public abstract class PeriodsApp(Db db) : IAsyncLifetime
{
    public EgiAppFactory App { get; } = new(db);

    public Task InitializeAsync()
    {
        _ = App.Server; // start the host (migrate and seed) once
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class PeriodsSqliteApp() : PeriodsApp(Db.Sqlite);

public sealed class PeriodsPostgresApp() : PeriodsApp(Db.Postgres);

internal static partial class PeriodsTestSupport
{
    /// <summary>What a person reads: tags removed, entities decoded, whitespace collapsed.</summary>
    public static string Text(string html)
    {
        var body = Regex.Replace(html, "<(script|style)[^>]*>.*?</\\1>", " ", RegexOptions.Singleline | RegexOptions.IgnoreCase);
        return Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(body, " ")), " ");
    }

    public static async Task<string> TextOf(HttpResponseMessage response) => Text(await response.Content.ReadAsStringAsync());

    public static async Task<int> AddPeriodAsync(this EgiAppFactory app, int year, PeriodStatus status = PeriodStatus.Preparation)
    {
        return await app.WithDbAsync(async db =>
        {
            var p = Period.CreateWithDefaults(year);
            p.Status = status;
            db.Periods.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
    }

    public static Task<Period> LoadPeriodAsync(this EgiAppFactory app, int id) =>
        app.WithDbAsync(db => db.Periods.AsNoTracking().SingleAsync(p => p.Id == id));

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The windows form with every stage at its default, then <paramref name="changes"/> applied.</summary>
    public static Dictionary<string, string> WindowsForm(int year, params (Stage Stage, string Start, string End)[] changes)
    {
        var form = new Dictionary<string, string>();
        var i = 0;
        foreach (var stage in StageInfo.All)
        {
            var w = stage.DefaultWindow(year);
            var change = changes.FirstOrDefault(c => c.Stage == stage);
            form[$"Rows[{i}].Stage"] = stage.ToString();
            form[$"Rows[{i}].Start"] = change.Start ?? Iso(w.Start);
            form[$"Rows[{i}].End"] = change.End ?? Iso(w.End);
            i++;
        }
        return form;
    }

    /// <summary>The settings form as the page fills it with the defaults, then <paramref name="changes"/> applied.</summary>
    public static Dictionary<string, string> SettingsForm(params (string Field, string Value)[] changes)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.MinGoals"] = "1",
            ["Input.MaxGoals"] = "5",
            ["Input.GoalsWeight"] = "85",
            ["Input.CompetenciesWeight"] = "15",
            ["Input.OutstandingFrom"] = "90",
            ["Input.UnsatisfactoryUpTo"] = "65",
            ["Input.ImprovementCompetencyBelow"] = "3",
            ["Input.ReminderDaysBeforeClose"] = "5",
            ["Input.DisagreementRounds"] = "2",
            ["Input.NewServantGoalWorkingDays"] = "15",
            ["Input.MaxEvidenceSizeMb"] = "10",
            ["Input.AllowedEvidenceTypes"] = "pdf, docx, xlsx, pptx, png, jpg",
        };
        string[] labels = ["Nunca", "Algunas veces", "Frecuentemente", "Siempre"];
        for (var i = 0; i < 10; i++)
        {
            form[$"Input.CompetencyScale[{i}].Label"] = i < labels.Length ? labels[i] : "";
            form[$"Input.CompetencyScale[{i}].Value"] = i < labels.Length ? (i + 1).ToString(CultureInfo.InvariantCulture) : "";
        }
        foreach (var (field, value) in changes) form[field] = value;
        return form;
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();
}
