using Egi.Web.Infrastructure;

namespace Egi.Web.Features.Accounts;

/// <summary>Every confirmation the account administration pages show (roles, locks, invitations), in one place.</summary>
public static class AccountsMessages
{
    public static string RoleGranted(string? role, string person) => $"Se otorgó el rol {EgiRoles.Label(role ?? "")} a {person}.";
    public static string RoleRevoked(string? role, string person) =>
        $"Se revocó el rol {EgiRoles.Label(role ?? "")} a {person}. Sus sesiones abiertas lo pierden en su próxima solicitud.";
    public static string AccountLocked(string person) => $"Se bloqueó la cuenta de {person}: no puede iniciar sesión y sus sesiones abiertas se cierran.";
    public static string AccountUnlocked(string person) => $"Se desbloqueó la cuenta de {person}.";
    public static string InvitationResent(string? email) => $"Se envió de nuevo la invitación a {email}.";
    public static string Unlinked(string person) =>
        $"Se desvinculó la cuenta institucional de {person}: su próximo ingreso con la cuenta institucional la vinculará de nuevo.";
}
