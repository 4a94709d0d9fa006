using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Egi.Web.Infrastructure.Api;

/// <summary>The scopes a key may hold (stable codes, also the names people read).</summary>
public static class ApiScopes
{
    public const string DirectoryRead = "directorio:leer";
    public const string DirectoryWrite = "directorio:escribir";
    public const string ResultsRead = "resultados:leer";

    public static IReadOnlyList<string> All { get; } = [DirectoryRead, DirectoryWrite, ResultsRead];

    public static string Label(string scope) => scope switch
    {
        DirectoryRead => "Leer el directorio, las vigencias y el estado de las evaluaciones",
        DirectoryWrite => "Sincronizar el directorio (crear y actualizar dependencias y servidores)",
        ResultsRead => "Leer los resultados finales (calificación, nivel y componentes)",
        _ => scope,
    };
}

/// <summary>
/// A key Talento Humano gives an integration (the HR suite, a nightly job). Only the SHA-256 of its secret is kept:
/// the key is shown once. It is written <c>egi_{Prefix}_{secret}</c>; the prefix finds the row, the secret proves it.
/// </summary>
public sealed class ApiKey
{
    public const int NameMax = 100;
    public const string Marker = "egi_";

    public int Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The public part of the key (12 lower-case hex digits): finds the row, shown on the screen.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>SHA-256 of the secret part, hex (the secret has 256 random bits, so a fast hash is enough).</summary>
    public string SecretHash { get; set; } = "";

    /// <summary>Space-separated <see cref="ApiScopes"/>.</summary>
    public string Scopes { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public DateTime? LastUsedAt { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool IsActive(DateTime now) => RevokedAt is null && ExpiresAt > now;

    /// <summary>A new key: the entity to save and the full key to show once.</summary>
    public static (ApiKey Key, string Secret) Create(string name, IEnumerable<string> scopes, DateTime expiresAt, string createdBy, DateTime now)
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Name = name.Trim(),
            Prefix = prefix,
            SecretHash = Hash(secret),
            Scopes = string.Join(' ', ApiScopes.All.Where(scopes.Contains)),
            CreatedAt = now,
            CreatedBy = createdBy,
            ExpiresAt = expiresAt,
        };
        return (key, $"{Marker}{prefix}_{secret}");
    }

    /// <summary>Splits a presented key into its prefix and secret, or null when it does not have the shape of a key.</summary>
    public static (string Prefix, string Secret)? Parse(string? presented)
    {
        if (presented is null || !presented.StartsWith(Marker, StringComparison.Ordinal)) return null;
        var rest = presented.AsSpan(Marker.Length);
        if (rest.Length < 14 || rest[12] != '_') return null;
        var prefix = rest[..12].ToString();
        if (!prefix.All(char.IsAsciiHexDigitLower)) return null;
        var secret = rest[13..].ToString();
        return secret.Length is >= 20 and <= 100 ? (prefix, secret) : null;
    }

    /// <summary>Whether <paramref name="secret"/> is this key's, compared in constant time.</summary>
    public bool Matches(string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(SecretHash));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> e)
    {
        e.ToTable("ApiKeys");
        e.Property(k => k.Name).HasMaxLength(ApiKey.NameMax);
        e.Property(k => k.Prefix).HasMaxLength(12);
        e.HasIndex(k => k.Prefix).IsUnique();
        e.Property(k => k.SecretHash).HasMaxLength(64);
        e.Property(k => k.Scopes).HasMaxLength(200);
        e.Property(k => k.CreatedBy).HasMaxLength(256);
        e.Property(k => k.RevokedBy).HasMaxLength(256);
        e.Ignore(k => k.ScopeList);
    }
}
