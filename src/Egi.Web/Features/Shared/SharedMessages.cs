namespace Egi.Web.Features.Shared;

/// <summary>The messages of the shared kernel's own helpers (what several features show alike), in one place.</summary>
public static class SharedMessages
{
    public const string PeriodNotFound = "La «Vigencia» elegida no existe: elija una de la lista.";
}
