using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Egi.Web.Tests.Infrastructure;

namespace Egi.Web.Tests.Account;

public sealed class SpanishBindingMessagesTests
{
    [Fact]
    public void Framework_binding_messages_are_spanish()
    {
        var provider = new DefaultModelBindingMessageProvider();
        SpanishBindingMessages.Apply(provider);
        Assert.Equal("El valor «abc» no es válido para «Peso».", provider.AttemptedValueIsInvalidAccessor("abc", "Peso"));
        Assert.Equal("«Peso» debe ser un número.", provider.ValueMustBeANumberAccessor("Peso"));
    }

    [Fact]
    public async Task The_application_uses_them()
    {
        await using var app = new EgiAppFactory(Db.Sqlite);
        var options = app.Services.GetRequiredService<IOptions<MvcOptions>>().Value;
        Assert.Equal("El valor «x» no es válido.", options.ModelBindingMessageProvider.ValueIsInvalidAccessor("x"));
    }
}
