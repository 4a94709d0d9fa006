using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Egi.Web.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Periods;

/// <summary>
/// Tells the people concerned that Talento Humano reopened a closed period (SPEC §3: «recorded and notified»): everyone
/// on whom one of its evaluations waits (they can act again) and the Talento Humano accounts, by e-mail through the outbox
/// and in the inbox, with the reason. One query for the people, one for the keys already queued; the caller saves.
/// </summary>
public static class PeriodReopeningNotice
{
    public const MailKind Kind = MailKind.PeriodReopened;

    public static async Task<int> QueueAsync(EgiDbContext db, Notifier notifier, EmailTemplates templates, UserManager<AppUser> users,
        Period period, PeriodReopening reopening, CancellationToken ct)
    {
        var number = period.Reopenings.Count;
        var periodId = period.Id;
        var people = await (
            from s in db.Servants.AsNoTracking()
            where db.Evaluations.Any(e => e.PeriodId == periodId && e.Waits.Any(w => w.ServantId == s.Id))
            orderby s.Id
            select new
            {
                s.Id,
                Name = s.FirstNames + " " + s.LastNames,
                s.Email,
                UserId = db.Users.Where(u => u.ServantId == s.Id).Select(u => u.Id).FirstOrDefault(),
            }).ToListAsync(ct);
        var hr = (await users.GetUsersInRoleAsync(EgiRoles.TalentoHumano))
            .Where(u => !string.IsNullOrEmpty(u.Email) && people.All(p => p.UserId != u.Id)).ToList();

        string Key(string who) => $"period-reopened:{periodId}:{number}:{who}";
        await notifier.PreloadKeysAsync(people.Select(p => Key($"servant:{p.Id}")).Concat(hr.Select(u => Key($"user:{u.Id}"))).ToList(), ct);
        var when = DateText.Day(reopening.At);
        var subject = $"EGI — Talento Humano reabrió la {period.Name}";
        var why = $"{reopening.By} (Talento Humano) reabrió la {period.Name} el {when}. Motivo: {reopening.Reason}";
        var queued = 0;
        foreach (var p in people)
        {
            var name = p.Name.Trim();
            var email = templates.Generic(subject, name,
                [why, "Su evaluación de esta vigencia vuelve a admitir cambios: revise en «Mis pendientes» lo que le corresponde hacer."],
                "Ver mis pendientes", templates.Url("/Pending"), $"La {period.Name} fue reabierta: {reopening.Reason}");
            if (await notifier.QueueAsync(new Recipient(p.Email, name, p.UserId), email, Kind, Key($"servant:{p.Id}"), ct: ct)) queued++;
        }
        foreach (var u in hr)
        {
            var email = templates.Generic(subject, u.DisplayName,
                [why, "Las evaluaciones, las evidencias y los planes de mejoramiento de la vigencia vuelven a admitir cambios hasta que la cierre de nuevo."],
                "Ver la vigencia", templates.Url($"/Periods/Details/{periodId}"), $"La {period.Name} fue reabierta: {reopening.Reason}");
            if (await notifier.QueueAsync(Recipient.Of(u), email, Kind, Key($"user:{u.Id}"), ct: ct)) queued++;
        }
        return queued;
    }
}
