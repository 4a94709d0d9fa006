using Egi.Domain.Directory.Import;
using Egi.Domain.Process;

namespace Egi.Domain.Tests.Process;

/// <summary>The attendance list goes through the pipeline every import shares: columns by name, errors by row, all or nothing.</summary>
public class AttendanceImportTests
{
    private static SheetRow Row(int n, params object?[] cells) => new(n, cells);

    private static readonly AttendanceInvitee[] Invitees =
    [
        new(21, "1022345987", "Camila Rojas", false),
        new(18, "80123987", "Felipe Gómez", false),
        new(30, "52111222", "Laura Díaz", true),
    ];

    [Fact]
    public void A_list_under_a_title_marks_the_invitees_found_by_document_once_each()
    {
        var plan = AttendanceImport.Plan(
        [
            Row(1, "Lista de asistencia — Socialización EGI"),
            Row(3, "Nombre", "Cédula", "Firma"),
            Row(4, "Camila", "1.022.345.987", "x"),
            Row(5, "Felipe", 80123987d, "x"),
            Row(6, "Camila otra vez", "1022345987", ""),
        ], Invitees);
        Assert.True(plan.IsValid);
        Assert.Equal([21, 18], plan.Marks.Select(m => m.ServantId));
        Assert.Equal(["Camila Rojas", "Felipe Gómez"], plan.Marks.Select(m => m.Name));
        Assert.Equal(3, plan.DataRows);
        Assert.Equal(["Firma"], plan.IgnoredColumns);
    }

    [Fact]
    public void A_list_with_only_the_document_column_under_a_title_is_read()
    {
        var plan = AttendanceImport.Plan([Row(1, "Asistencia del 20/11"), Row(2, "Cédula"), Row(3, "80123987")], Invitees);
        Assert.True(plan.IsValid);
        Assert.Equal([18], plan.AttendedServantIds);
    }

    [Fact]
    public void A_no_leaves_the_person_out_and_someone_already_marked_is_no_change()
    {
        var plan = AttendanceImport.Plan(
            [Row(1, "Número de documento", "Asistió"), Row(2, "1022345987", "No"), Row(3, "80123987", "Sí"), Row(4, "52111222", "")], Invitees);
        Assert.True(plan.IsValid);
        Assert.Equal([18], plan.Marks.Select(m => m.ServantId));
        Assert.Equal([30], plan.AlreadyMarked.Select(m => m.ServantId));
        Assert.Equal(1, plan.NotAttendedRows);
        Assert.Equal([18, 30], plan.AttendedServantIds.Order());
        Assert.True(plan.HasChanges);
    }

    [Fact]
    public void Any_bad_row_is_reported_by_row_and_column_and_nothing_is_planned()
    {
        var plan = AttendanceImport.Plan(
        [
            Row(1, "Número de documento", "Asistió"),
            Row(2, "1022345987", "Sí"),
            Row(3, "99999999", ""),
            Row(4, "", "Sí"),
            Row(5, "80123987", "Tal vez"),
        ], Invitees);
        Assert.False(plan.IsValid);
        Assert.Empty(plan.Marks);
        Assert.Empty(plan.AttendedServantIds);
        Assert.Collection(plan.RowErrors,
            e => Assert.Equal((3, "Número de documento", "99999999", "El documento 99999999 no está entre los invitados de la sesión."), (e.Row, e.Column, e.Value, e.Message)),
            e => { Assert.Equal(4, e.Row); Assert.Contains("Falta", e.Message); },
            e => { Assert.Equal(5, e.Row); Assert.Equal("Asistió", e.Column); Assert.Equal("Tal vez", e.Value); });
    }

    [Fact]
    public void A_file_without_a_document_column_or_without_rows_is_refused_as_a_whole()
    {
        var noColumn = AttendanceImport.Plan([Row(1, "Nombre", "Firma"), Row(2, "Camila", "x")], Invitees);
        Assert.Contains("«Número de documento»", Assert.Single(noColumn.FileErrors));
        var empty = AttendanceImport.Plan([Row(1, "Cédula", "Nombre")], Invitees);
        Assert.Contains("no tiene filas de asistentes", Assert.Single(empty.FileErrors));
        var tooMany = AttendanceImport.Plan([Row(1, "Cédula", "Nombre"), Row(2, "80123987", "F"), Row(3, "1022345987", "C")], Invitees, maxRows: 1);
        Assert.False(tooMany.IsValid);
    }

    [Fact]
    public void The_fingerprint_changes_when_the_register_changes_between_preview_and_confirmation()
    {
        SheetRow[] rows = [Row(1, "Cédula", "Nombre"), Row(2, "80123987", "Felipe")];
        var before = AttendanceImport.Plan(rows, Invitees);
        Assert.Equal(before.Fingerprint, AttendanceImport.Plan(rows, Invitees).Fingerprint);
        var marked = Invitees.Select(i => i.ServantId == 18 ? i with { Attended = true } : i).ToList();
        Assert.NotEqual(before.Fingerprint, AttendanceImport.Plan(rows, marked).Fingerprint);
    }
}
