using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;

namespace Egi.Web.Tests.Architecture;

/// <summary>
/// No helper of one feature is used by another (issue 15): a type declared under <c>Egi.Web.Features.X</c> (or a Razor
/// page of <c>Features/X/</c>) refers to no type declared under <c>Egi.Web.Features.Y</c>, Y ≠ X, except
/// <c>Features.Shared</c>, the kernel every feature may use. What several features need lives in Features/Shared,
/// Infrastructure or Egi.Domain. The check reads the compiled assembly: base types, interfaces, fields, properties,
/// signatures, attributes and every type, method and field a method body names (closures, async state machines and the
/// pages' compiled views included), so a use the text of a file hides (a <c>using</c> alias, a <c>var</c>) counts too.
/// </summary>
public sealed partial class FeatureBoundaryTests
{
    private const string FeaturesPrefix = "Egi.Web.Features.";
    private const string Shared = "Shared";

    [Fact]
    public void No_feature_uses_a_type_declared_in_another_feature()
    {
        var violations = Violations(typeof(Egi.Web.Data.EgiDbContext).Assembly);
        Assert.True(violations.Count == 0, "Tipos de una funcionalidad usados desde otra (muévalos a Features/Shared, Infrastructure o Egi.Domain):\n"
            + string.Join("\n", violations));
    }

    /// <summary>
    /// What the compiled code cannot show: a constant of another feature (the compiler copies its value, e.g. a policy's
    /// name in <c>RequireAuthorization</c>) or a <c>using</c> of another feature's namespace, in the source of the pages and classes.
    /// </summary>
    [Fact]
    public void No_feature_source_names_another_feature_namespace()
    {
        var features = Path.Combine(SourceRoot(), "src", "Egi.Web", "Features");
        var found = new List<string>();
        foreach (var file in System.IO.Directory.EnumerateFiles(features, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(features, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Length < 2 || parts[0] == Shared) continue;
            var own = parts[0];
            foreach (Match m in OtherFeatureName().Matches(File.ReadAllText(file)))
                if (m.Groups[1].Value is var other && other != own && other != Shared)
                    found.Add($"{own}: {relative.Replace('\\', '/')} nombra Features.{other}");
        }
        Assert.True(found.Count == 0, "Fuentes de una funcionalidad que nombran otra:\n" + string.Join("\n", found.Distinct()));
    }

    [GeneratedRegex(@"\b(?:Egi\.Web\.)?Features\.([A-Z]\w*)")]
    private static partial Regex OtherFeatureName();

    private static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Egi.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Egi.slnx not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void The_check_finds_a_use_across_features()
    {
        // The feature of each kind of type the check meets: a class, a nested compiler-generated one, a compiled page.
        Assert.Equal("Sessions", FeatureOf(typeof(Egi.Web.Features.Sessions.SessionInvitations)));
        Assert.Equal("Control", FeatureOf(typeof(Egi.Web.Features.Control.ControlPoints)));
        Assert.Null(FeatureOf(typeof(Egi.Web.Data.EgiDbContext)));
        var page = typeof(Egi.Web.Data.EgiDbContext).Assembly.GetTypes().First(t => t.Name == "Features_Control_Reminders");
        Assert.Equal("Control", FeatureOf(page));

        // A call in a method's body is seen: this helper's call into Control.
        var uses = ReferencedTypes(typeof(FakeSessionsHelper)).Select(FeatureOf).ToHashSet();
        Assert.Contains("Control", uses);
    }

    /// <summary>Stands for a helper of Sessions that calls into Control (what the rule forbids).</summary>
    private static class FakeSessionsHelper
    {
        public static string Label() => Egi.Web.Features.Control.ControlMessages.RoleLabel(Domain.Process.ReminderRole.Committee);
    }

    private static List<string> Violations(Assembly assembly)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            if (FeatureOf(type) is not { } user || user == Shared) continue;
            foreach (var used in ReferencedTypes(type))
                if (FeatureOf(used) is { } owner && owner != user && owner != Shared)
                    found.Add($"{user}: {Readable(Outermost(type))} usa {owner}: {Readable(Outermost(used))}");
        }
        return [.. found];
    }

    /// <summary>The feature a type belongs to: the folder under Features/ of its namespace, or of its compiled page; null outside Features.</summary>
    private static string? FeatureOf(Type type)
    {
        type = Outermost(type);
        if (type.Namespace is { } ns && ns.StartsWith(FeaturesPrefix, StringComparison.Ordinal))
            return ns[FeaturesPrefix.Length..].Split('.')[0];
        // Razor compiles Features/X/Page.cshtml into AspNetCoreGeneratedDocument.Features_X_Page.
        if (type.Namespace == "AspNetCoreGeneratedDocument" && type.Name.StartsWith("Features_", StringComparison.Ordinal))
            return type.Name.Split('_')[1] is { Length: > 0 } folder ? folder : null;
        return null;
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type;
    }

    private static string Readable(Type type) => type.Namespace == "AspNetCoreGeneratedDocument" ? type.Name : type.FullName ?? type.Name;

    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every type <paramref name="type"/> and its nested types name, in their declarations and in their code.</summary>
    private static HashSet<Type> ReferencedTypes(Type type)
    {
        var types = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null) return;
            if (t.HasElementType) { Add(t.GetElementType()); return; }
            if (t.IsGenericParameter) return;
            if (!types.Add(t)) return;
            if (t.IsConstructedGenericType)
                foreach (var a in t.GetGenericArguments()) Add(a);
        }
        void AddAttributes(IEnumerable<CustomAttributeData> attributes)
        {
            foreach (var a in attributes)
            {
                Add(a.AttributeType);
                foreach (var arg in a.ConstructorArguments.Concat(a.NamedArguments.Select(n => n.TypedValue)))
                    if (arg.Value is Type t) Add(t);
            }
        }
        foreach (var t in new[] { type }.Concat(Nested(type)))
        {
            Add(t.BaseType);
            foreach (var i in t.GetInterfaces()) Add(i);
            AddAttributes(t.GetCustomAttributesData());
            foreach (var f in t.GetFields(Everything)) { Add(f.FieldType); AddAttributes(f.GetCustomAttributesData()); }
            foreach (var p in t.GetProperties(Everything)) { Add(p.PropertyType); AddAttributes(p.GetCustomAttributesData()); }
            foreach (var m in t.GetMethods(Everything).Cast<MethodBase>().Concat(t.GetConstructors(Everything)))
            {
                if (m is MethodInfo mi) Add(mi.ReturnType);
                foreach (var p in m.GetParameters()) { Add(p.ParameterType); AddAttributes(p.GetCustomAttributesData()); }
                AddAttributes(m.GetCustomAttributesData());
                foreach (var used in TypesInBody(m)) Add(used);
            }
        }
        return types;
    }

    private static IEnumerable<Type> Nested(Type type) =>
        type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(n => new[] { n }.Concat(Nested(n)));

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The types of the members and types a method body's instructions name (call, newobj, ldfld, box, castclass, ldtoken…).</summary>
    private static IEnumerable<Type> TypesInBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var module = method.Module;
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var i = 0;
        while (i < il.Length)
        {
            short value = il[i++];
            if (value == 0xFE) value = (short)(0xFE00 | il[i++]);
            var op = OpCodesByValue[value];
            switch (op.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, i);
                    i += 4;
                    MemberInfo? member;
                    try
                    {
                        member = module.ResolveMember(token, typeArgs, methodArgs);
                    }
                    catch (ArgumentException)
                    {
                        member = null;
                    }
                    switch (member)
                    {
                        case Type t:
                            yield return t;
                            break;
                        case MethodBase m:
                            if (m.DeclaringType is { } owner) yield return owner;
                            if (m.IsGenericMethod) foreach (var a in m.GetGenericArguments()) yield return a;
                            break;
                        case FieldInfo f:
                            if (f.DeclaringType is { } fieldOwner) yield return fieldOwner;
                            break;
                    }
                    break;
                case OperandType.InlineSwitch:
                    var count = BitConverter.ToInt32(il, i);
                    i += 4 + (4 * count);
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                default:
                    i += 4;
                    break;
            }
        }
    }
}
