using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Data;

/// <summary>
/// The demo entity: 7 dependencias, 40 servants of every nivel and tipo de vinculación, their
/// accounts, and one account each for Talento Humano, Planeación and Consulta. Idempotent.
/// </summary>
public static class DemoData
{
    public const string Domain = "egi-demo.gov.co";
    public const string TalentoHumanoEmail = "talento.humano@" + Domain;
    public const string PlaneacionEmail = "planeacion@" + Domain;
    public const string ConsultaEmail = "control.interno@" + Domain;

    private static readonly (string Code, string Name, string? Parent)[] Dependencies =
    [
        ("100", "Dirección General", null),
        ("110", "Oficina Asesora de Planeación", "100"),
        ("200", "Secretaría General", "100"),
        ("210", "Grupo Interno de Trabajo de Gestión del Talento Humano", "200"),
        ("300", "Subdirección de Energía", "100"),
        ("310", "Grupo Interno de Trabajo de Información", "300"),
        ("400", "Subdirección de Minería", "100"),
    ];

    private sealed record Row(int N, string Doc, string First, string Last, string Title, string Code, string Grade,
        HierarchyLevel Level, string Dep, EmploymentType Type, int? Boss, bool Staff = false, bool Manager = false,
        string Hire = "2019-02-01", string? Retired = null, string? Email = null);

    private const EmploymentType Prov = EmploymentType.Provisional;
    private const EmploymentType Lnr = EmploymentType.FreeAppointment;
    private const EmploymentType Car = EmploymentType.Career;
    private const HierarchyLevel Dir = HierarchyLevel.Directivo;
    private const HierarchyLevel Ase = HierarchyLevel.Asesor;
    private const HierarchyLevel Pro = HierarchyLevel.Profesional;
    private const HierarchyLevel Tec = HierarchyLevel.Tecnico;
    private const HierarchyLevel Asi = HierarchyLevel.Asistencial;

    private static readonly Row[] Servants =
    [
        new(1, "79512340", "Andrés Felipe", "Rodríguez Mejía", "Director General", "0015", "25", Dir, "100", Lnr, null, Staff: true, Manager: true, Hire: "2022-08-16"),
        new(2, "52301987", "Claudia Patricia", "Gómez Ruiz", "Asesor", "1020", "15", Ase, "100", Lnr, 1, Hire: "2022-09-01"),
        new(3, "1020456789", "Juan Sebastián", "Pardo Díaz", "Asesor", "1020", "12", Ase, "100", Prov, 1, Hire: "2023-03-13"),
        new(4, "41678234", "María Eugenia", "Castro León", "Secretario Ejecutivo", "4210", "24", Asi, "100", Car, 1, Hire: "2005-06-01"),
        new(5, "80234561", "Carlos Alberto", "Suárez Pinto", "Jefe de Oficina Asesora de Planeación", "1045", "16", Ase, "110", Lnr, 1, Staff: true, Hire: "2021-02-15", Email: PlaneacionEmail),
        new(6, "1032412876", "Laura Marcela", "Herrera Ortiz", "Profesional Especializado", "2028", "19", Pro, "110", Prov, 5, Hire: "2020-07-01"),
        new(7, "52876123", "Diana Carolina", "Moreno Silva", "Profesional Universitario", "2044", "11", Pro, "110", Car, 5, Hire: "2012-04-16"),
        new(8, "1014234987", "Jhon Fredy", "Ramírez Cruz", "Técnico Administrativo", "3124", "16", Tec, "110", Prov, 5, Hire: "2021-10-04"),
        new(9, "19456321", "Gustavo Adolfo", "Ochoa Vargas", "Secretario General", "0037", "22", Dir, "200", Lnr, 1, Staff: true, Hire: "2022-08-22"),
        new(10, "1019087654", "Paola Andrea", "Jiménez Rojas", "Profesional Especializado", "2028", "17", Pro, "200", Prov, 9, Hire: "2019-05-02"),
        new(11, "1023987456", "Kevin Alexander", "Torres Muñoz", "Auxiliar Administrativo", "4044", "18", Asi, "200", Prov, 9, Hire: "2022-01-17"),
        new(12, "79654123", "José Vicente", "Rincón Beltrán", "Conductor Mecánico", "4103", "15", Asi, "200", Car, 9, Hire: "2008-03-03"),
        new(13, "51987654", "Martha Lucía", "Peña Acosta", "Profesional Especializado (coordinación)", "2028", "21", Pro, "210", Prov, 9, Staff: true, Hire: "2018-09-10"),
        new(14, "52678901", "Sandra Milena", "López Quintero", "Profesional Especializado", "2028", "19", Pro, "210", Car, 13, Hire: "2011-02-01", Email: TalentoHumanoEmail),
        new(15, "1018456123", "Natalia", "Ríos Cárdenas", "Profesional Universitario", "2044", "08", Pro, "210", Prov, 13, Hire: "2023-08-01"),
        new(16, "1030567432", "Óscar Iván", "Mendoza Parra", "Técnico Administrativo", "3124", "14", Tec, "210", Prov, 13, Hire: "2020-02-17"),
        new(17, "39765432", "Luz Dary", "Cifuentes Gil", "Secretario", "4178", "14", Asi, "210", Car, 13, Hire: "2003-11-18"),
        new(18, "80123987", "Felipe Antonio", "Navarro Restrepo", "Subdirector de Energía", "0150", "21", Dir, "300", Lnr, 1, Staff: true, Hire: "2022-10-03"),
        new(19, "1016789012", "Ana María", "Vélez Arango", "Asesor", "1020", "14", Ase, "300", Lnr, 18, Hire: "2023-01-16"),
        new(20, "1026345678", "Santiago", "Bermúdez Gil", "Profesional Especializado", "2028", "23", Pro, "300", Prov, 18, Hire: "2017-06-13"),
        new(21, "1022345987", "Camila Andrea", "Salazar Nieto", "Profesional Especializado", "2028", "19", Pro, "300", Prov, 18, Hire: "2021-03-01"),
        new(22, "79987123", "Hernán Darío", "Cortés Lozano", "Profesional Universitario", "2044", "11", Pro, "300", Car, 18, Hire: "2010-08-09"),
        new(23, "1031234567", "Brayan Stiven", "Guzmán Rojas", "Técnico Administrativo", "3124", "16", Tec, "300", Prov, 18, Hire: "2022-05-02"),
        new(24, "53123456", "Adriana Marcela", "Forero Cano", "Profesional Especializado (coordinación)", "2028", "22", Pro, "310", Prov, 18, Staff: true, Hire: "2016-01-18"),
        new(25, "1024567890", "Daniel Esteban", "Quiroga Mora", "Profesional Especializado", "2028", "17", Pro, "310", Prov, 24, Hire: "2021-09-06"),
        new(26, "1015678234", "Valentina", "Rueda Camacho", "Profesional Universitario", "2044", "09", Pro, "310", Prov, 24, Hire: "2024-02-05"),
        new(27, "80567234", "Édgar Mauricio", "Pulido Vega", "Técnico Operativo", "3132", "12", Tec, "310", Car, 24, Hire: "2009-07-21"),
        new(28, "1033456712", "Leidy Johana", "Caicedo Ríos", "Auxiliar Administrativo", "4044", "14", Asi, "310", Prov, 24, Hire: "2023-06-13"),
        new(29, "71234567", "Ricardo León", "Zapata Henao", "Subdirector de Minería", "0150", "21", Dir, "400", Lnr, 1, Staff: true, Hire: "2022-09-19"),
        new(30, "43123987", "Beatriz Elena", "Montoya Uribe", "Asesor", "1020", "13", Ase, "400", Lnr, 29, Hire: "2023-02-06"),
        new(31, "1037654321", "Mateo", "Arbeláez Correa", "Profesional Especializado", "2028", "19", Pro, "400", Prov, 29, Hire: "2020-11-03"),
        new(32, "1020765432", "Juliana", "Ospina Duque", "Profesional Especializado", "2028", "17", Pro, "400", Prov, 29, Hire: "2019-08-20"),
        new(33, "1017234890", "Cristian Camilo", "Marín Sierra", "Profesional Universitario", "2044", "11", Pro, "400", Prov, 29, Hire: "2022-03-22"),
        new(34, "52234876", "Gloria Inés", "Patiño Rivas", "Profesional Universitario", "2044", "08", Pro, "400", Car, 29, Hire: "2007-10-01"),
        new(35, "1025876543", "Wilson", "Benítez Largo", "Técnico Administrativo", "3124", "16", Tec, "400", Prov, 29, Hire: "2021-04-05"),
        new(36, "1012987654", "Yuly Andrea", "Sánchez Pérez", "Secretario", "4178", "16", Asi, "400", Prov, 29, Hire: "2022-07-11"),
        new(37, "1027345123", "Tatiana", "Galeano Franco", "Profesional Especializado", "2028", "19", Pro, "400", EmploymentType.Temporary, 29, Hire: "2026-02-02"),
        new(38, "1021654987", "Fabián Andrés", "Rojas Vanegas", "Técnico Administrativo", "3124", "12", Tec, "400", Prov, 29, Hire: "2018-03-05", Retired: "2026-08-31"),
        new(39, "1034987123", "Sara Lucía", "Mejía Toro", "Profesional Universitario", "2044", "08", Pro, "310", Prov, 24, Hire: "2026-11-03"),
        new(40, "1029876345", "Miguel Ángel", "Duarte Lara", "Profesional Especializado", "2028", "15", Pro, "200", Lnr, 9, Hire: "2024-04-15"),
    ];

    /// <summary>Demo accounts worth printing at start-up: (what, e-mail).</summary>
    public static IReadOnlyList<(string Who, string Email)> Accounts { get; } =
    [
        ("Talento Humano", TalentoHumanoEmail),
        ("Planeación (también jefe)", PlaneacionEmail),
        ("Consulta (Control Interno)", ConsultaEmail),
        ("Jefe (Subdirector de Energía)", EmailOf(Servants[17])),
        ("Evaluado (Profesional Especializado)", EmailOf(Servants[20])),
    ];

    public static string EmailOf(int n) => EmailOf(Servants[n - 1]);

    private static string EmailOf(Row r) => r.Email ?? $"{Slug(r.First.Split(' ')[0])}.{Slug(r.Last.Split(' ')[0])}@{Domain}";

    private static string Slug(string s) => DirectoryLabels.Normalize(s).Replace(' ', '.');

    public static async Task SeedAsync(EgiDbContext db, UserManager<AppUser> users, string password, int periodYear, CancellationToken ct = default)
    {
        var deps = await db.Dependencies.ToDictionaryAsync(d => d.Code, ct);
        foreach (var (code, name, parent) in Dependencies)
        {
            if (deps.ContainsKey(code)) continue;
            var d = new Dependency { Code = code, Name = name, ParentId = parent is null ? null : deps[parent].Id };
            db.Dependencies.Add(d);
            await db.SaveChangesAsync(ct);
            deps[code] = d;
        }

        var byN = new Dictionary<int, Servant>();
        var existing = await db.Servants.ToDictionaryAsync(s => s.DocumentNumber, ct);
        foreach (var r in Servants)
        {
            if (!existing.TryGetValue(r.Doc, out var s))
            {
                s = new Servant();
                s.Apply(new ServantInput
                {
                    DocumentNumber = r.Doc,
                    FirstNames = r.First,
                    LastNames = r.Last,
                    Email = EmailOf(r),
                    JobTitle = r.Title,
                    JobCode = r.Code,
                    JobGrade = r.Grade,
                    Level = r.Level,
                    DependencyId = deps[r.Dep].Id,
                    EmploymentType = r.Type,
                    HireDate = DateOnly.Parse(r.Hire, System.Globalization.CultureInfo.InvariantCulture),
                    RetirementDate = r.Retired is null ? null : DateOnly.Parse(r.Retired, System.Globalization.CultureInfo.InvariantCulture),
                    BossId = r.Boss is { } b ? byN[b].Id : null,
                    HasStaff = r.Staff,
                    IsPublicManager = r.Manager,
                });
                db.Servants.Add(s);
                await db.SaveChangesAsync(ct);
            }
            byN[r.N] = s;
            await EnsureAccountAsync(users, s.Email, s.FullName, s.Id, password);
        }

        await EnsureAccountAsync(users, ConsultaEmail, "Oficina de Control Interno", null, password);
        await EnsureRoleAsync(users, TalentoHumanoEmail, EgiRoles.TalentoHumano);
        await EnsureRoleAsync(users, PlaneacionEmail, EgiRoles.Planeacion);
        await EnsureRoleAsync(users, ConsultaEmail, EgiRoles.Consulta);

        if (!await db.Periods.AnyAsync(p => p.Year == periodYear, ct))
        {
            db.Periods.Add(Period.CreateWithDefaults(periodYear));
            await db.SaveChangesAsync(ct);
        }
        await DemoPlans.SeedAsync(db, periodYear, ct);
    }

    private static async Task EnsureAccountAsync(UserManager<AppUser> users, string email, string name, int? servantId, string password)
    {
        if (await users.FindByEmailAsync(email) is not null) return;
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, ServantId = servantId };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Demo account {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }

    private static async Task EnsureRoleAsync(UserManager<AppUser> users, string email, string role)
    {
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No demo account {email}");
        if (!await users.IsInRoleAsync(user, role)) await users.AddToRoleAsync(user, role);
    }
}
