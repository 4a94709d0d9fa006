using Egi.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Egi.Web.Infrastructure;

/// <summary>Invitation links (set your first password) live longer than password-reset links.</summary>
public sealed class InvitationTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public const int Days = 7;

    public InvitationTokenProviderOptions()
    {
        Name = InvitationTokenProvider.ProviderName;
        TokenLifespan = TimeSpan.FromDays(Days);
    }
}

public sealed class InvitationTokenProvider(
    IDataProtectionProvider protection, IOptions<InvitationTokenProviderOptions> options, ILogger<DataProtectorTokenProvider<AppUser>> log)
    : DataProtectorTokenProvider<AppUser>(protection, options, log)
{
    public const string ProviderName = "Invitation";
    public const string Purpose = "SetFirstPassword";
}
