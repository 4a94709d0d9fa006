using Egi.Domain.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Egi.Web.Infrastructure;

public static class ModelStateExtensions
{
    /// <summary>Shows domain validation errors next to their fields (<paramref name="prefix"/> is the bound property, e.g. "Input").</summary>
    public static void AddFieldErrors(this ModelStateDictionary modelState, IEnumerable<FieldError> errors, string prefix = "Input")
    {
        foreach (var e in errors)
            modelState.AddModelError(Key(prefix, e.Field), e.Message);
    }

    private static string Key(string prefix, string field)
    {
        if (string.IsNullOrEmpty(field)) return string.Empty;
        return string.IsNullOrEmpty(prefix) ? field : $"{prefix}.{field}";
    }
}
