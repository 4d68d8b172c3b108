using AgentMesh.Setup.Toml;

namespace AgentMesh.Setup.Tests.Toml;

/// <summary>The TOML reader: what it accepts, how it splits a file into statements, and what it refuses.</summary>
public sealed class TomlParserTests
{
    private const string KitchenSink = """""
        # top comment
        title = "TOML \"Example\" \u00e9 \U0001F600 \t tab"
        literal = 'C:\Users\nodejs\templates'
        "quoted key" = 1
        'literal key' = -2
        dotted.key . "parts" = +3
        hex = 0xDEAD_beef
        oct = 0o755
        bin = 0b1101
        float = 6.626e-34
        floats = [inf, -inf, nan, +1.5, 1e10, 3_000.141_5]
        bools = [true, false]
        odt = 1979-05-27T07:32:00.999999-07:00
        ldt = 1979-05-27 07:32:00
        ld = 1979-05-27
        lt = 07:32:00
        short_time = 07:32
        multi = """
        Roses are red
          Violets are blue"""
        trimmed = """\
               The quick brown \
               fox."""
        quotes = """Here are two quotation marks: "". Simple enough.""""
        raw = '''
        The first newline is
        trimmed in raw strings.
        '''
        nested = [ [ 1, 2 ], ["a", 'b'], [ { x = 1 }, {} ] ]
        spread = [
          1,   # one
          2,
          # a comment line inside
        ]
        point = { x = 1, y = { z = "deep" }, "q k" = true }

        [table]   # comment after a header
        key = "value"

        [ spaced . "header" ]
        a = 1

        [[products]]
        name = "Hammer"

        [products.details]
        weight = 1

        [[products]]
        name = "Nail"

        [products.details]
        weight = 2
        """"";

    [Fact]
    public void Parse_KitchenSink_StatementsTileTheText()
    {
        var document = TomlParser.Parse(KitchenSink);

        Assert.Equal(KitchenSink, string.Concat(document.Statements.Select(document.TextOf)));
        Assert.Equal(0, document.Statements[0].Start);
        for (var i = 1; i < document.Statements.Count; i++)
        {
            Assert.Equal(document.Statements[i - 1].End, document.Statements[i].Start);
        }
        Assert.Equal(KitchenSink.Length, document.Statements[^1].End);
    }

    [Fact]
    public void Parse_KitchenSink_KeysTablesAndValues()
    {
        var document = TomlParser.Parse(KitchenSink);
        var values = document.Statements.Where(s => s.Kind == TomlStatementKind.KeyValue)
            .GroupBy(s => string.Join('/', s.FullPath))
            .ToDictionary(group => group.Key, group => group.Last().Value); // [[products]] repeats its keys

        Assert.Equal("TOML \"Example\" é 😀 \t tab", ((TomlString)values["title"]!).Value);
        Assert.Equal(@"C:\Users\nodejs\templates", ((TomlString)values["literal"]!).Value);
        Assert.Equal("Roses are red\n  Violets are blue", ((TomlString)values["multi"]!).Value);
        Assert.Equal("The quick brown fox.", ((TomlString)values["trimmed"]!).Value);
        Assert.Equal("Here are two quotation marks: \"\". Simple enough.\"", ((TomlString)values["quotes"]!).Value);
        Assert.Equal("The first newline is\ntrimmed in raw strings.\n", ((TomlString)values["raw"]!).Value);
        Assert.Equal("0xDEAD_beef", ((TomlScalar)values["hex"]!).Raw);
        Assert.Equal("1979-05-27 07:32:00", ((TomlScalar)values["ldt"]!).Raw);
        Assert.Equal(2, ((TomlArray)values["spread"]!).Items.Count);
        Assert.True(values.ContainsKey("dotted/key/parts"));
        Assert.True(values.ContainsKey("quoted key"));
        Assert.True(values.ContainsKey("spaced/header/a"));
        Assert.True(values.ContainsKey("products/details/weight"));
        var point = (TomlInlineTable)values["point"]!;
        Assert.Equal(["x", "y", "q k"], point.Entries.Select(e => e.Key[0]));
        Assert.Equal(["products", "details"], document.Statements.Last(s => s.IsHeader).Table);
    }

    [Fact]
    public void Parse_CrLfLineEndings_KeptInStatementsAndReported()
    {
        const string Text = "a = 1\r\n\r\n[t]\r\nb = \"\"\"x\r\ny\"\"\"\r\n";

        var document = TomlParser.Parse(Text);

        Assert.Equal("\r\n", document.NewLine);
        Assert.Equal(Text, string.Concat(document.Statements.Select(document.TextOf)));
        Assert.Equal("x\r\ny", ((TomlString)document.Statements[^1].Value!).Value);
    }

    [Fact]
    public void Parse_NoFinalNewline_LastStatementEndsAtEndOfText()
    {
        var document = TomlParser.Parse("a = 1\nb = 2");

        Assert.Equal(2, document.Statements.Count);
        Assert.Equal(2, document.Statements[1].Line);
        Assert.Equal("b = 2", document.TextOf(document.Statements[1]));
    }

    [Fact]
    public void Parse_InlineTableOverSeveralLines_AcceptedAsCodexDoes()
    {
        var document = TomlParser.Parse("env = {\n  A = \"1\",\n  B = \"2\",\n}\nnext = 1\n");

        Assert.Equal(2, document.Statements.Count);
        Assert.Equal(2, ((TomlInlineTable)document.Statements[0].Value!).Entries.Count);
        Assert.Equal(5, document.Statements[1].Line);
    }

    [Theory]
    [InlineData("a = 1 b = 2\n", 1, "needs a line of its own")]
    [InlineData("a =\n", 1, "expected a value")]
    [InlineData("= 1\n", 1, "cannot start a key")]
    [InlineData("a 1\n", 1, "expected '=' after the key 'a'")]
    [InlineData("a = \"\\q\"\n", 1, "'\\q' is not a TOML escape")]
    [InlineData("a = \"\\uD800\"\n", 1, "Unicode scalar value")]
    [InlineData("a = 'x\ny'\n", 1, "not closed on its line")]
    [InlineData("a = \"\"\"\nnever closed\n", 3, "opened at line 1 is never closed")]
    [InlineData("a = 01\n", 1, "'01' is not a TOML value")]
    [InlineData("a = 1__0\n", 1, "'1__0' is not a TOML value")]
    [InlineData("a = True\n", 1, "'True' is not a TOML value")]
    [InlineData("a = [1 2]\n", 1, "expected ',' or ']'")]
    [InlineData("a = [,]\n", 1, "',' cannot start a value")]
    [InlineData("a = { b = 1, b = 2 }\n", 1, "appears twice in the inline table")]
    [InlineData("a = 1\r\rb = 2\n", 1, "carriage return must be followed by a line feed")]
    [InlineData("# bell \u0007\n", 1, "control character U+0007 in a comment")]
    [InlineData("a = \"tab\tok\"\nb = \"bell\u0007\"\n", 2, "control character U+0007 in a string")]
    [InlineData("[a]\n[[a]]\n", 2, "[[a]] is already a table (line 1)")]
    [InlineData("[[a]]\n[a]\n", 2, "[a] is already an array of tables")]
    [InlineData("a = 1\n[a]\n", 2, "[a] is already a key (line 1)")]
    [InlineData("[a]\nb = 1\n[a.b]\n", 3, "[a.b] is already a key (line 2)")]
    [InlineData("[x]\n\"a.b\" = 1\na.b = 2\n[x]\n", 4, "the table [x] is defined twice")]
    [InlineData("a = \"\"\"x\"\"\"\"\"\"\n", 1, "too many quotes")]
    [InlineData("[table\n", 1, "expected ']' to close the table header")]
    public void Parse_InvalidToml_RejectedWithLine(string text, int line, string expected)
    {
        var error = Assert.Throws<TomlSyntaxException>(() => TomlParser.Parse(text));

        Assert.Equal(line, error.Line);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Parse_SameTableNameUnderDifferentArrayElements_Accepted()
    {
        var document = TomlParser.Parse("[[a]]\n[a.b]\nx = 1\n[[a]]\n[a.b]\nx = 2\n");

        Assert.Equal(6, document.Statements.Count);
    }

    [Fact]
    public void Parse_QuotedKeyWithDot_DistinctFromDottedKey()
    {
        var document = TomlParser.Parse("\"a.b\" = 1\na.b = 2\n");

        Assert.Equal(["a.b"], document.Statements[0].Key);
        Assert.Equal(["a", "b"], document.Statements[1].Key);
    }
}
