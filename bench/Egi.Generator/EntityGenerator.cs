using System.Diagnostics;
using System.Globalization;
using System.Text;
using Egi.Domain.Calendar;
using Egi.Domain.Common;
using Egi.Domain.Competencies;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Domain.Improvement;
using Egi.Domain.Planning;
using Egi.Domain.Scoring;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Generator;

/// <summary>
/// Generates a large entity: dependencias in a tree, servants in five levels of jefes, one account each, a closed
/// previous period with every evaluation finalized (and a few improvement plans), and an open period with evaluations
/// spread over every state. Each period has its institutional plans (a PND, a PEI and a plan de acción per
/// dependencia), and most goals link to an item of them. Every evaluation is taken through the domain's transitions and saved through
/// <see cref="EgiDbContext"/> (audit and whatever SaveChanges computes included), in batches.
/// </summary>
internal sealed class EntityGenerator(IServiceProvider services, GeneratorOptions options)
{
    public const string Domain = "egi-bench.gov.co";

    private readonly Random rng = new(options.Seed);
    private readonly List<Person> people = [];
    private readonly Dictionary<int, Person> byId = [];

    /// <summary>Per period: the items a goal may link to (its dependencia's plan de acción, the PEI), as (id, label).</summary>
    private readonly Dictionary<int, PlanChoices> planChoices = [];

    private sealed record PlanChoices(Dictionary<int, List<(int Id, string Label)>> Action, List<(int Id, string Label)> Strategic);
    private readonly HashSet<string> emails = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<long> documents = [];
    private readonly CompetencyCatalogue catalogue = CompetencyCatalogue.Default();
    private readonly Dictionary<string, int> counts = [];
    private readonly List<(string Role, Person Who, int? EvaluationId, string State)> samples = [];
    private DateOnly today;
    private DateTime now;

    /// <summary>A generated servant with the facts the generator keeps about them.</summary>
    private sealed class Person(Servant servant, int tier)
    {
        public Servant S { get; } = servant;
        public int Tier { get; } = tier;
        public string UserId { get; set; } = "";
        public string? Role { get; set; }
        public Actor Actor => new(UserId, S.Id, S.FullName);
    }

    /// <summary>An evaluation of the open period as generated (for the sample accounts).</summary>
    private sealed record Generated(Evaluation E, int Target);

    private sealed record PlanCandidate(Evaluation E, IReadOnlyList<string> Reasons, IReadOnlyList<string> Competencies);

    public async Task RunAsync()
    {
        now = DateTime.UtcNow;
        today = Egi.Domain.Calendar.BogotaTime.Day(new DateTimeOffset(now));
        Console.WriteLine($"Generating {options.Servants} servants, seed {options.Seed}, year {options.Year} ({(options.IsPostgres ? "PostgreSQL" : "SQLite")}), today {today:yyyy-MM-dd}");

        var (dependencies, groups) = await Timed("Dependencias", CreateDependenciesAsync);
        await Timed("Servants", () => CreateServantsAsync(dependencies, groups));
        await Timed("Accounts", CreateAccountsAsync);
        var (previous, candidates) = await Timed($"Period {options.Year - 1} (finalized)", PreviousPeriodAsync);
        // Its improvement plans are worked while it is still open (SPEC §3: a closed period is read-only), then it closes.
        await Timed("Improvement plans", () => CreatePlansAsync(previous, candidates));
        await Timed($"Period {options.Year - 1} closed", () => ClosePeriodAsync(previous.Id));
        var generated = await Timed($"Period {options.Year} (open)", OpenCurrentPeriodAsync);
        // The tables as they are in an entity that has lived a while: PostgreSQL's autovacuum has analyzed them (the
        // planner's statistics; without them the first minute of a bench reads bad plans) and vacuumed them (the
        // visibility map, which lets a count read an index alone), and its writes are on disk (a CHECKPOINT: else the one
        // the generator's WAL requested spreads its writes over the bench's first minutes, bench/HISTORY.md «01:45 UTC on
        // 08/12/2026»); on SQLite the statistics the application refreshes.
        await Timed("Planner statistics", async () =>
        {
            using var scope = services.CreateScope();
            var db = NewContext(scope);
            if (options.IsPostgres)
            {
                await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE)");
                await db.Database.ExecuteSqlRawAsync("CHECKPOINT");
            }
            else await PlannerStatistics.RefreshAsync(db);
        });
        await WriteSamplesAsync(generated);
        await PrintSummaryAsync();
    }

    private async Task<T> Timed<T>(string what, Func<Task<T>> step)
    {
        var sw = Stopwatch.StartNew();
        var result = await step();
        Console.WriteLine($"  {what,-28} {sw.Elapsed.TotalSeconds,6:0.0} s");
        return result;
    }

    private async Task Timed(string what, Func<Task> step) => await Timed(what, async () =>
    {
        await step();
        return 0;
    });

    private EgiDbContext NewContext(IServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        return db;
    }

    /// <summary>Adds the rows in batches: AddRange, SaveChanges, then a clear change tracker for the next batch.</summary>
    private async Task SaveInBatchesAsync<T>(IReadOnlyList<T> rows, Action<EgiDbContext, IReadOnlyList<T>>? afterSave = null) where T : class
    {
        using var scope = services.CreateScope();
        var db = NewContext(scope);
        foreach (var batch in rows.Chunk(options.BatchSize))
        {
            db.Set<T>().AddRange(batch);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            if (afterSave is null) continue;
            afterSave(db, batch);
            if (db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
    }

    private void Count(string what, int n = 1) => counts[what] = counts.GetValueOrDefault(what) + n;

    private Guid NextGuid()
    {
        Span<byte> b = stackalloc byte[16];
        rng.NextBytes(b);
        b[7] = (byte)((b[7] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        return new Guid(b);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    private bool Chance(double p) => rng.NextDouble() < p;

    // ------------------------------------------------------------------------------------------------ directory

    private async Task<(Dictionary<string, Dependency> ByCode, List<(Dependency Group, Dependency Parent)> Groups)> CreateDependenciesAsync()
    {
        using var scope = services.CreateScope();
        var db = NewContext(scope);
        var root = new Dependency { Code = "100", Name = "Dirección General" };
        db.Dependencies.Add(root);
        await db.SaveChangesAsync();
        var byCode = new Dictionary<string, Dependency> { [root.Code] = root };
        var seconds = Names.Dependencies.Select(d => new Dependency { Code = d.Code, Name = d.Name, ParentId = root.Id }).ToList();
        db.Dependencies.AddRange(seconds);
        await db.SaveChangesAsync();
        var groups = new List<(Dependency, Dependency)>();
        foreach (var (parent, (_, _, _, names)) in seconds.Zip(Names.Dependencies))
        {
            byCode[parent.Code] = parent;
            for (var i = 0; i < names.Length; i++)
            {
                var g = new Dependency
                {
                    Code = $"{parent.Code}.{i + 1:00}",
                    Name = $"Grupo Interno de Trabajo de {names[i]}",
                    ParentId = parent.Id,
                };
                groups.Add((g, parent));
            }
        }
        db.Dependencies.AddRange(groups.Select(g => g.Item1));
        await db.SaveChangesAsync();
        foreach (var (g, _) in groups) byCode[g.Code] = g;
        Count("Dependencias", byCode.Count);
        return (byCode, groups);
    }

    private Person NewPerson(int tier, HierarchyLevel level, (string Title, string Code, string Grade) job, Dependency dep, EmploymentType type,
        Person? boss, bool hasStaff, bool manager = false, DateOnly? hire = null, DateOnly? retired = null)
    {
        var female = Chance(0.52);
        var pool = female ? Names.Female : Names.Male;
        var first = Pick(pool);
        if (Chance(0.4))
        {
            var second = Pick(pool);
            if (second != first) first = $"{first} {second}";
        }
        var last1 = Pick(Names.Surnames);
        var last2 = Pick(Names.Surnames);
        var hireDate = hire ?? RandomHireDate();
        var s = new Servant();
        s.Apply(new ServantInput
        {
            DocumentNumber = NewDocument(hireDate),
            FirstNames = first,
            LastNames = $"{last1} {last2}",
            Email = NewEmail(first, last1, last2),
            JobTitle = job.Title,
            JobCode = job.Code,
            JobGrade = job.Grade,
            Level = level,
            DependencyId = dep.Id,
            EmploymentType = type,
            HireDate = hireDate,
            RetirementDate = retired,
            BossId = boss?.S.Id,
            HasStaff = hasStaff,
            IsPublicManager = manager,
        });
        var p = new Person(s, tier);
        people.Add(p);
        return p;
    }

    private DateOnly RandomHireDate()
    {
        if (Chance(0.04))
        {
            // Hired this year (some recently: they still formulate their goals).
            var start = new DateOnly(options.Year, 1, 13).DayNumber;
            var end = Math.Max(start + 1, Math.Min(today.DayNumber, new DateOnly(options.Year, 12, 31).DayNumber) - 5);
            return DateOnly.FromDayNumber(rng.Next(start, end));
        }
        var from = new DateOnly(1995, 1, 1).DayNumber;
        var to = new DateOnly(options.Year - 1, 12, 15).DayNumber;
        // More recent hires than old ones.
        var t = Math.Sqrt(rng.NextDouble());
        return DateOnly.FromDayNumber(from + (int)((to - from) * t));
    }

    private string NewDocument(DateOnly hire)
    {
        while (true)
        {
            // Older cédulas have 8 digits; younger people have 10 (1.0xx.xxx.xxx).
            var n = hire.Year < 2008 && Chance(0.8) ? rng.NextInt64(10_000_000, 99_999_999) : rng.NextInt64(1_000_000_000, 1_099_999_999);
            if (documents.Add(n)) return n.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static string Slug(string s) => DirectoryLabels.Normalize(s).Replace(' ', '.');

    private string NewEmail(string first, string last1, string last2)
    {
        var a = Slug(first.Split(' ')[0]);
        var b = Slug(last1);
        foreach (var candidate in new[] { $"{a}.{b}", $"{a}.{b}.{Slug(last2)}" })
            if (emails.Add($"{candidate}@{Domain}")) return $"{candidate}@{Domain}";
        for (var i = 2; ; i++)
            if (emails.Add($"{a}.{b}{i}@{Domain}")) return $"{a}.{b}{i}@{Domain}";
    }

    private EmploymentType RollType(HierarchyLevel level)
    {
        if (level == HierarchyLevel.Asesor) return Chance(0.8) ? EmploymentType.FreeAppointment : EmploymentType.Provisional;
        var r = rng.NextDouble();
        return r < 0.58 ? EmploymentType.Provisional : r < 0.90 ? EmploymentType.Career : r < 0.97 ? EmploymentType.Temporary : EmploymentType.FreeAppointment;
    }

    private (string, string, string) Job((string Title, string Code, string[] Grades)[] pool)
    {
        var j = Pick(pool);
        return (j.Title, j.Code, Pick(j.Grades));
    }

    private async Task CreateServantsAsync(Dictionary<string, Dependency> deps, List<(Dependency Group, Dependency Parent)> groups)
    {
        // Tier 1: the director (gerente público: not evaluated here). Tier 2: the heads of the second-level dependencias.
        // Tier 3: one coordinator per grupo interno. Tier 4: team leads inside the grupos. Tier 5: everyone else.
        var director = NewPerson(1, HierarchyLevel.Directivo, ("Director General", "0015", "25"), deps["100"], EmploymentType.FreeAppointment,
            null, true, manager: true, hire: new DateOnly(options.Year - 3, 8, 16));
        await SaveTierAsync(1);

        var heads = new Dictionary<int, Person>();
        foreach (var (code, name, subdirection, _) in Names.Dependencies)
        {
            var job = code == "200" ? ("Secretario General", "0037", "22")
                : subdirection ? ($"Subdirector ({name["Subdirección de ".Length..]})", "0150", "21")
                : code is "130" or "140" ? ($"Jefe de {name}", "0137", "20")
                : ($"Jefe de {name}", "1045", "16");
            var level = code is "110" or "120" ? HierarchyLevel.Asesor : HierarchyLevel.Directivo;
            var hire = DateOnly.FromDayNumber(rng.Next(new DateOnly(2018, 1, 1).DayNumber, new DateOnly(options.Year - 1, 6, 30).DayNumber));
            heads[deps[code].Id] = NewPerson(2, level, job, deps[code], EmploymentType.FreeAppointment, director, true, hire: hire);
        }
        await SaveTierAsync(2);

        var coordinators = new List<Person>();
        foreach (var (group, parent) in groups)
        {
            var grade = Pick(new[] { "21", "23" });
            coordinators.Add(NewPerson(3, HierarchyLevel.Profesional, ("Profesional Especializado (coordinación)", "2028", grade), group,
                Chance(0.5) ? EmploymentType.Provisional : EmploymentType.Career, heads[parent.Id], true));
        }
        await SaveTierAsync(3);

        var leadCount = Math.Max(coordinators.Count, (int)Math.Round(options.Servants * 0.06));
        leadCount = Math.Min(leadCount, options.Servants - people.Count - leadCount);
        var leads = new List<Person>();
        for (var i = 0; i < leadCount; i++)
        {
            var coordinator = coordinators[i % coordinators.Count];
            var group = deps.Values.First(d => d.Id == coordinator.S.DependencyId);
            var grade = Pick(new[] { "17", "19" });
            leads.Add(NewPerson(4, HierarchyLevel.Profesional, ("Profesional Especializado", "2028", grade), group,
                RollType(HierarchyLevel.Profesional) is var t && t == EmploymentType.Temporary ? EmploymentType.Career : t, coordinator, true));
        }
        await SaveTierAsync(4);

        // Team sizes vary: each lead gets a weight between 0.4 and 1.6.
        var weights = leads.Select(_ => 0.4 + (1.2 * rng.NextDouble())).ToArray();
        var cumulative = new double[weights.Length];
        for (var i = 0; i < weights.Length; i++) cumulative[i] = weights[i] + (i > 0 ? cumulative[i - 1] : 0);
        var depById = deps.Values.ToDictionary(d => d.Id);
        var rest = options.Servants - people.Count;
        for (var i = 0; i < rest; i++)
        {
            var x = rng.NextDouble() * cumulative[^1];
            var li = Array.BinarySearch(cumulative, x);
            var lead = leads[li < 0 ? ~li : li];
            var r = rng.NextDouble();
            var (level, job) = r < 0.04 ? (HierarchyLevel.Asesor, ("Asesor", "1020", Pick(new[] { "12", "13", "14", "15" })))
                : r < 0.50 ? (HierarchyLevel.Profesional, Job(Names.Profesional))
                : r < 0.75 ? (HierarchyLevel.Tecnico, Job(Names.Tecnico))
                : (HierarchyLevel.Asistencial, Job(Names.Asistencial));
            var hire = RandomHireDate();
            DateOnly? retired = null;
            var rr = rng.NextDouble();
            if (rr < 0.02 && hire.Year < options.Year)
            {
                // Retired earlier this year: evaluated last year, not this one.
                var start = new DateOnly(options.Year, 1, 20).DayNumber;
                retired = DateOnly.FromDayNumber(rng.Next(start, Math.Max(start + 1, today.DayNumber - 1)));
            }
            else if (rr < 0.03) retired = new DateOnly(options.Year + 1, rng.Next(1, 13), 1).AddDays(-1);
            NewPerson(5, level, job, depById[lead.S.DependencyId], RollType(level), lead, false, hire: hire, retired: retired);
        }
        await SaveTierAsync(5);
        foreach (var p in people) byId[p.S.Id] = p;
        for (var t = 1; t <= 5; t++) Count($"Servants, tier {t}", people.Count(p => p.Tier == t));

        // Talento Humano: the coordinator of its grupo and five of its people; Planeación and Consulta: their office heads.
        var th = deps.Values.First(d => d.Name.EndsWith(Names.TalentoHumanoGroup, StringComparison.Ordinal));
        foreach (var p in people.Where(p => p.S.DependencyId == th.Id && p.S.RetirementDate is null).OrderBy(p => p.Tier).Take(6))
            p.Role = EgiRoles.TalentoHumano;
        heads[deps["110"].Id].Role = EgiRoles.Planeacion;
        heads[deps["130"].Id].Role = EgiRoles.Consulta;
    }

    private async Task SaveTierAsync(int tier) =>
        await SaveInBatchesAsync(people.Where(p => p.Tier == tier).Select(p => p.S).ToList());

    private async Task CreateAccountsAsync()
    {
        // PBKDF2 is slow on purpose: hash the common password once and give every account the same hash.
        var hasher = new PasswordHasher<AppUser>();
        var hash = hasher.HashPassword(new AppUser(), options.Password);
        var users = people.Select(p =>
        {
            var email = p.S.Email;
            var u = new AppUser
            {
                Id = NextGuid().ToString(),
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                DisplayName = p.S.FullName,
                ServantId = p.S.Id,
                PasswordHash = hash,
                SecurityStamp = NextGuid().ToString("N").ToUpperInvariant(),
                ConcurrencyStamp = NextGuid().ToString(),
                LockoutEnabled = true,
            };
            p.UserId = u.Id;
            return u;
        }).ToList();
        await SaveInBatchesAsync(users);

        using var scope = services.CreateScope();
        var db = NewContext(scope);
        var roles = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Name!, r => r.Id);
        db.UserRoles.AddRange(people.Where(p => p.Role is not null)
            .Select(p => new IdentityUserRole<string> { UserId = p.UserId, RoleId = roles[p.Role!] }));
        await db.SaveChangesAsync();
        Count("Accounts", users.Count);
    }

    // ------------------------------------------------------------------------------------------------ evaluations

    /// <summary>Achieved % at the second follow-up (per goal, cycled) and the competency profile, as in DemoHistory.</summary>
    private sealed record Profile(int[] Achieved, int Rating, bool OneLow);

    // Picked uniformly: mostly Sobresaliente, some Satisfactorio, a few No satisfactorio or one competency below Frecuentemente.
    private static readonly Profile[] Profiles =
    [
        new([100, 95, 100], 4, false),
        new([95, 100, 98], 4, false),
        new([100, 100, 100], 4, false),
        new([98, 96, 100], 4, false),
        new([100, 100, 90], 4, false),
        new([95, 90, 100], 4, false),
        new([100, 98, 95], 4, false),
        new([97, 100, 100], 4, false),
        new([100, 92, 96], 4, false),
        new([96, 100, 94], 4, false),
        new([100, 100, 97], 4, false),
        new([99, 95, 100], 4, false),
        new([90, 85, 80], 3, false),
        new([80, 75, 70], 3, false),
        new([85, 80, 90], 3, false),
        new([88, 92, 85], 3, false),
        new([100, 95, 95], 4, true),
        new([70, 75, 80], 3, true),
        new([55, 60, 50], 3, true),
        new([40, 50, 45], 2, false),
    ];

    private static readonly int[][] WeightSets = [[60, 40], [40, 35, 25], [50, 30, 20], [30, 30, 20, 20], [25, 25, 20, 15, 15]];

    /// <summary>
    /// New goals of a servant of <paramref name="dependencyId"/> in <paramref name="period"/>: seven in ten link to an item
    /// of the dependencia's plan de acción, two to the PEI, one to none.
    /// </summary>
    private List<Goal> NewGoals(Period period, int dependencyId, int minMonth)
    {
        var year = period.Year;
        var plans = planChoices[period.Id];
        var weights = Pick(WeightSets);
        var start = rng.Next(Names.Goals.Length);
        return weights.Select((w, i) =>
        {
            var (description, evidence) = Names.Goals[(start + i) % Names.Goals.Length];
            var month = rng.Next(Math.Min(minMonth, 12), 13);
            var x = rng.NextDouble();
            (int Id, string Label)? item = x < 0.7 && plans.Action.TryGetValue(dependencyId, out var own) ? Pick(own)
                : x < 0.9 ? Pick(plans.Strategic) : null;
            return new Goal
            {
                Description = description,
                Weight = w,
                ExpectedEvidence = evidence,
                AgreedFirstFollowUpPercent = Pick(new[] { 40, 50, 50, 60 }),
                DueDate = new DateOnly(year, month, DateTime.DaysInMonth(year, month)),
                PlanItemId = item?.Id,
                PlanItemLabel = item?.Label,
            };
        }).ToList();
    }

    /// <summary>
    /// The period's institutional plans, as Planeación enters them: the PND's transformations the entity serves, the PEI
    /// (objectives and their strategies, each with a responsible dependencia) and a plan de acción of 8–14 items for every
    /// dependencia.
    /// </summary>
    private async Task CreateInstitutionalPlansAsync(Period period)
    {
        using var scope = services.CreateScope();
        var db = NewContext(scope);
        var dependencies = await db.Dependencies.AsNoTracking().OrderBy(d => d.Code).ToListAsync();
        var offices = dependencies.Where(d => d.Code.Length == 3).ToList();
        var names = dependencies.ToDictionary(d => d.Id, d => d.Name);
        var national = DemoPlans.Seeded(period, new(PlanKind.NationalDevelopment, null, "Plan Nacional de Desarrollo 2022-2026", null),
            Names.NationalItems.Select(i => new PlanItemValues(i.Code, i.Name, null, null)), [], names);
        var strategic = DemoPlans.Seeded(period, new(PlanKind.Strategic, null, $"Plan Estratégico Institucional {period.Year - 2}-{period.Year + 1}", null),
            Names.StrategicItems.Select(i => new PlanItemValues(i.Code, i.Name, null, Pick(offices).Id)), [national], names);
        var actions = dependencies.Select(d =>
        {
            var count = rng.Next(8, 15);
            var first = rng.Next(Names.ActionItems.Length);
            return DemoPlans.Seeded(period, new(PlanKind.Action, d.Id, $"Plan de acción {period.Year}", null),
                Enumerable.Range(0, count).Select(i => new PlanItemValues(
                    $"PA-{d.Code}-{(i + 1).ToString("00", CultureInfo.InvariantCulture)}",
                    string.Format(CultureInfo.InvariantCulture, Names.ActionItems[(first + i) % Names.ActionItems.Length], d.Name),
                    null, null)).ToList(),
                [], names);
        }).ToList();
        db.AddRange([national, strategic, .. actions]);
        await db.SaveChangesAsync();
        static (int, string) Choice(InstitutionalPlan p, PlanItem i) => (i.Id, PlanItem.Label(p.Kind, i.Code, i.Name));
        planChoices[period.Id] = new PlanChoices(
            actions.ToDictionary(p => p.DependencyId!.Value, p => p.Items.Select(i => Choice(p, i)).ToList()),
            strategic.Items.Select(i => Choice(strategic, i)).ToList());
        Count($"Plan items {period.Year}", national.Items.Count + strategic.Items.Count + actions.Sum(p => p.Items.Count));
    }

    private List<GoalProgress> FirstProgress(Evaluation e) => e.OrderedGoals.Select(g => new GoalProgress
    {
        FollowUp = 1,
        GoalNumber = g.Number,
        AchievedPercent = Math.Clamp(g.AgreedFirstFollowUpPercent + rng.Next(-20, 11), 0, 100),
        Narrative = Pick(Names.FirstNarratives),
    }).ToList();

    private List<GoalProgress> SecondProgress(Evaluation e, Profile profile) => e.OrderedGoals.Select((g, i) => new GoalProgress
    {
        FollowUp = 2,
        GoalNumber = g.Number,
        AchievedPercent = Math.Clamp(profile.Achieved[i % profile.Achieved.Length] + rng.Next(-3, 4), 0, 100),
        Narrative = Pick(Names.SecondNarratives),
    }).ToList();

    private static List<CompetencyScore> Ratings(IReadOnlyList<string> applicable, Profile profile) => applicable.Select((c, i) => new CompetencyScore
    {
        Competency = c,
        Value = profile.OneLow && i == 1 ? 2 : profile.Rating == 3 && i % 3 == 0 ? 4 : profile.Rating,
    }).ToList();

    private static void Must(Outcome outcome, string what)
    {
        if (!outcome.Succeeded)
            throw new InvalidOperationException($"{what}: {string.Join(" ", outcome.Errors.Select(e => e.Message))}");
    }

    /// <summary>The year before, every evaluation finalized, and who of it requires an improvement plan (the period still open).</summary>
    private async Task<(Period Period, List<PlanCandidate> Candidates)> PreviousPeriodAsync()
    {
        var year = options.Year - 1;
        var period = Period.CreateWithDefaults(year);
        Must(period.Open(), "open previous period");
        using (var scope = services.CreateScope())
        {
            var db = NewContext(scope);
            db.Periods.Add(period);
            await db.SaveChangesAsync();
        }
        await CreateInstitutionalPlansAsync(period);

        var endOfYear = new DateOnly(year, 12, 31);
        var policy = new ScoringPolicy(period.Settings);
        var evaluations = new List<Evaluation>();
        var candidates = new List<PlanCandidate>();
        EvaluationContext On(DateOnly day, DateOnly hire) =>
            new(day, day.ToDateTime(new TimeOnly(13, rng.Next(0, 60)), DateTimeKind.Utc), period, hire);

        foreach (var p in people)
        {
            var s = p.S;
            if (s.HireDate > new DateOnly(year, 9, 30) || !s.EligibilityOn(endOfYear).IsEligible) continue;
            if (s.BossId is not { } bossId || !byId.TryGetValue(bossId, out var boss) || boss.S.IsRetired(endOfYear)) continue;
            var applicable = catalogue.Applicable(s.Level, s.HasStaff);
            var profile = Pick(Profiles);
            var e = Evaluation.Open(period.Id, s.Id, bossId, new DateTime(year, 1, 15, 14, 0, 0, DateTimeKind.Utc));
            var me = p.Actor;
            var jefe = boss.Actor;
            var goalDay = On(new DateOnly(year, 2, rng.Next(2, 28)), s.HireDate);
            var firstDay = On(new DateOnly(year, 6, rng.Next(2, 28)), s.HireDate);
            var secondDay = On(new DateOnly(year + 1, 2, rng.Next(2, 28)), s.HireDate);
            Must(e.SubmitGoals(me, NewGoals(period, s.DependencyId, 6), goalDay), "previous goals");
            Must(e.ApproveGoals(jefe, goalDay, "Metas acordes con el plan de acción."), "previous approval");
            Must(e.AcceptGoals(me, goalDay), "previous acceptance");
            Must(e.SubmitSelfEvaluation(me, 1, FirstProgress(e), firstDay), "previous follow-up I");
            Must(e.ApproveSelfEvaluation(jefe, 1, firstDay), "previous follow-up I approval");
            Must(e.AcceptSelfEvaluation(me, firstDay), "previous follow-up I acceptance");
            Must(e.SubmitSelfEvaluation(me, 2, SecondProgress(e, profile), secondDay), "previous follow-up II");
            Must(e.ApproveSelfEvaluation(jefe, 2, secondDay), "previous follow-up II approval");
            Must(e.RateCompetencies(jefe, Ratings(applicable, profile), applicable, secondDay), "previous competencies");
            Must(e.AcceptFinal(me, secondDay), "previous final acceptance");
            e.Version = NextGuid();
            evaluations.Add(e);
            var reasons = ImprovementRule.Assess(policy.Score(e).Final, e.Competencies, period.Settings);
            if (reasons.Count > 0) candidates.Add(new PlanCandidate(e, reasons.Select(r => r.Text).ToList(), applicable));
        }
        await SaveInBatchesAsync(evaluations);
        Count($"Evaluations {year} (finalized)", evaluations.Count);
        Count($"Evaluations {year} requiring an improvement plan", candidates.Count);
        return (period, candidates);
    }

    private async Task ClosePeriodAsync(int periodId)
    {
        using var scope = services.CreateScope();
        var db = NewContext(scope);
        var stored = await db.Periods.FirstAsync(x => x.Id == periodId);
        Must(stored.Close(), "close previous period");
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
    }

    private async Task CreatePlansAsync(Period period, List<PlanCandidate> candidates)
    {
        // A few plans, one of each status in turn; the rest of the people the rule lists stay without a plan row.
        var th = people.First(p => p.Role == EgiRoles.TalentoHumano);
        var thActor = new PlanActor(th.S.Id, th.S.FullName, true);
        var take = Math.Min(candidates.Count, Math.Max(12, options.Servants / 100));
        var plans = new List<ImprovementPlan>();
        var at = new DateTime(options.Year, 3, 2, 14, 0, 0, DateTimeKind.Utc);
        foreach (var (c, i) in candidates.OrderBy(_ => rng.Next()).Take(take).Select((c, i) => (c, i)))
        {
            var e = c.E;
            var (created, outcome) = ImprovementPlan.Create(period, e.EvaluadoId, e.Id, e.EvaluatorId, c.Reasons, at);
            Must(outcome, "plan");
            var plan = created!;
            var servant = new PlanActor(e.EvaluadoId, byId[e.EvaluadoId].S.FullName);
            var boss = new PlanActor(e.EvaluatorId, byId[e.EvaluatorId].S.FullName);
            var status = (PlanStatus)(i % 6);
            if (status >= PlanStatus.FormatSent) Must(plan.MarkFormatSent(period, thActor, at), "format");
            if (status >= PlanStatus.Filling)
            {
                var low = e.Competencies.Where(x => x.Value < 3).Select(x => x.Competency).FirstOrDefault();
                var aspect = new PlanAspect
                {
                    GoalNumber = low is null ? e.OrderedGoals[0].Number : null,
                    Competency = low,
                    Aspect = low is null ? "Cumplimiento de la meta en los plazos pactados" : $"Fortalecer la competencia «{low}»",
                    Actions = "Reuniones quincenales de seguimiento con el jefe y plan de trabajo semanal.",
                    ExpectedResult = "Productos entregados a tiempo y con la calidad esperada.",
                    Responsible = byId[e.EvaluadoId].S.FullName,
                    StartDate = new DateOnly(options.Year, 3, 15),
                    EndDate = new DateOnly(options.Year, 9, 30),
                    Resources = "Tiempo del equipo y acompañamiento de Talento Humano.",
                };
                Must(plan.SaveAspects(period, boss, [aspect], e.OrderedGoals.Select(g => g.Number).ToList(), c.Competencies, at.AddDays(7)), "aspects");
            }
            if (status >= PlanStatus.Agreed)
            {
                Must(plan.Confirm(period, boss, at.AddDays(8)), "boss confirms");
                Must(plan.Confirm(period, servant, at.AddDays(9)), "servant confirms");
            }
            if (status >= PlanStatus.FollowUp)
                Must(plan.AddFollowUp(period, boss, new DateOnly(options.Year, 6, 30), status == PlanStatus.Closed ? 100 : 60,
                    "Avance conforme al plan; se mantienen las reuniones de seguimiento.", today, at.AddDays(120)), "follow-up");
            if (status == PlanStatus.Closed) Must(plan.Close(period, boss, at.AddDays(120).AddHours(1)), "close plan");
            plan.Version = NextGuid();
            plans.Add(plan);
            Count($"Improvement plans: {status.Label()}");
        }
        await SaveInBatchesAsync(plans);
    }

    // Target states of the open period's evaluations, with their weights (percent of the eligible servants).
    private static readonly (string Name, EvaluationState State, int Weight)[] Targets =
    [
        ("formulation, untouched", EvaluationState.GoalFormulation, 6),
        ("formulation, draft saved", EvaluationState.GoalFormulation, 4),
        ("formulation, after a rejection", EvaluationState.GoalFormulation, 2),
        ("goal approval", EvaluationState.GoalApproval, 10),
        ("goal acceptance (approved)", EvaluationState.GoalAcceptance, 5),
        ("goal acceptance (modified)", EvaluationState.GoalAcceptance, 2),
        ("self-evaluation I", EvaluationState.SelfEvaluationI, 12),
        ("self-evaluation I approval", EvaluationState.SelfEvaluationIApproval, 8),
        ("self-evaluation I acceptance", EvaluationState.SelfEvaluationIAcceptance, 5),
        ("self-evaluation II", EvaluationState.SelfEvaluationII, 12),
        ("self-evaluation II approval", EvaluationState.SelfEvaluationIIApproval, 8),
        ("competency rating", EvaluationState.CompetencyRating, 7),
        ("final acceptance", EvaluationState.FinalAcceptance, 6),
        ("finalized", EvaluationState.Finalized, 13),
    ];

    private int RollTarget()
    {
        var x = rng.Next(Targets.Sum(t => t.Weight));
        for (var i = 0; i < Targets.Length; i++)
        {
            if (x < Targets[i].Weight) return i;
            x -= Targets[i].Weight;
        }
        return 0;
    }

    private async Task<List<Generated>> OpenCurrentPeriodAsync()
    {
        var year = options.Year;
        var period = Period.CreateWithDefaults(year);
        var start = Max(new DateOnly(year, 1, 1), today.AddDays(-30));
        var end = Min(new DateOnly(year + 1, 12, 31), today.AddDays(30));
        if (!(start < today && today < end))
            throw new InvalidOperationException($"--year {year}: today ({today:yyyy-MM-dd}) must fall between 1 January {year} and 31 December {year + 1}.");
        // As DemoScenario: every evaluation step open around today, so that each step has people in it.
        var windowErrors = period.SetWindows(period.Windows
            .Select(w => w.Stage is Stage.GoalSetting or Stage.FirstFollowUp or Stage.SecondFollowUp ? w with { Start = start, End = end } : w)
            .ToList());
        if (windowErrors.Count > 0) throw new InvalidOperationException(string.Join(" ", windowErrors.Select(e => e.Message)));
        Must(period.Open(), "open period");
        using (var scope = services.CreateScope())
        {
            var db = NewContext(scope);
            db.Periods.Add(period);
            await db.SaveChangesAsync();
        }
        await CreateInstitutionalPlansAsync(period);

        var opened = start.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
        foreach (var t in Targets) Count($"Evaluations {year}: {t.Name}", 0);
        var generated = new List<Generated>();
        var evidence = new Dictionary<Evaluation, List<EvidenceItem>>();
        foreach (var p in people)
        {
            var s = p.S;
            if (!s.EligibilityOn(today).IsEligible) continue;
            if (s.BossId is not { } bossId || !byId.TryGetValue(bossId, out var boss) || boss.S.IsRetired(today)) continue;
            var e = Evaluation.Open(period.Id, s.Id, bossId, opened);
            var target = RollTarget();
            Advance(e, target, p, boss, period, evidence);
            e.Version = NextGuid();
            generated.Add(new Generated(e, target));
            Count($"Evaluations {year}: {Targets[target].Name}");
        }

        // The evidence is part of each evaluation (attached through it): saved with it.
        await SaveInBatchesAsync(generated.Select(g => g.E).ToList());
        return generated;
    }

    /// <summary>Takes an evaluation of the open period to its target through the domain, one step every day or two.</summary>
    private void Advance(Evaluation e, int target, Person me, Person boss, Period period, Dictionary<Evaluation, List<EvidenceItem>> evidence)
    {
        var day = period.Window(Stage.GoalSetting).Start.AddDays(rng.Next(0, 4));
        EvaluationContext Next()
        {
            day = Min(today, day.AddDays(rng.Next(0, 3)));
            var at = day.ToDateTime(new TimeOnly(rng.Next(8, 18), rng.Next(0, 60)), DateTimeKind.Utc);
            return new EvaluationContext(day, at < now ? at : now.AddMinutes(-rng.Next(5, 600)), period, me.S.HireDate);
        }
        var ev = me.Actor;
        var jefe = boss.Actor;
        var state = Targets[target].State;
        var goals = NewGoals(period, me.S.DependencyId, today.Month);
        var profile = Pick(Profiles);

        switch (target)
        {
            case 0:
                return;
            case 1:
                Must(e.SaveGoals(ev, [goals[0] with { Weight = 0 }], Next()), "draft goals");
                return;
            case 2:
                Must(e.SubmitGoals(ev, goals, Next()), "goals");
                Must(e.RejectGoals(jefe, "Las metas deben reflejar los compromisos del plan de acción de la dependencia.", Next()), "reject goals");
                return;
        }
        Must(e.SubmitGoals(ev, goals, Next()), "goals");
        if (state == EvaluationState.GoalApproval) return;
        if (target == 5)
        {
            var modified = e.OrderedGoals.Select(g => g.Number switch
            {
                1 => g with { Weight = g.Weight + 10 },
                2 => g with { Weight = g.Weight - 10 },
                _ => g,
            }).ToList();
            Must(e.ModifyGoals(jefe, modified, new Dictionary<string, string>
            {
                [FieldChange.Key(1, nameof(Goal.Weight))] = "Es la prioridad de la dependencia este año.",
                [FieldChange.Key(2, nameof(Goal.Weight))] = "Se ajusta para que la suma siga siendo 100 %.",
            }, Next()), "modify goals");
            return;
        }
        Must(e.ApproveGoals(jefe, Next(), Chance(0.3) ? "De acuerdo con lo conversado." : null), "approve goals");
        if (state == EvaluationState.GoalAcceptance) return;
        Must(e.AcceptGoals(ev, Next()), "accept goals");
        if (state == EvaluationState.SelfEvaluationI)
        {
            if (Chance(0.4)) Must(e.SaveSelfEvaluation(ev, 1, FirstProgress(e).Take(1).ToList(), Next()), "draft follow-up I");
            return;
        }
        var ctx = Next();
        var first = FirstProgress(e);
        AddEvidence(e, ev, me, ctx, evidence);
        Must(e.SubmitSelfEvaluation(ev, 1, first, ctx), "follow-up I");
        SentWith(e, evidence);
        if (state == EvaluationState.SelfEvaluationIApproval) return;
        Must(e.ApproveSelfEvaluation(jefe, 1, Next()), "approve follow-up I");
        if (state == EvaluationState.SelfEvaluationIAcceptance) return;
        Must(e.AcceptSelfEvaluation(ev, Next()), "accept follow-up I");
        if (state == EvaluationState.SelfEvaluationII)
        {
            if (Chance(0.4)) Must(e.SaveSelfEvaluation(ev, 2, SecondProgress(e, profile).Take(1).ToList(), Next()), "draft follow-up II");
            return;
        }
        ctx = Next();
        var second = SecondProgress(e, profile);
        AddEvidence(e, ev, me, ctx, evidence);
        Must(e.SubmitSelfEvaluation(ev, 2, second, ctx), "follow-up II");
        SentWith(e, evidence);
        if (state == EvaluationState.SelfEvaluationIIApproval) return;
        Must(e.ApproveSelfEvaluation(jefe, 2, Next(), Chance(0.3) ? "Buen año de trabajo." : null), "approve follow-up II");
        if (state == EvaluationState.CompetencyRating) return;
        var applicable = catalogue.Applicable(me.S.Level, me.S.HasStaff);
        Must(e.RateCompetencies(jefe, Ratings(applicable, profile), applicable, Next()), "rate competencies");
        if (state == EvaluationState.FinalAcceptance) return;
        Must(e.AcceptFinal(ev, Next()), "accept final");
    }

    /// <summary>The evaluado attaches links to the self-evaluation in course, through the evaluation (saved with it).</summary>
    private void AddEvidence(Evaluation e, Actor ev, Person me, EvaluationContext ctx, Dictionary<Evaluation, List<EvidenceItem>> evidence)
    {
        if (!evidence.TryGetValue(e, out var items)) evidence[e] = items = [];
        var followUp = e.State == EvaluationState.SelfEvaluationII ? 2 : 1;
        foreach (var g in e.OrderedGoals.Take(Chance(0.5) ? 2 : 1))
        {
            var url = $"https://intranet.{Domain}/evidencias/{options.Year}/{me.S.DocumentNumber}/seguimiento-{followUp}/meta-{g.Number}";
            var item = EvidenceItem.Link(g.Number, url, me.S.FullName, ctx.Now);
            Must(e.AttachEvidence(ev, item, ctx), "evidence");
            items.Add(item);
            Count("Evidence links");
        }
    }

    /// <summary>The draft's evidence went with the version just sent.</summary>
    private static void SentWith(Evaluation e, Dictionary<Evaluation, List<EvidenceItem>> evidence)
    {
        foreach (var item in evidence.GetValueOrDefault(e, []).Where(i => i.IsDraft)) item.MarkSentWith(e.Versions[^1].Sequence);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    // ------------------------------------------------------------------------------------------------ output

    private async Task WriteSamplesAsync(List<Generated> generated)
    {
        Person Of(int id) => byId[id];
        // Evaluados with something to do, spread over the states that wait on them.
        var evaluados = generated.Where(g => g.E.WaitingOn == WaitingOn.Evaluado && g.Target != 0)
            .GroupBy(g => g.E.State).SelectMany(grp => grp.Select((g, i) => (g, i))).OrderBy(x => x.i).ThenBy(x => x.g.E.State)
            .Select(x => x.g).Take(64).ToList();
        foreach (var g in evaluados) samples.Add(("evaluado", Of(g.E.EvaluadoId), g.E.Id, g.E.State.ToString()));

        // Jefes with evaluations to approve or rate, the busiest first within each tier, tiers taken in turn.
        var jefes = generated.Where(g => g.E.WaitingOn == WaitingOn.Evaluator).GroupBy(g => g.E.EvaluatorId)
            .Select(grp => (Boss: Of(grp.Key), First: grp.OrderBy(g => g.E.Id).First(), Count: grp.Count()))
            .GroupBy(j => j.Boss.Tier).SelectMany(t => t.OrderByDescending(j => j.Count).ThenBy(j => j.Boss.S.Id).Select((j, i) => (j, i)))
            .OrderBy(x => x.i).ThenBy(x => x.j.Boss.Tier).Select(x => x.j).Take(64).ToList();
        foreach (var (boss, first, n) in jefes) samples.Add(("jefe", boss, first.E.Id, $"{n} to act on"));

        foreach (var p in people.Where(p => p.Role == EgiRoles.TalentoHumano)) samples.Add(("talento_humano", p, null, ""));
        foreach (var p in people.Where(p => p.Role == EgiRoles.Planeacion)) samples.Add(("planeacion", p, null, ""));
        foreach (var p in people.Where(p => p.Role == EgiRoles.Consulta)) samples.Add(("consulta", p, null, ""));

        // For the write mix: untouched goal formulations (the evaluado submits) and goals waiting for approval (the jefe approves).
        var taken = evaluados.Select(g => g.E.Id).ToHashSet();
        foreach (var g in generated.Where(g => g.Target == 0 && !taken.Contains(g.E.Id)))
            samples.Add(("evaluado_submit", Of(g.E.EvaluadoId), g.E.Id, g.E.State.ToString()));
        foreach (var g in generated.Where(g => g.E.State == EvaluationState.GoalApproval))
            samples.Add(("jefe_approve", Of(g.E.EvaluatorId), g.E.Id, g.E.State.ToString()));

        var file = Path.Combine(options.Out, "accounts.tsv");
        var sb = new StringBuilder("role\temail\tevaluation_id\tnote\tservant_id\tname\n");
        foreach (var (role, who, id, note) in samples)
            sb.Append(CultureInfo.InvariantCulture, $"{role}\t{who.S.Email}\t{id}\t{note}\t{who.S.Id}\t{who.S.FullName}\n");
        await File.WriteAllTextAsync(file, sb.ToString());

        Console.WriteLine();
        Console.WriteLine($"Sample accounts (password {options.Password}), all of them in {file}:");
        foreach (var role in new[] { "evaluado", "jefe", "talento_humano", "planeacion", "consulta" })
        {
            var list = samples.Where(x => x.Role == role).ToList();
            Console.WriteLine($"  {role} ({list.Count}):");
            foreach (var (_, who, id, note) in list.Take(4))
                Console.WriteLine($"    {who.S.Email,-44} {(id is null ? "" : $"evaluation {id}")} {note}");
        }
        Console.WriteLine($"  evaluado_submit: {samples.Count(x => x.Role == "evaluado_submit")}, jefe_approve: {samples.Count(x => x.Role == "jefe_approve")} (write mix)");
    }

    private async Task PrintSummaryAsync()
    {
        using var scope = services.CreateScope();
        var db = NewContext(scope);
        Count("Audit lines (table total)", await db.AuditEntries.CountAsync());
        Console.WriteLine();
        Console.WriteLine("Created:");
        foreach (var (what, n) in counts) Console.WriteLine($"  {what,-56} {n,7}");
    }
}
