using System.Text;
using Wangge.Core.Businesses;

namespace Wangge.Tests.Businesses.Import;

/// <summary>A folder of its own for each test's files, removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("wangge-import-").FullName;

    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Write(string name, string text, Encoding encoding, bool bom = false)
    {
        var bytes = encoding.GetBytes(text);
        return Write(name, bom ? [.. encoding.GetPreamble(), .. bytes] : bytes);
    }

    public string PathOf(string name) => Path.Combine(Root, name);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>Ledger rows as an import file has them, with real-looking credit codes.</summary>
internal static class LedgerFile
{
    public const string Header = "统一社会信用代码,企业名称,行业类别,经营地址,经度,纬度,成立日期";

    /// <summary>A unified social credit code of a Baiyun enterprise, its check character computed as GB 32100 says.</summary>
    public static string Code(int n)
    {
        var first17 = $"914401117{n:D8}";
        return first17 + CreditCode.CheckCharacter(first17);
    }

    /// <summary>A valid row for <see cref="Header"/>.</summary>
    public static string Row(int n, string separator = ",") =>
        string.Join(separator, Code(n), $"示例餐饮店{n}", "餐饮服务", $"广州市白云区景泰街道{n}号", "113.2731", "23.1658", "2019-05-20");
}
