using System.Collections.Frozen;
using System.Text;

namespace Ingest.Core.Stages.Entities;

/// <summary>Token forms for <see cref="NerFeatures"/>: stable hashes, shapes and case classes.</summary>
internal static partial class NerFeatures
{
    /// <summary>A 64-bit FNV-1a hash of <paramref name="s"/>: stable across processes (unlike <see cref="string.GetHashCode()"/>).</summary>
    public static ulong Hash(ReadOnlySpan<char> s)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in s)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return h;
    }

    /// <summary>Mixes two values into one feature key (a splitmix64 finaliser over a multiply-xor).</summary>
    public static ulong Mix(ulong a, ulong b)
    {
        ulong h = (a + 0x9E3779B97F4A7C15UL) * 0xBF58476D1CE4E5B9UL ^ b;
        h ^= h >> 31;
        h *= 0x94D049BB133111EBUL;
        h ^= h >> 29;
        return h;
    }

    /// <summary>The token's form for features: curly quotes straightened ("’s" → "'s", “ → ").</summary>
    public static string Normalise(string t)
    {
        if (t.Length == 1)
            return t[0] switch { '“' or '”' or '„' or '«' or '»' => "\"", '‘' or '’' => "'", '—' or '–' => "--", _ => t };
        return t.Contains('’') ? t.Replace('’', '\'') : t;
    }

    /// <summary>Shape with runs collapsed: "Xx", "X.X.", "Xx-Xx", "d", "xXx".</summary>
    public static string Shape(string t)
    {
        var sb = new StringBuilder(Math.Min(t.Length, 12));
        char last = '\0';
        foreach (char c in t)
        {
            char k = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : char.IsLetter(c) ? 'x' : c;
            if (k != last)
                sb.Append(k);
            last = k;
            if (sb.Length >= 12)
                break;
        }
        return sb.ToString();
    }

    /// <summary>The <see cref="Hash"/> of <see cref="Shape"/>, without building the string.</summary>
    public static ulong ShapeHash(string t)
    {
        Span<char> buffer = stackalloc char[12];
        int n = 0;
        char last = '\0';
        foreach (char c in t)
        {
            char k = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : char.IsLetter(c) ? 'x' : c;
            if (k != last)
                buffer[n++] = k;
            last = k;
            if (n >= 12)
                break;
        }
        return Hash(buffer[..n]);
    }

    /// <summary>The case class of a token (<see cref="CaseLower"/> … <see cref="CaseOther"/>).</summary>
    public static int CaseOf(string t)
    {
        bool upper = false, lower = false, digit = false, letter = false, upperAfterFirst = false, allPunct = true;
        for (int k = 0; k < t.Length; k++)
        {
            char c = t[k];
            if (char.IsUpper(c))
            {
                upper = letter = true;
                upperAfterFirst |= k > 0;
            }
            else if (char.IsLower(c)) lower = letter = true;
            else if (char.IsLetter(c)) letter = true;
            else if (char.IsDigit(c)) digit = true;
            if (!(char.IsPunctuation(c) || char.IsSymbol(c)))
                allPunct = false;
        }
        if (!letter)
            return digit ? CaseDigit : allPunct ? CasePunct : CaseOther;
        if (!upper)
            return CaseLower;
        if (char.IsUpper(t[0]) && !lower)
            return t.Length > 1 ? CaseUpper : CaseTitle;
        if (char.IsUpper(t[0]) && !upperAfterFirst)
            return CaseTitle;
        return CaseMixed;
    }

    private static bool HasUpper(string t)
    {
        foreach (char c in t)
            if (char.IsUpper(c))
                return true;
        return false;
    }
}
