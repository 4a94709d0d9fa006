namespace Egi.Web.Features.Notifications;

/// <summary>Every confirmation the notifications and outbox pages show, in one place.</summary>
public static class NotificationMessages
{
    public const string AllRead = "Todas sus notificaciones quedaron marcadas como leídas.";
    public static string NotFailed(string address, string state) => $"El mensaje a {address} no está fallido ({state}): no se reenvía.";
    public static string Requeued(string address) => $"El mensaje a {address} volvió a la cola de envío.";
}
