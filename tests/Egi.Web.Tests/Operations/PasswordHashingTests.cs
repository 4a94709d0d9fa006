using System.Buffers.Binary;
using Egi.Web.Data;
using Egi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Egi.Web.Tests.Operations;

/// <summary>
/// The test hosts hash passwords with one PBKDF2 iteration (every test signs people in, and the production count costs
/// ~0.1 s per hash): that is the tests' configuration only. The application itself keeps Identity's default.
/// </summary>
public sealed class PasswordHashingTests
{
    /// <summary>The iteration count written in an Identity V3 hash (format marker, PRF, iteration count, …).</summary>
    private static int IterationsOf(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]); // V3
        return (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }

    [Fact]
    public async Task The_application_hashes_with_identitys_default_iteration_count()
    {
        await using var app = new ProductionAppFactory(Db.Sqlite) { ProductionPasswordHashing = true };
        var options = app.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value;
        Assert.Equal(new PasswordHasherOptions().IterationCount, options.IterationCount);
        Assert.True(options.IterationCount >= 100_000, $"{options.IterationCount} iterations");

        var hasher = app.Services.GetRequiredService<IPasswordHasher<AppUser>>();
        Assert.Equal(options.IterationCount, IterationsOf(hasher.HashPassword(new AppUser(), "Una.Clave2026")));
    }

    [Fact]
    public async Task Only_the_test_hosts_hash_with_one_iteration()
    {
        await using var app = new ProductionAppFactory(Db.Sqlite);
        var hasher = app.Services.GetRequiredService<IPasswordHasher<AppUser>>();
        Assert.Equal(1, IterationsOf(hasher.HashPassword(new AppUser(), "Una.Clave2026")));
    }
}
