namespace Ingest.Storage.Tests;

public class TableKeysTests
{
    public static TheoryData<string> Values => new()
    {
        "",
        "plain",
        "a/b\\c#d?e",
        "100% sure",
        "%2F is not a slash",
        "tab\there\nnewline\u0000nul\u001Fus",
        "del\u007Fc1\u0080\u0085\u009Fend",
        "caf\u00E9 \u65E5\u672C \U0001F600",
        "////",
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Escape_round_trips(string value)
    {
        string key = TableKeys.Escape(value);
        Assert.Equal(value, TableKeys.Unescape(key));
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Escaped_key_has_no_forbidden_characters(string value)
    {
        string key = TableKeys.Escape(value);
        foreach (char c in key)
        {
            Assert.DoesNotContain(c, "/\\#?");
            Assert.False(c <= '\u001F' || (c >= '\u007F' && c <= '\u009F'), $"control character U+{(int)c:X4} in key");
        }
    }

    [Fact]
    public void Escape_uses_percent_hex_and_leaves_other_text_alone()
    {
        Assert.Equal("a%2Fb%5Cc%23d%3Fe%25f%0Ag%85", TableKeys.Escape("a/b\\c#d?e%f\ng\u0085"));
        Assert.Equal("Ünïcödé words", TableKeys.Escape("Ünïcödé words"));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("abc%2")]
    [InlineData("%zz")]
    public void Unescape_rejects_malformed_sequences(string key) =>
        Assert.Throws<FormatException>(() => TableKeys.Unescape(key));

    [Theory]
    [InlineData("Elena Varga", "elena varga")]
    [InlineData("  ELENA   VARGA ", "elena varga")]
    [InlineData("The New York Times", "new york times")]
    [InlineData("the  guardian", "guardian")]
    [InlineData("The", "the")]
    [InlineData("Theresa May", "theresa may")]
    [InlineData("O\u2019Brien", "o'brien")]
    [InlineData("line\nbreak", "line break")]
    public void NormalizeName_folds_case_space_and_leading_the(string name, string expected) =>
        Assert.Equal(expected, TableKeys.NormalizeName(name));

    [Fact]
    public void NameKey_matches_case_insensitively_and_escapes()
    {
        Assert.Equal(TableKeys.NameKey("AC/DC"), TableKeys.NameKey("  ac/dc "));
        Assert.Equal("ac%2Fdc", TableKeys.NameKey("AC/DC"));
        Assert.Equal("", TableKeys.NameKey("   "));
    }

    [Fact]
    public void NormalizePrefix_keeps_one_trailing_space()
    {
        Assert.Equal("john ", TableKeys.NormalizePrefix("John  "));
        Assert.Equal("b", TableKeys.NormalizePrefix("The B"));
        Assert.Equal("the", TableKeys.NormalizePrefix("The"));
        Assert.Equal("", TableKeys.NormalizePrefix("  "));
    }

    [Fact]
    public void Long_names_are_bounded_and_stay_distinct()
    {
        string a = new string('x', 600) + "a";
        string b = new string('x', 600) + "b";
        string ka = TableKeys.NameKey(a);
        string kb = TableKeys.NameKey(b);
        Assert.True(ka.Length <= TableKeys.MaxNameKeyLength);
        Assert.NotEqual(ka, kb);
        Assert.StartsWith(new string('x', 190), ka);
    }

    [Fact]
    public void Bounded_does_not_cut_an_escape_sequence()
    {
        string name = new string('y', 199) + new string('/', 100);
        string key = TableKeys.NameKey(name);
        int tilde = key.IndexOf('~');
        Assert.True(tilde > 0);
        string kept = key[..tilde];
        Assert.Equal(kept, TableKeys.Escape(TableKeys.Unescape(kept)));
    }

    [Theory]
    [InlineData("john kerry", "j")]
    [InlineData("%2Fslash", "%2F")]
    [InlineData("\U0001F600 smile", "\U0001F600")]
    public void NamePartition_is_the_first_escaped_character(string key, string expected) =>
        Assert.Equal(expected, TableKeys.NamePartition(key));

    [Fact]
    public void TextHash_ignores_case_and_spacing()
    {
        Assert.Equal(TableKeys.TextHash("We will  build it."), TableKeys.TextHash(" we will build IT."));
        Assert.NotEqual(TableKeys.TextHash("We will build it."), TableKeys.TextHash("We will not build it."));
        Assert.Equal(16, TableKeys.TextHash("x").Length);
    }

    [Theory]
    [InlineData("Jose\u0301 Nu\u0301n\u0303ez", "jos\u00E9 n\u00FA\u00F1ez")]
    [InlineData("A\u030Angstr\u00F6m", "\u00E5ngstr\u00F6m")]
    [InlineData("Ada\u200B Quill\u00AD", "ada quill")]
    [InlineData("\uFEFFAda\u2060 Quill", "ada quill")]
    public void NormalizeName_is_NFC_and_drops_invisible_characters(string name, string expected)
    {
        Assert.Equal(expected, TableKeys.NormalizeName(name));
        Assert.Equal(TableKeys.NameKey(expected), TableKeys.NameKey(name));
    }

    [Fact]
    public void NormalizePrefix_is_NFC_too() =>
        Assert.Equal("jos\u00E9 ", TableKeys.NormalizePrefix("Jose\u0301 "));

    [Theory]
    [InlineData("Jos\u00E9 N\u00FA\u00F1ez")]
    [InlineData("Jose\u0301 Nu\u0301n\u0303ez")]
    [InlineData("Ada\u200B\u200C\u200D\u2060\uFEFF\u00AD Quill")]
    [InlineData("  Ada \u00A0 Quill ")]
    public void A_typed_name_keys_like_the_pipeline_text_of_that_name(string typed) =>
        // Index rows are written from pipeline text (TextNormalizer), queries from what a user typed.
        Assert.Equal(TableKeys.NameKey(Ingest.Core.Stages.TextNormalizer.Normalize(typed)), TableKeys.NameKey(typed));

    [Fact]
    public void TextHash_ignores_composition()
    {
        Assert.Equal(TableKeys.TextHash("Caf\u00E9 soon."), TableKeys.TextHash("Cafe\u0301 soon."));
    }
}
