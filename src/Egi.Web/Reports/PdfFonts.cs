using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Egi.Web.Reports;

/// <summary>
/// PDFsharp 6 on Linux has no system fonts of its own: every PDF of EGI is set in DejaVu Sans (regular and bold), embedded
/// in this assembly (Reports/Fonts, Bitstream Vera licence), so a PDF looks the same on every server whatever fonts it has.
/// </summary>
public static class PdfFonts
{
    public const string Family = "DejaVu Sans";

    private static readonly Lock Gate = new();

    /// <summary>Installs the resolver once per process (PDFsharp keeps it in a global setting).</summary>
    public static void EnsureResolver()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not EmbeddedFontResolver) GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
        }
    }

    private sealed class EmbeddedFontResolver : IFontResolver
    {
        private const string Regular = "DejaVuSans";
        private const string Bold = "DejaVuSans-Bold";
        private static readonly ConcurrentDictionary<string, byte[]> Faces = new(StringComparer.Ordinal);

        // Every family asked for is set in DejaVu Sans; italic is simulated (the regular and bold faces are the only ones shipped).
        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

        public byte[] GetFont(string faceName) => Faces.GetOrAdd(faceName, name =>
        {
            using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream($"Egi.Web.Reports.Fonts.{name}.ttf")
                ?? throw new InvalidOperationException($"The font {name} is not embedded in Egi.Web.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }
}
