using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Egi.Web.Infrastructure.Api;

/// <summary>
/// The «api» rate-limit policy: a fixed window per API key (partitioned by the key's public prefix, read from the
/// Authorization header, so it does not depend on where authentication runs), per signed-in person otherwise, else per
/// address. Configuration: RateLimits:Api:PermitLimit (requests, default 120) per RateLimits:Api:WindowSeconds (60).
/// Over the limit: 429 with a Spanish problem and Retry-After (written by RateLimits for every /api answer).
/// </summary>
public sealed class ApiRateLimitPolicy(Infrastructure.Security.RateLimitsOptions limits) : IRateLimiterPolicy<string>
{
    public const string Name = Infrastructure.Security.RateLimits.ApiPolicy;

    private readonly int permitLimit = Math.Max(1, limits.Api.PermitLimit);
    private readonly TimeSpan window = TimeSpan.FromSeconds(Math.Max(1, limits.Api.WindowSeconds));

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        string? header = httpContext.Request.Headers.Authorization;
        var partition = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && ApiKey.Parse(header["Bearer ".Length..].Trim()) is { } key
                ? "key:" + key.Prefix
                : httpContext.User.Identity?.IsAuthenticated == true
                    ? "user:" + httpContext.User.Identity.Name
                    : "ip:" + httpContext.Connection.RemoteIpAddress;
        return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            QueueLimit = 0,
        });
    }

    /// <summary>None of its own: the limiter's answer (RateLimits.OnRejectedAsync) gives /api a Spanish problem and Retry-After.</summary>
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;
}
