using Egi.Web.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Egi.Web.Infrastructure;

/// <summary>Prints where EGI listens and, with demo data, the accounts to try.</summary>
public static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var options = app.Services.GetRequiredService<IOptions<EgiOptions>>().Value;
        var w = Console.Out;
        w.WriteLine();
        w.WriteLine("  EGI — Evaluación de la Gestión Institucional");
        foreach (var a in addresses) w.WriteLine($"  Abra en el navegador: {a}");
        if (options.SeedDemo)
        {
            w.WriteLine();
            w.WriteLine($"  Cuentas de demostración (contraseña de todas: {options.DemoPassword})");
            foreach (var (who, email) in DemoData.Accounts) w.WriteLine($"    {who,-40} {email}");
            w.WriteLine($"    Cualquier servidor del directorio: su correo institucional (@{DemoData.Domain})");
        }
        w.WriteLine();
    }
}
