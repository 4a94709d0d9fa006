using System.Globalization;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// Who allocates on a page: reads a dotnet-trace of the gc-verbose profile (an allocation tick every ~100 KB, with the
// type and the stack) and prints the share of the bytes by type, by the innermost frame of the application (Egi.*)
// and by the innermost four frames. bench/profile.sh MODE=alloc runs it; on its own:
//   dotnet run --project bench/Egi.Allocations -c Release -- page.nettrace [requests] [top]
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Egi.Allocations <trace.nettrace> [requests served while tracing] [top, default 25]");
    return 2;
}
var requests = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 0;
var top = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 25;
using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var byType = new Dictionary<string, double>();
var byOwnFrame = new Dictionary<string, double>();
var byStack = new Dictionary<string, double>();
double total = 0;
foreach (var e in log.Events)
{
    if (e is not GCAllocationTickTraceData tick) continue;
    double bytes = tick.AllocationAmount64;
    total += bytes;
    var type = tick.TypeName + (tick.AllocationKind == GCAllocationKind.Large ? " (large-object heap)" : "");
    var frames = new List<string>();
    for (var frame = e.CallStack(); frame is not null; frame = frame.Caller) frames.Add(frame.CodeAddress.FullMethodName ?? "?");
    Add(byType, type, bytes);
    Add(byOwnFrame, frames.FirstOrDefault(f => f.StartsWith("Egi.", StringComparison.Ordinal)) ?? "(no Egi frame)", bytes);
    Add(byStack, string.Join(" <- ", frames.Take(4).Select(f => f.Length > 90 ? f[..90] : f)) + $"  [{type}]", bytes);
}
Console.WriteLine(requests > 0
    ? $"{total / 1e6:F1} MB sampled over {requests} requests: {total / requests / 1024:F0} KB per request"
    : $"{total / 1e6:F1} MB sampled");
Print("By type", byType);
Print("By the innermost frame of the application", byOwnFrame);
Print("By the innermost four frames", byStack);
return 0;

static void Add(Dictionary<string, double> d, string key, double bytes) => d[key] = d.GetValueOrDefault(key) + bytes;

void Print(string title, Dictionary<string, double> d)
{
    Console.WriteLine($"== {title}");
    foreach (var (key, bytes) in d.OrderByDescending(x => x.Value).Take(top))
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{100 * bytes / total,6:F2} %  {key}"));
}
