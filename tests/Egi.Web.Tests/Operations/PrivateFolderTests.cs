using Egi.Web.Infrastructure;

namespace Egi.Web.Tests.Operations;

/// <summary>The folders EGI creates for personal data are its service user's only, every level of them, whatever the umask.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivateFolderTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "egi-tests", "private-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (System.IO.Directory.Exists(root)) System.IO.Directory.Delete(root, recursive: true);
    }

    private static UnixFileMode ModeOf(string path) => File.GetUnixFileMode(path) & (UnixFileMode)0x1FF;

    [Fact]
    public void Every_missing_level_is_created_0700_and_an_existing_folder_keeps_its_mode()
    {
        System.IO.Directory.CreateDirectory(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        var existing = ModeOf(root);
        var deep = Path.Combine(root, "evidence", "12");

        PrivateFolder.Create(deep);

        Assert.Equal(PrivateFolder.Mode, ModeOf(Path.Combine(root, "evidence")));
        Assert.Equal(PrivateFolder.Mode, ModeOf(deep));
        Assert.Equal(existing, ModeOf(root));
        PrivateFolder.Create(deep); // again: nothing to do
        Assert.Equal(PrivateFolder.Mode, ModeOf(deep));
    }
}
