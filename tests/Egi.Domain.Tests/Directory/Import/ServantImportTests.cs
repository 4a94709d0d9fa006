using Egi.Domain.Directory;
using Egi.Domain.Directory.Import;

namespace Egi.Domain.Tests.Directory.Import;

public class ServantImportTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static readonly string[] Header =
    [
        "Número de documento", "Nombres", "Apellidos", "Correo institucional", "Denominación del empleo", "Código", "Grado",
        "Nivel jerárquico", "Dependencia", "Tipo de vinculación", "Fecha de ingreso", "Fecha de retiro",
        "Documento del jefe inmediato", "Tiene personal a cargo", "Es gerente público",
    ];

    private readonly List<Dependency> dependencies =
    [
        new() { Id = 1, Code = "100", Name = "Dirección General" },
        new() { Id = 3, Code = "300", Name = "Subdirección de Energía", ParentId = 1 },
        new() { Id = 9, Code = "900", Name = "Grupo Antiguo", ParentId = 1, Active = false },
    ];

    private readonly List<Servant> servants =
    [
        Servant(1, "79512340", "Andrés Felipe", "Rodríguez Mejía", "andres.rodriguez@entidad.gov.co", 1, null, HierarchyLevel.Directivo),
        Servant(2, "80123987", "Felipe Antonio", "Navarro Restrepo", "felipe.navarro@entidad.gov.co", 3, 1, HierarchyLevel.Directivo),
        Servant(3, "1022345987", "Camila Andrea", "Salazar Nieto", "camila.salazar@entidad.gov.co", 3, 2, HierarchyLevel.Profesional),
        Servant(4, "1021654987", "Fabián Andrés", "Rojas Vanegas", "fabian.rojas@entidad.gov.co", 3, 2, HierarchyLevel.Tecnico, retired: new DateOnly(2026, 8, 31)),
    ];

    private static Servant Servant(int id, string doc, string first, string last, string email, int dependency, int? boss, HierarchyLevel level, DateOnly? retired = null) => new()
    {
        Id = id,
        DocumentNumber = doc,
        FirstNames = first,
        LastNames = last,
        Email = email,
        JobTitle = "Profesional Especializado",
        JobCode = "2028",
        JobGrade = "19",
        Level = level,
        DependencyId = dependency,
        EmploymentType = EmploymentType.Provisional,
        HireDate = new DateOnly(2021, 3, 1),
        RetirementDate = retired,
        BossId = boss,
    };

    /// <summary>A row with every column as the servant already is, to change one field at a time.</summary>
    private static string[] RowOf(Servant s, string dependencyCode, string? bossDoc) =>
    [
        s.DocumentNumber, s.FirstNames, s.LastNames, s.Email, s.JobTitle, s.JobCode, s.JobGrade, s.Level.Label(), dependencyCode,
        s.EmploymentType.Label(), s.HireDate.ToString("dd/MM/yyyy"), s.RetirementDate?.ToString("dd/MM/yyyy") ?? "", bossDoc ?? "",
        s.HasStaff ? "Sí" : "No", s.IsPublicManager ? "Sí" : "No",
    ];

    private static string[] NewRow(string doc, string first, string email, string boss = "", string dependency = "300", string hire = "01/02/2024") =>
        [doc, first, "Pérez Gómez", email, "Profesional Universitario", "2044", "8", "Profesional", dependency, "Provisional", hire, "", boss, "No", "No"];

    private ImportPlan Plan(params string[][] rows) => PlanWithHeader(Header, rows);

    private ImportPlan PlanWithHeader(string[] header, params string[][] rows)
    {
        var sheet = new List<SheetRow> { new(1, header) };
        for (var i = 0; i < rows.Length; i++) sheet.Add(new SheetRow(i + 2, rows[i]));
        return ServantImport.Plan(sheet, servants, dependencies, Today);
    }

    private static void AssertError(ImportPlan plan, int row, string column, string fragment)
    {
        Assert.Contains(plan.RowErrors, e => e.Row == row && e.Column == column && e.Message.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void The_person_importing_cannot_change_their_own_jefe_dependencia_or_vinculacion_but_may_change_the_rest_and_others()
    {
        ImportPlan AsCamila(params string[][] rows)
        {
            var sheet = new List<SheetRow> { new(1, Header) };
            for (var i = 0; i < rows.Length; i++) sheet.Add(new SheetRow(i + 2, rows[i]));
            return ServantImport.Plan(sheet, servants, dependencies, Today, editorServantId: 3);
        }

        var own = RowOf(servants[2], "100", "79512340");
        own[9] = "Libre nombramiento y remoción";
        var refused = AsCamila(own);
        Assert.False(refused.IsValid);
        AssertError(refused, 2, "Documento del jefe inmediato", "No puede cambiar el «Jefe inmediato» de su propio registro");
        AssertError(refused, 2, "Dependencia", "No puede cambiar la «Dependencia» de su propio registro");
        AssertError(refused, 2, "Tipo de vinculación", "No puede cambiar el «Tipo de vinculación» de su propio registro");
        AssertError(AsCamila(RowOf(servants[2], "300", null)), 2, "Documento del jefe inmediato", "No puede cambiar el «Jefe inmediato» de su propio registro");

        // Nor what decides her windows, her competencies or whether she is evaluated.
        var decisive = RowOf(servants[2], "300", "80123987");
        decisive[7] = "Asesor";
        decisive[10] = "01/06/2026";
        decisive[11] = "30/12/2026";
        decisive[13] = "Sí";
        decisive[14] = "Sí";
        var decided = AsCamila(decisive);
        AssertError(decided, 2, "Nivel jerárquico", "No puede cambiar el «Nivel jerárquico» de su propio registro");
        AssertError(decided, 2, "Fecha de ingreso", "No puede cambiar la «Fecha de ingreso» de su propio registro");
        AssertError(decided, 2, "Fecha de retiro", "No puede cambiar la «Fecha de retiro» de su propio registro");
        AssertError(decided, 2, "Tiene personal a cargo", "No puede cambiar «Tiene personal a cargo» de su propio registro");
        AssertError(decided, 2, "Es gerente público", "No puede cambiar «Es gerente público» de su propio registro");

        // Her other fields, and the same fields of someone else, she may change; so may anybody else her own.
        var grade = RowOf(servants[2], "300", "80123987");
        grade[6] = "22";
        var felipe = RowOf(servants[1], "100", "79512340");
        felipe[9] = "Libre nombramiento y remoción";
        var allowed = AsCamila(grade, felipe);
        Assert.True(allowed.IsValid, string.Join(" | ", allowed.RowErrors.Select(e => e.Message)));
        Assert.Equal(2, allowed.Updates.Count);
        Assert.True(Plan(own).IsValid);
    }

    [Fact]
    public void A_valid_file_plans_creations_updates_and_unchanged_rows()
    {
        var camila = RowOf(servants[2], "300", "80123987");
        camila[6] = "22";
        var plan = Plan(
            NewRow("1.030.111.222", "Ana María", "ana.perez@entidad.gov.co", boss: "80123987"),
            camila,
            RowOf(servants[1], "300", "79512340"));

        Assert.True(plan.IsValid, string.Join(" | ", plan.RowErrors.Select(e => e.Message)));
        var created = Assert.Single(plan.Creates);
        Assert.Equal("1030111222", created.Document);
        Assert.Equal("80123987", created.BossDocument);
        Assert.Equal("Felipe Antonio Navarro Restrepo (80123987)", created.BossLabel);
        Assert.Equal("2044", created.Input.JobCode);
        Assert.Equal("08", created.Input.JobGrade);
        Assert.Equal(3, created.Input.DependencyId);

        var updated = Assert.Single(plan.Updates);
        Assert.Equal(3, updated.ExistingId);
        Assert.Equal([new FieldChange("Grado", "19", "22")], updated.Changes);
        Assert.Equal(2, Assert.Single(plan.Unchanged).ExistingId);
    }

    [Fact]
    public void Bosses_resolve_within_the_file_whatever_the_order_of_the_rows()
    {
        var plan = Plan(
            NewRow("1000000002", "Luis", "luis@entidad.gov.co", boss: "1.000.000.001"),
            NewRow("1000000001", "Ana", "ana@entidad.gov.co", boss: "79512340", dependency: "Dirección general"));

        Assert.True(plan.IsValid, string.Join(" | ", plan.RowErrors.Select(e => e.Message)));
        Assert.Equal("1000000001", plan.Creates[0].BossDocument);
        Assert.Equal("Ana Pérez Gómez (1000000001)", plan.Creates[0].BossLabel);
        Assert.Equal(1, plan.Creates[1].Input.DependencyId);
    }

    [Fact]
    public void Every_problem_is_reported_by_row_and_column_and_nothing_is_planned()
    {
        var plan = Plan(
            NewRow("1000000001", "Ana", "ana@@entidad"),                             // 2: e-mail
            NewRow("1000000002", "Luis", "luis@entidad.gov.co", dependency: "999"),  // 3: dependencia
            NewRow("1000000003", "Eva", "eva@entidad.gov.co", hire: "31/02/2026"),   // 4: date
            NewRow("1000000003", "Otra", "otra@entidad.gov.co"),                     // 5: repeated document
            NewRow("1000000005", "Juan", "juan@entidad.gov.co", boss: "123456"),     // 6: unknown boss
            NewRow("1000000006", "Rosa", "rosa@entidad.gov.co", boss: "1000000007"), // 7: cycle
            NewRow("1000000007", "Luz", "luz@entidad.gov.co", boss: "1000000006"),   // 8: cycle
            NewRow("1000000008", "Pío", "ana@@entidad", boss: "1000000008"));        // 9: e-mail and self

        Assert.False(plan.IsValid);
        Assert.Empty(plan.Creates);
        AssertError(plan, 2, "Correo institucional", "no es un correo válido");
        AssertError(plan, 3, "Dependencia", "No existe una dependencia con el código o el nombre «999»");
        AssertError(plan, 4, "Fecha de ingreso", "«31/02/2026» no es una fecha válida");
        AssertError(plan, 5, "Número de documento", "ya aparece en la fila 4");
        AssertError(plan, 6, "Documento del jefe inmediato", "No hay ningún servidor con documento 123456");
        AssertError(plan, 7, "Documento del jefe inmediato", "ciclo de jefes");
        AssertError(plan, 8, "Documento del jefe inmediato", "ciclo de jefes");
        AssertError(plan, 9, "Documento del jefe inmediato", "no puede ser la misma persona");
        Assert.Equal(plan.RowErrors.OrderBy(e => e.Row).Select(e => e.Row), plan.RowErrors.Select(e => e.Row));
        Assert.Equal("31/02/2026", plan.RowErrors.Single(e => e.Row == 4).Value);
    }

    [Fact]
    public void A_cycle_through_the_directory_is_found_and_described()
    {
        // Andrés (1) is the boss of Felipe (2), who is the boss of Camila (3): making Camila Andrés's boss closes the loop.
        var andres = RowOf(servants[0], "100", "1022345987");
        var plan = Plan(andres);

        var error = Assert.Single(plan.RowErrors);
        Assert.Equal("Documento del jefe inmediato", error.Column);
        Assert.Contains("Andrés Felipe Rodríguez Mejía (79512340) → Camila Andrea Salazar Nieto (1022345987) → Felipe Antonio Navarro Restrepo (80123987) → Andrés Felipe Rodríguez Mejía (79512340)", error.Message);
    }

    [Fact]
    public void Reordering_bosses_in_one_file_is_not_a_cycle()
    {
        // Felipe now reports to Camila and Camila to Andrés: valid once both rows are applied.
        var felipe = RowOf(servants[1], "300", "1022345987");
        var camila = RowOf(servants[2], "300", "79512340");
        var plan = Plan(felipe, camila);
        Assert.True(plan.IsValid, string.Join(" | ", plan.RowErrors.Select(e => e.Message)));
        Assert.Equal(2, plan.Updates.Count);
    }

    [Fact]
    public void An_email_of_another_servant_is_refused_but_a_servant_keeps_their_own()
    {
        var plan = Plan(
            NewRow("1000000001", "Ana", "CAMILA.salazar@entidad.gov.co"),
            RowOf(servants[1], "300", "79512340"),
            NewRow("1000000002", "Luis", "luis@entidad.gov.co"),
            NewRow("1000000003", "Luisa", "luis@entidad.gov.co"));

        AssertError(plan, 2, "Correo institucional", "ya lo tiene otro servidor del directorio: Camila Andrea Salazar Nieto (1022345987)");
        AssertError(plan, 5, "Correo institucional", "ya aparece en la fila 4");
        Assert.Equal(2, plan.RowErrors.Count);
    }

    [Fact]
    public void Unknown_level_type_and_yes_no_list_the_accepted_values()
    {
        var row = NewRow("1000000001", "Ana", "ana@entidad.gov.co");
        row[7] = "Jefe";
        row[9] = "Indefinido";
        row[13] = "Quizás";
        var plan = Plan(row);

        AssertError(plan, 2, "Nivel jerárquico", "Valores aceptados: Directivo, Asesor, Profesional, Técnico, Asistencial");
        AssertError(plan, 2, "Tipo de vinculación", "Libre nombramiento y remoción");
        AssertError(plan, 2, "Tiene personal a cargo", "Sí o No");
    }

    [Fact]
    public void A_retired_boss_or_an_inactive_dependencia_is_refused_for_new_assignments()
    {
        var plan = Plan(
            NewRow("1000000001", "Ana", "ana@entidad.gov.co", boss: "1021654987"),
            NewRow("1000000002", "Luis", "luis@entidad.gov.co", dependency: "Grupo antiguo"));

        AssertError(plan, 2, "Documento del jefe inmediato", "está retirado(a) desde el 31/08/2026");
        AssertError(plan, 3, "Dependencia", "está inactiva");
    }

    [Fact]
    public void Missing_required_columns_are_one_file_level_error_naming_them()
    {
        var plan = PlanWithHeader(["Documento", "Nombres", "Apellidos"], ["1", "Ana", "Pérez"]);

        var error = Assert.Single(plan.FileErrors);
        Assert.Contains("«Correo institucional», «Denominación del empleo», «Nivel jerárquico», «Dependencia», «Tipo de vinculación», «Fecha de ingreso»", error);
        Assert.Empty(plan.RowErrors);
        Assert.False(plan.IsValid);
    }

    [Fact]
    public void Optional_columns_left_out_keep_what_the_directory_has()
    {
        var required = Header.Where((_, i) => i is not (5 or 6 or 11 or 12 or 13 or 14)).ToArray();
        var camila = RowOf(servants[2], "300", null).Where((_, i) => i is not (5 or 6 or 11 or 12 or 13 or 14)).ToArray();
        camila[1] = "Camila";
        var plan = PlanWithHeader(required, camila);

        var update = Assert.Single(plan.Updates);
        Assert.Equal([new FieldChange("Nombres", "Camila Andrea", "Camila")], update.Changes);
        Assert.Equal("80123987", update.BossDocument);
        Assert.Equal("2028", update.Input.JobCode);
    }

    [Fact]
    public void The_header_may_sit_under_a_title_and_columns_may_come_in_any_order()
    {
        var reversed = Header.Reverse().ToArray();
        var row = NewRow("1000000001", "Ana", "ana@entidad.gov.co").Reverse().ToArray();
        var sheet = new List<SheetRow>
        {
            new(1, ["Planta de personal — noviembre de 2026"]),
            new(2, []),
            new(3, reversed),
            new(4, row),
        };
        var plan = ServantImport.Plan(sheet, servants, dependencies, Today);

        Assert.True(plan.IsValid, string.Join(" | ", plan.FileErrors.Concat(plan.RowErrors.Select(e => e.Message))));
        Assert.Equal(4, Assert.Single(plan.Creates).Row);
    }

    [Fact]
    public void Empty_files_and_files_over_the_limit_are_refused_as_a_whole()
    {
        Assert.Contains("vacío", Assert.Single(ServantImport.Plan([], servants, dependencies, Today).FileErrors));
        Assert.Contains("no tiene filas de servidores", Assert.Single(Plan().FileErrors));

        var sheet = new List<SheetRow> { new(1, Header) };
        for (var i = 0; i < 4; i++) sheet.Add(new SheetRow(i + 2, NewRow($"100000000{i}", "Ana", $"ana{i}@entidad.gov.co")));
        Assert.Contains("más de 3 filas", Assert.Single(ServantImport.Plan(sheet, servants, dependencies, Today, maxRows: 3).FileErrors));
    }

    [Fact]
    public void The_fingerprint_changes_when_the_directory_changes_under_the_same_file()
    {
        var camila = RowOf(servants[2], "300", "80123987");
        camila[6] = "22";
        var before = Plan(camila).Fingerprint;
        Assert.Equal(before, Plan(camila).Fingerprint);

        servants[2].JobGrade = "20";
        Assert.NotEqual(before, Plan(camila).Fingerprint);
    }
}
