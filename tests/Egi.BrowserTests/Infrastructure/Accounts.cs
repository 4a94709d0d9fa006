using Egi.Web.Data;

namespace Egi.BrowserTests.Infrastructure;

/// <summary>Demo accounts the browser tests sign in with.</summary>
public static class Accounts
{
    public const string TalentoHumano = DemoData.TalentoHumanoEmail;

    /// <summary>Camila Andrea Salazar Nieto, Profesional Especializado: an evaluado who is nobody's boss.</summary>
    public static string Evaluado => DemoData.EmailOf(21);
}
