namespace Egi.Web.Infrastructure;

/// <summary>
/// The folders EGI writes into (the data folder, evidence, pending imports, the mail pickup folder, backups) hold
/// personal data: they are created readable by the service's own user only (0700 on Linux), whatever the process's
/// umask. A folder that already exists keeps its permissions (the operator's choice).
/// </summary>
public static class PrivateFolder
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static DirectoryInfo Create(string path)
    {
        if (OperatingSystem.IsWindows()) return Directory.CreateDirectory(path);
        // Directory.CreateDirectory(path, mode) gives the mode to the last folder only (its parents get the default):
        // each missing one is created on its own, from the outermost.
        var missing = new Stack<string>();
        for (var folder = Path.GetFullPath(path); !Directory.Exists(folder); folder = Path.GetDirectoryName(folder)!)
        {
            missing.Push(folder);
            if (Path.GetDirectoryName(folder) is null) break;
        }
        while (missing.Count > 0) Directory.CreateDirectory(missing.Pop(), Mode);
        return new DirectoryInfo(path);
    }
}
