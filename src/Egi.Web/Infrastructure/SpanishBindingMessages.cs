using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Egi.Web.Infrastructure;

/// <summary>The framework's model-binding messages in Spanish, so no English text reaches a form.</summary>
public static class SpanishBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((value, field) => $"El valor «{value}» no es válido para «{field}».");
        p.SetMissingBindRequiredValueAccessor(field => $"Falta el valor de «{field}».");
        p.SetMissingKeyOrValueAccessor(() => "Falta un valor obligatorio.");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "La solicitud no trae los datos esperados.");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"El valor «{value}» no es válido.");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "El valor no es válido.");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "Escriba un número.");
        p.SetUnknownValueIsInvalidAccessor(field => $"El valor de «{field}» no es válido.");
        p.SetValueIsInvalidAccessor(value => $"El valor «{value}» no es válido.");
        p.SetValueMustBeANumberAccessor(field => $"«{field}» debe ser un número.");
        p.SetValueMustNotBeNullAccessor(value => $"Escriba un valor para «{value}».");
    }
}
