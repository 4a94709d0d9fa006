using Egi.Web.Data;

namespace Egi.Web.Tests.Infrastructure;

/// <summary>Demo accounts the tests sign in with.</summary>
public static class Accounts
{
    public const string TalentoHumano = DemoData.TalentoHumanoEmail;
    public const string Planeacion = DemoData.PlaneacionEmail;
    public const string Consulta = DemoData.ConsultaEmail;

    /// <summary>Subdirector de Energía: a jefe with several evaluados.</summary>
    public static string Jefe => DemoData.EmailOf(18);

    /// <summary>Profesional Especializado, provisional: an evaluado who is nobody's boss.</summary>
    public static string Evaluado => DemoData.EmailOf(21);
}
