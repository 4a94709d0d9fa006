using Microsoft.AspNetCore.Identity;

namespace Egi.Web.Infrastructure;

/// <summary>ASP.NET Core Identity messages in Spanish (es-CO).</summary>
public sealed class SpanishIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => E(nameof(DefaultError), "Ocurrió un error inesperado.");
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), "Otra persona modificó este registro al mismo tiempo. Vuelva a cargar la página.");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "La contraseña actual no es correcta.");
    public override IdentityError InvalidToken() => E(nameof(InvalidToken), "El enlace no es válido o ya expiró.");
    public override IdentityError LoginAlreadyAssociated() => E(nameof(LoginAlreadyAssociated), "Ya existe una cuenta asociada a este inicio de sesión.");
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), $"El usuario «{userName}» no es válido.");
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), $"El correo «{email}» no es válido.");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), $"Ya existe una cuenta con el usuario «{userName}».");
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), $"Ya existe una cuenta con el correo «{email}».");
    public override IdentityError InvalidRoleName(string? role) => E(nameof(InvalidRoleName), $"El rol «{role}» no es válido.");
    public override IdentityError DuplicateRoleName(string role) => E(nameof(DuplicateRoleName), $"El rol «{role}» ya existe.");
    public override IdentityError UserAlreadyHasPassword() => E(nameof(UserAlreadyHasPassword), "La cuenta ya tiene contraseña.");
    public override IdentityError UserLockoutNotEnabled() => E(nameof(UserLockoutNotEnabled), "El bloqueo no está habilitado para esta cuenta.");
    public override IdentityError UserAlreadyInRole(string role) => E(nameof(UserAlreadyInRole), $"La cuenta ya tiene el rol «{EgiRoles.Label(role)}».");
    public override IdentityError UserNotInRole(string role) => E(nameof(UserNotInRole), $"La cuenta no tiene el rol «{EgiRoles.Label(role)}».");
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), $"La contraseña debe tener al menos {length} caracteres.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), $"La contraseña debe tener al menos {uniqueChars} caracteres distintos.");
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), "La contraseña debe tener al menos un carácter que no sea letra ni dígito.");
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "La contraseña debe tener al menos un dígito (0-9).");
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "La contraseña debe tener al menos una letra minúscula (a-z).");
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "La contraseña debe tener al menos una letra mayúscula (A-Z).");
    public override IdentityError RecoveryCodeRedemptionFailed() => E(nameof(RecoveryCodeRedemptionFailed), "El código de recuperación no es válido.");

    private static IdentityError E(string code, string description) => new() { Code = code, Description = description };
}
