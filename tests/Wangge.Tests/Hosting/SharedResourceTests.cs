using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Wangge.Core.Businesses;
using Wangge.Core.Risk;
using Wangge.Resources;

namespace Wangge.Tests.Hosting;

/// <summary>Every text a user reads exists in English and Chinese, with the same placeholders, and one word per value.</summary>
public sealed partial class SharedResourceTests
{
    private static readonly ResourceManager Resources = new(typeof(SharedResource));

    private static Dictionary<string, string> Texts(string culture) =>
        Resources.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static Dictionary<string, string> English => Texts("");
    private static Dictionary<string, string> Chinese => Texts("zh-Hans");

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    private static string[] Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Resources_EveryKey_ExistsInEnglishAndInChinese()
    {
        var english = English.Keys.ToHashSet();
        var chinese = Chinese.Keys.ToHashSet();
        Assert.Empty(english.Except(chinese).Order());
        Assert.Empty(chinese.Except(english).Order());
    }

    [Fact]
    public void Resources_EveryKey_HasTheSamePlaceholdersInBothLanguages()
    {
        var chinese = Chinese;
        var differ = English.Where(e => chinese.TryGetValue(e.Key, out var zh) && !Placeholders(e.Value).SequenceEqual(Placeholders(zh)))
            .Select(e => $"{e.Key}: {e.Value} | {chinese[e.Key]}").ToList();
        Assert.Empty(differ);
    }

    [Fact]
    public void Resources_ChineseTexts_AreChinese()
    {
        // A text left in English in the Chinese file: at least three English words and not one Chinese character.
        var english = Chinese.Where(e => !e.Value.Any(c => c is >= '\u4e00' and <= '\u9fff') && Regex.IsMatch(e.Value, @"[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}"))
            .Select(e => $"{e.Key}: {e.Value}").ToList();
        Assert.Empty(english);
    }

    [Fact]
    public void Status_OneWordEach_OnPagesAndInExports()
    {
        var chinese = Chinese;
        foreach (var s in Enum.GetValues<BusinessStatus>())
            Assert.Equal(LedgerLabels.Of(s), chinese[$"Status.{s}"]);
        Assert.Equal(LedgerLabels.Of(BusinessStatus.Operating), chinese["Ledger.Operating"]);
        Assert.StartsWith(LedgerLabels.Of(BusinessStatus.Operating), chinese["Home.Operating"], StringComparison.Ordinal);
        Assert.Equal(LedgerLabels.KeyFirms, chinese["Home.KeyFirms"]);
        Assert.Equal(LedgerLabels.KeyFirms, chinese["Ledger.KeyFirms"]);
    }

    [Fact]
    public void RiskClass_OneWordEach_OnPagesAndInExports()
    {
        var chinese = Chinese;
        foreach (var c in Enum.GetValues<RiskClass>())
            Assert.StartsWith(LedgerLabels.Of(c) + " ", chinese[$"RiskClass.{c}"], StringComparison.Ordinal);
        Assert.StartsWith(LedgerLabels.Of(RiskClass.D), chinese["Ledger.ClassD"], StringComparison.Ordinal);
        // No other spelling of a class (A 级, A级, A 类) anywhere in the Chinese texts.
        Assert.Empty(Chinese.Where(e => Regex.IsMatch(e.Value, @"[ABCD](\s+类|\s*级)")).Select(e => $"{e.Key}: {e.Value}"));
    }

    /// <summary>The codes the domain and the executable raise (<c>RuleViolation.Invalid(field, "code", …)</c>,
    /// <c>Conflict</c>, <c>new RuleViolation("code", …)</c>), read from the source so that a new one cannot be missed.</summary>
    private static SortedSet<string> RaisedCodes()
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Wangge.Tests.Infrastructure.RepoFiles.Root, "src"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains("node_modules")))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in RaisedCode().Matches(text)) codes.Add(m.Groups["code"].Value);
            // A business's texts share one pattern of codes, one per field.
            if (text.Contains("business_{field}_", StringComparison.Ordinal))
                foreach (Match f in BusinessTextField().Matches(text))
                    codes.UnionWith([$"business_{f.Groups["field"].Value}_required", $"business_{f.Groups["field"].Value}_too_long"]);
        }
        return codes;
    }

    [GeneratedRegex("""RuleViolation\.(?:Invalid|Conflict)\(\s*[^,()]+(?:\([^()]*\))?,\s*"(?<code>[a-z_]+)"|new RuleViolation\("(?<code>[a-z_]+)"(?=[,)])""")]
    private static partial Regex RaisedCode();

    [GeneratedRegex("""(?:CheckedText|Optional)\([^,()]+,\s*"(?<field>\w+)"(?=[,)])""")]
    private static partial Regex BusinessTextField();

    [Fact]
    public void Violations_EveryCodeRaised_HasItsSentenceInEnglishAndInChinese()
    {
        var (english, chinese, codes) = (English, Chinese, RaisedCodes());
        Assert.True(codes.Count > 100, $"only {codes.Count} codes found: is the source scan broken?");
        Assert.Empty(codes.Where(c => !english.ContainsKey($"Violation.{c}")).Select(c => $"Violation.{c} (English)"));
        Assert.Empty(codes.Where(c => !chinese.ContainsKey($"Violation.{c}")).Select(c => $"Violation.{c} (Chinese)"));
    }

    [Fact]
    public void Violations_ChineseSentences_HaveNoEnglishRun()
    {
        // Acronyms and file names (CSV, GB18030, If-Match) are allowed; an English phrase of three words is not.
        var english = Chinese.Where(e => e.Key.StartsWith("Violation.", StringComparison.Ordinal) && Regex.IsMatch(e.Value, @"[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}"))
            .Select(e => $"{e.Key}: {e.Value}");
        Assert.Empty(english);
    }

    // The readers' codes: "new BorderFileException("zip_no_prj", …" and the codes chosen by a table ("format_png").
    [GeneratedRegex("""new BorderFileException\("(?<code>[a-z0-9_]+)"|"(?<code>(?:format|shp_holds)_[a-z0-9_]+)"[,)]""")]
    private static partial Regex BorderFileCode();

    [Fact]
    public void BorderFiles_EveryCodeTheReadersRaise_HasItsSentenceInEnglishAndInChinese()
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Wangge.Tests.Infrastructure.RepoFiles.Root, "src"), "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")))
            foreach (Match m in BorderFileCode().Matches(File.ReadAllText(file))) codes.Add(m.Groups["code"].Value);
        var (english, chinese) = (English, Chinese);

        Assert.True(codes.Count > 40, $"only {codes.Count} codes found: is the source scan broken?");
        Assert.Empty(codes.Where(c => !english.ContainsKey($"BorderFile.{c}")).Select(c => $"BorderFile.{c} (English)"));
        Assert.Empty(codes.Where(c => !chinese.ContainsKey($"BorderFile.{c}")).Select(c => $"BorderFile.{c} (Chinese)"));
        // And no sentence is left over from a code that is gone.
        var leftOver = english.Keys.Where(k => k.StartsWith("BorderFile.", StringComparison.Ordinal)).Select(k => k["BorderFile.".Length..]).Except(codes);
        Assert.Equal([], leftOver.ToArray());
    }

    [Fact]
    public void BorderFiles_ChineseSentences_HaveNoEnglishRun()
    {
        var english = Chinese.Where(e => e.Key.StartsWith("BorderFile.", StringComparison.Ordinal) && Regex.IsMatch(e.Value, @"[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}"))
            .Select(e => $"{e.Key}: {e.Value}");
        Assert.Empty(english);
    }
}
