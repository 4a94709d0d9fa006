using System.ComponentModel.DataAnnotations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Egi.Web.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Operations;

/// <summary>
/// <c>admin create --email X [--name "…"]</c>: the first Talento Humano account of a new installation (or the way back in
/// when nobody can administer). Migrates the database, creates the account (linked to the directory when a servant has
/// that e-mail) or takes the existing one, grants it Talento Humano, unlocks it, and prints a one-time link on
/// Mail:BaseUrl: to set the first password (the invitation of <see cref="Features.Account.SetPasswordModel"/>), or to
/// reset it when the account already has one. The same link is e-mailed through the outbox. Running it again is safe.
/// With Authentication:Oidc:LocalAccounts=false there are no passwords (those pages answer 404): no link is made, and the
/// command says how the person signs in with the institutional account instead.
/// </summary>
public static class AdminCommand
{
    public static async Task<int> RunAsync(WebApplication app, EgiCommand command, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var email = command.Option("email")?.Trim() ?? "";
        if (!IsValidEmail(email))
            throw new CommandException($"El correo «{email}» no es válido: escriba una dirección completa, p. ej. --email persona@entidad.gov.co. "
                + $"| Invalid e-mail \"{email}\": use a full address, e.g. --email persona@entidad.gov.co.");
        email = email.ToLowerInvariant(); // as the directory keeps it
        var name = command.Option("name")?.Trim();

        if (!ProductionChecks.Verify(app.Configuration, app.Environment, app.Logger))
        {
            foreach (var p in ProductionChecks.Check(app.Configuration, app.Environment).Problems) await error.WriteLineAsync(p);
            return 1;
        }

        await DatabaseInitializer.InitializeAsync(app.Services, ct);

        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var db = sp.GetRequiredService<EgiDbContext>();
        var templates = sp.GetRequiredService<EmailTemplates>();
        var notifier = sp.GetRequiredService<Notifier>();

        var user = await users.FindByEmailAsync(email);
        var created = user is null;
        if (user is null)
        {
            var lower = email.ToLowerInvariant(); // the directory keeps e-mails in lower case
            var servant = await db.Servants.AsNoTracking().Where(s => s.Email == lower).FirstOrDefaultAsync(ct);
            var linkedElsewhere = servant is not null && await db.Users.AnyAsync(u => u.ServantId == servant.Id, ct);
            user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = servant?.FullName ?? (string.IsNullOrWhiteSpace(name) ? email : name),
                ServantId = linkedElsewhere ? null : servant?.Id,
            };
            Check(await users.CreateAsync(user));
        }
        else if (!string.IsNullOrWhiteSpace(name) && user.ServantId is null && user.DisplayName != name)
        {
            user.DisplayName = name;
            Check(await users.UpdateAsync(user));
        }

        var granted = !await users.IsInRoleAsync(user, EgiRoles.TalentoHumano);
        if (granted) Check(await users.AddToRoleAsync(user, EgiRoles.TalentoHumano));
        // The operator's recovery lifts any lock: the temporary one of failed sign-ins and an administrative one (by Talento
        // Humano or a retiro), which the store keeps until the account's own lock is cleared.
        var unlocked = await users.IsLockedOutAsync(user);
        if (unlocked)
        {
            user.Lock = AccountLock.None;
            Check(await users.SetLockoutEndDateAsync(user, null));
        }

        // The command's host does not register the sign-in handlers: the section is read as the web application binds it.
        var oidc = app.Configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        var what = new List<string> { created ? "cuenta creada" : "cuenta existente" };
        if (granted) what.Add("rol Talento Humano asignado");
        if (unlocked) what.Add("cuenta desbloqueada");
        if (!oidc.PasswordsAllowed)
            return await InstitutionalOnlyAsync(db, user, what, oidc, templates, output, ct);

        var hasPassword = await users.HasPasswordAsync(user);
        string link;
        RenderedEmail mail;
        string validity;
        if (hasPassword)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            link = templates.Url($"/Account/ResetPassword?userId={Uri.EscapeDataString(user.Id)}&code={Uri.EscapeDataString(token)}");
            mail = templates.PasswordReset(user.DisplayName, link, ServiceRegistration.PasswordResetHours);
            validity = $"sirve una vez y vence en {ServiceRegistration.PasswordResetHours} horas";
        }
        else
        {
            var token = await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);
            link = templates.Url($"/Account/SetPassword?userId={Uri.EscapeDataString(user.Id)}&code={Uri.EscapeDataString(token)}");
            mail = templates.Invitation(user.DisplayName, link, InvitationTokenProviderOptions.Days);
            validity = $"sirve una vez y vence en {InvitationTokenProviderOptions.Days} días";
        }

        await notifier.QueueAsync(Recipient.Of(user), mail, hasPassword ? MailKind.PasswordReset : MailKind.Invitation, inbox: false, ct: ct);
        what.Add(hasPassword ? "enlace para restablecer la contraseña" : "enlace para crear la contraseña");
        db.Audit("Crear administrador", "Cuenta", user.Id, $"{user.Email}: {string.Join(", ", what)}");
        await db.SaveChangesAsync(ct);
        var messageId = await db.OutboxMessages.Where(m => m.RecipientUserId == user.Id).OrderByDescending(m => m.Id).Select(m => m.Id).FirstAsync(ct);

        await output.WriteLineAsync($"Cuenta de Talento Humano lista: {user.Email} ({string.Join(", ", what)}).");
        await output.WriteLineAsync($"Enlace para {(hasPassword ? "restablecer" : "crear")} la contraseña ({validity}):");
        await output.WriteLineAsync($"  {link}");

        var sent = await app.Services.GetRequiredService<OutboxDispatcher>().DispatchOneAsync(messageId, ct);
        var mailOptions = notifier.Options;
        if (sent && mailOptions.IsSmtp)
            await output.WriteLineAsync($"El mismo enlace se envió por correo a {user.Email}.");
        else if (sent)
            await output.WriteLineAsync($"El correo con el enlace quedó como archivo .eml en la carpeta de recogida (Mail:Transport=Pickup): {sp.GetRequiredService<PickupMailTransport>().Folder}");
        else
        {
            var reason = await db.OutboxMessages.AsNoTracking().Where(m => m.Id == messageId).Select(m => m.LastError).FirstOrDefaultAsync(ct);
            await output.WriteLineAsync($"El correo no se pudo enviar ahora ({reason ?? "otro proceso lo está enviando"}); queda en la bandeja de salida y EGI lo reintentará. Use el enlace de arriba.");
        }
        return 0;
    }

    /// <summary>Passwords are off: the account is ready, and the person signs in with the institutional account.</summary>
    private static async Task<int> InstitutionalOnlyAsync(EgiDbContext db, AppUser user, List<string> what, OidcOptions oidc,
        EmailTemplates templates, TextWriter output, CancellationToken ct)
    {
        what.Add("sin contraseña: ingresa con la cuenta institucional");
        db.Audit("Crear administrador", "Cuenta", user.Id, $"{user.Email}: {string.Join(", ", what)}");
        await db.SaveChangesAsync(ct);
        var provider = string.IsNullOrWhiteSpace(oidc.DisplayName) ? "la entidad" : oidc.DisplayName.Trim();
        await output.WriteLineAsync($"Cuenta de Talento Humano lista: {user.Email} ({string.Join(", ", what)}).");
        await output.WriteLineAsync("EGI no usa contraseñas en esta instalación (Authentication:Oidc:LocalAccounts=false): no hay enlace que enviar.");
        await output.WriteLineAsync($"La persona entra en {templates.Url("/Account/Login")} con «Ingresar con la cuenta institucional» (la página de inicio de sesión de {provider}).");
        if (oidc.MatchBy == OidcMatch.Email)
            await output.WriteLineAsync($"La primera vez EGI la reconoce porque el proveedor dice que su correo ({oidc.ClaimType}) es {user.Email}.");
        else if (user.ServantId is null)
            await output.WriteLineAsync("Atención: EGI reconoce a las personas por su documento (Authentication:Oidc:MatchBy=DocumentNumber) y esta cuenta no está "
                + "vinculada a un servidor del directorio: regístrela primero como servidor con su documento y su correo, o no podrá ingresar.");
        else
            await output.WriteLineAsync($"La primera vez EGI la reconoce por el documento del servidor vinculado, en la afirmación «{oidc.ClaimType}» del proveedor.");
        return 0;
    }

    public static bool IsValidEmail(string email) =>
        email.Length is > 3 and <= 256 && !email.Any(char.IsWhiteSpace) && email.IndexOf('@') is > 0 and var at
        && at == email.LastIndexOf('@') && email[(at + 1)..].Contains('.') && !email.EndsWith('.')
        && new EmailAddressAttribute().IsValid(email) && System.Net.Mail.MailAddress.TryCreate(email, out var parsed) && parsed.Address == email;

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new CommandException("No se pudo preparar la cuenta: " + string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
