using System.Text;

namespace Ingest.Core.Stages;

/// <summary>
/// File signatures ("magic numbers") of binary formats that are never articles, whatever the file is called: the
/// leading bytes each format's specification fixes (PDF, ZIP and the Office Open XML, OpenDocument and EPUB files
/// built on it, OLE compound files, images, audio and video containers, compressed archives, executables, fonts,
/// databases). Source: the formats' specifications as the freedesktop.org shared-mime-info database lists them.
/// Signatures of two or three bytes that text could start with ("MZ", "BM") also need the fixed fields after them.
/// </summary>
internal static class BinarySignatures
{
    private delegate bool Check(ReadOnlySpan<byte> bytes);

    /// <summary>One format: <paramref name="Magic"/> at <paramref name="Offset"/>, and an extra test when the magic is short.</summary>
    private sealed record Signature(string Description, int Offset, byte[] Magic, Check? Confirm = null);

    private static byte[] B(string ascii) => Encoding.Latin1.GetBytes(ascii);

    private static readonly Signature[] Table =
    [
        new("a PDF document", 0, B("%PDF-")),
        new("a ZIP archive", 0, B("PK\x03\x04")),
        new("a ZIP archive", 0, B("PK\x05\x06")),
        new("a ZIP archive", 0, B("PK\x07\x08")),
        new("a Microsoft Office 97-2003 file (DOC, XLS or PPT)", 0, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
        new("an RTF document", 0, B("{\\rtf")),
        new("a PostScript document", 0, B("%!PS")),
        new("a PNG image", 0, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        new("a JPEG image", 0, [0xFF, 0xD8, 0xFF]),
        new("a GIF image", 0, B("GIF87a")),
        new("a GIF image", 0, B("GIF89a")),
        new("a TIFF image", 0, B("II*\0")),
        new("a TIFF image", 0, B("MM\0*")),
        // BMP: "BM", the file size, then four reserved zero bytes.
        new("a BMP image", 0, B("BM"), b => b.Length >= 14 && b[6..10].IndexOfAnyExcept((byte)0) < 0),
        new("a Photoshop image", 0, B("8BPS")),
        new("a WebP image", 8, B("WEBP"), b => b.StartsWith("RIFF"u8)),
        new("a WAV audio file", 8, B("WAVE"), b => b.StartsWith("RIFF"u8)),
        new("an AVI video", 8, B("AVI "), b => b.StartsWith("RIFF"u8)),
        new("an MP4, QuickTime or HEIF media file", 4, B("ftyp")),
        new("a Matroska or WebM video", 0, [0x1A, 0x45, 0xDF, 0xA3]),
        new("an Ogg media file", 0, B("OggS")),
        new("a FLAC audio file", 0, B("fLaC")),
        // MP3 with an ID3v2 tag: "ID3", major version 2-4, revision 0.
        new("an MP3 audio file", 0, B("ID3"), b => b.Length >= 5 && b[3] is >= 2 and <= 4 && b[4] == 0),
        new("a gzip archive", 0, [0x1F, 0x8B, 0x08]),
        new("a bzip2 archive", 0, B("BZh"), b => b.Length >= 10 && b[3] is >= (byte)'1' and <= (byte)'9' && b[4..10].SequenceEqual("1AY&SY"u8)),
        new("an xz archive", 0, [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]),
        new("a Zstandard archive", 0, [0x28, 0xB5, 0x2F, 0xFD]),
        new("a 7-Zip archive", 0, [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]),
        new("a RAR archive", 0, B("Rar!\x1A\x07")),
        new("an ELF executable", 0, [0x7F, 0x45, 0x4C, 0x46]),
        // DOS/Windows executables: "MZ", then a header whose fields hold zero bytes (text never does).
        new("a Windows executable", 0, B("MZ"), b => b.Length >= 64 && b[2..64].IndexOf((byte)0) >= 0),
        new("a Mach-O executable", 0, [0xFE, 0xED, 0xFA, 0xCE]),
        new("a Mach-O executable", 0, [0xFE, 0xED, 0xFA, 0xCF]),
        new("a Mach-O executable", 0, [0xCE, 0xFA, 0xED, 0xFE]),
        new("a Mach-O executable", 0, [0xCF, 0xFA, 0xED, 0xFE]),
        new("a Java class file or Mach-O universal binary", 0, [0xCA, 0xFE, 0xBA, 0xBE]),
        new("a WebAssembly module", 0, B("\0asm")),
        new("a web font", 0, B("wOFF")),
        new("a web font", 0, B("wOF2")),
        new("a TrueType font", 0, [0x00, 0x01, 0x00, 0x00, 0x00]),
        new("an SQLite database", 0, B("SQLite format 3\0")),
    ];

    /// <summary>Bytes of a ZIP file searched for the entry names that tell its kind.</summary>
    private const int ZipSniffBytes = 4096;

    /// <summary>What the bytes look like ("a PDF document"), or null when they start with no known binary signature.</summary>
    /// <param name="bytes">The file's bytes as stored.</param>
    public static string? Identify(ReadOnlySpan<byte> bytes)
    {
        foreach (var s in Table)
        {
            if (bytes.Length < s.Offset + s.Magic.Length || !bytes.Slice(s.Offset, s.Magic.Length).SequenceEqual(s.Magic)
                || s.Confirm is { } confirm && !confirm(bytes))
                continue;
            return s.Description == "a ZIP archive" ? ZipKind(bytes) : s.Description;
        }
        return null;
    }

    /// <summary>A ZIP file by its first entries: Word, Excel, PowerPoint, OpenDocument and EPUB files are ZIP archives.</summary>
    private static string ZipKind(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, ZipSniffBytes)];
        if (head.IndexOf("word/"u8) >= 0)
            return "a Word document (DOCX)";
        if (head.IndexOf("xl/"u8) >= 0)
            return "an Excel workbook (XLSX)";
        if (head.IndexOf("ppt/"u8) >= 0)
            return "a PowerPoint presentation (PPTX)";
        if (head.IndexOf("application/epub+zip"u8) >= 0)
            return "an EPUB e-book";
        if (head.IndexOf("application/vnd.oasis.opendocument"u8) >= 0)
            return "an OpenDocument file";
        return "a ZIP archive";
    }
}
