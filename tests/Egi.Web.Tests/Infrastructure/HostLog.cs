using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Egi.Web.Tests.Infrastructure;

/// <summary>
/// An opt-in count of application host starts, to see where the suite's time goes: with
/// <c>EGI_TEST_HOST_LOG=&lt;file&gt;</c>, every host start appends one line «test class, provider, kind» to the file
/// (kind: <c>own</c> a host a test builds, <c>shared</c> a class's <see cref="SharedHost"/>, <c>template</c> the host
/// that builds a template database, <c>second</c> a <see cref="EgiAppFactory.SecondInstance"/>). Without it, nothing.
/// <code>cut -f1,3 hosts.log | sort | uniq -c | sort -rn</code> gives the starts per class.
/// </summary>
internal static class HostLog
{
    private static readonly string? File = Environment.GetEnvironmentVariable("EGI_TEST_HOST_LOG") is { Length: > 0 } f ? f : null;
    private static readonly Lock Gate = new();

    public static bool Enabled => File is not null;

    public static void Write(string owner, Db db, string kind)
    {
        if (File is null) return;
        lock (Gate) System.IO.File.AppendAllText(File, $"{owner}\t{db}\t{kind}\n");
    }

    /// <summary>
    /// The test class on the caller's stack: the first type of this assembly with test methods, else the first type of
    /// this assembly outside Infrastructure (a helper or fixture that builds hosts), else «?».
    /// </summary>
    public static string CallingTestClass()
    {
        var assembly = typeof(HostLog).Assembly;
        string? first = null;
        foreach (var frame in new StackTrace().GetFrames())
        {
            var type = frame.GetMethod()?.DeclaringType;
            // A state machine or a lambda's closure: the class that wrote it.
            while (type is { DeclaringType: not null } && type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false))
                type = type.DeclaringType;
            if (type is null || type.Assembly != assembly || type.Namespace == typeof(HostLog).Namespace) continue;
            if (type.GetMethods().Any(m => m.IsDefined(typeof(FactAttribute), inherit: true))) return type.Name;
            first ??= type.Name;
        }
        return first ?? "?";
    }
}
