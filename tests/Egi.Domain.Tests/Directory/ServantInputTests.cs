using Egi.Domain.Directory;

namespace Egi.Domain.Tests.Directory;

public class ServantInputTests
{
    private static ServantInput Valid() => new()
    {
        DocumentNumber = "1.020.456.789",
        FirstNames = "Juan Sebastián",
        LastNames = "Pardo Díaz",
        Email = "juan.pardo@entidad.gov.co",
        JobTitle = "Profesional Especializado",
        JobCode = "2028",
        JobGrade = "19",
        Level = HierarchyLevel.Profesional,
        DependencyId = 3,
        EmploymentType = EmploymentType.Provisional,
        HireDate = new DateOnly(2023, 3, 13),
    };

    private static string? MessageFor(ServantInput input, string field) =>
        input.Validate().FirstOrDefault(e => e.Field == field)?.Message;

    [Fact]
    public void A_complete_input_has_no_errors()
    {
        Assert.Empty(Valid().Validate());
    }

    [Fact]
    public void An_empty_input_names_every_required_field_in_spanish()
    {
        var errors = new ServantInput().Validate();
        var byField = errors.ToDictionary(e => e.Field, e => e.Message);
        Assert.Equal("El campo «Número de documento» es obligatorio.", byField[nameof(ServantInput.DocumentNumber)]);
        Assert.Equal("El campo «Nombres» es obligatorio.", byField[nameof(ServantInput.FirstNames)]);
        Assert.Equal("El campo «Apellidos» es obligatorio.", byField[nameof(ServantInput.LastNames)]);
        Assert.Equal("El campo «Correo institucional» es obligatorio.", byField[nameof(ServantInput.Email)]);
        Assert.Equal("El campo «Denominación del empleo» es obligatorio.", byField[nameof(ServantInput.JobTitle)]);
        Assert.Contains("Nivel jerárquico", byField[nameof(ServantInput.Level)]);
        Assert.Contains("Dependencia", byField[nameof(ServantInput.DependencyId)]);
        Assert.Contains("Tipo de vinculación", byField[nameof(ServantInput.EmploymentType)]);
        Assert.Contains("Fecha de ingreso", byField[nameof(ServantInput.HireDate)]);
        Assert.Equal(9, errors.Count);
    }

    [Fact]
    public void Blank_text_counts_as_missing()
    {
        Assert.Equal("El campo «Nombres» es obligatorio.", MessageFor(Valid() with { FirstNames = "   " }, nameof(ServantInput.FirstNames)));
    }

    [Theory]
    [InlineData("1.020.456.789", "1020456789")]
    [InlineData("1,020,456,789", "1020456789")]
    [InlineData(" 52 301 987 ", "52301987")]
    [InlineData("52\u00a0301\u00a0987", "52301987")]
    [InlineData("1'020'456", "1020456")]
    [InlineData("PE123456", "PE123456")]
    public void Document_numbers_are_compared_without_separators(string typed, string normalized)
    {
        Assert.Equal(normalized, ServantInput.NormalizeDocument(typed));
        Assert.Null(MessageFor(Valid() with { DocumentNumber = typed }, nameof(ServantInput.DocumentNumber)));
    }

    [Fact]
    public void Apply_stores_the_normalized_document_and_lower_case_email()
    {
        var s = new Servant();
        s.Apply(Valid() with { Email = " Juan.Pardo@Entidad.GOV.co " });
        Assert.Equal("1020456789", s.DocumentNumber);
        Assert.Equal("juan.pardo@entidad.gov.co", s.Email);
        Assert.Equal("Profesional Especializado 2028-19", s.Job);
    }

    [Theory]
    [InlineData("1020-456-789")]
    [InlineData("1020/456")]
    [InlineData("1234567890123456")]
    public void Document_with_other_symbols_or_too_long_is_refused(string typed)
    {
        Assert.Equal("El campo «Número de documento» admite solo letras y dígitos (máximo 15), sin espacios ni guiones.",
            MessageFor(Valid() with { DocumentNumber = typed }, nameof(ServantInput.DocumentNumber)));
    }

    [Theory]
    [InlineData("juan.pardo")]
    [InlineData("juan.pardo@")]
    [InlineData("@entidad.gov.co")]
    [InlineData("juan@entidad")]
    [InlineData("juan@@entidad.gov.co")]
    [InlineData("juan pardo@entidad.gov.co")]
    [InlineData("juan@.entidad.gov.co")]
    [InlineData("juan@entidad.gov.co.")]
    [InlineData("Juan <juan@entidad.gov.co>")]
    public void Malformed_emails_are_refused_quoting_what_was_typed(string email)
    {
        var message = MessageFor(Valid() with { Email = email }, nameof(ServantInput.Email));
        Assert.NotNull(message);
        Assert.StartsWith("El campo «Correo institucional» no es un correo válido", message);
        Assert.Contains(email.Trim(), message);
    }

    [Theory]
    [InlineData("juan.pardo@entidad.gov.co")]
    [InlineData("j.pardo-diaz@upme.gov.co")]
    [InlineData("juan+egi@entidad.co")]
    public void Well_formed_emails_are_accepted(string email)
    {
        Assert.True(ServantInput.IsEmail(email));
        Assert.Null(MessageFor(Valid() with { Email = email }, nameof(ServantInput.Email)));
    }

    [Fact]
    public void Retirement_before_hire_is_refused()
    {
        var input = Valid() with { HireDate = new DateOnly(2023, 3, 13), RetirementDate = new DateOnly(2023, 3, 12) };
        Assert.Equal("La «Fecha de retiro» no puede ser anterior a la fecha de ingreso.", MessageFor(input, nameof(ServantInput.RetirementDate)));
    }

    [Fact]
    public void Retirement_on_the_hire_day_is_accepted()
    {
        var input = Valid() with { HireDate = new DateOnly(2023, 3, 13), RetirementDate = new DateOnly(2023, 3, 13) };
        Assert.Empty(input.Validate());
    }

    [Fact]
    public void Hire_date_before_1950_is_refused()
    {
        Assert.Equal("La «Fecha de ingreso» debe ser posterior a 1950.",
            MessageFor(Valid() with { HireDate = new DateOnly(1949, 12, 31) }, nameof(ServantInput.HireDate)));
    }

    [Fact]
    public void Lengths_are_limited()
    {
        var input = Valid() with { FirstNames = new string('a', 101), JobCode = "12345678901", JobGrade = "12345678901" };
        Assert.Equal("El campo «Nombres» admite máximo 100 caracteres.", MessageFor(input, nameof(ServantInput.FirstNames)));
        Assert.Equal("El campo «Código del empleo» admite máximo 10 caracteres.", MessageFor(input, nameof(ServantInput.JobCode)));
        Assert.Equal("El campo «Grado» admite máximo 10 caracteres.", MessageFor(input, nameof(ServantInput.JobGrade)));
    }
}
