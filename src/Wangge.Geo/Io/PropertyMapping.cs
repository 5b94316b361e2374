namespace Wangge.Geo.Io;

/// <summary>
/// Which of a file's properties hold a grid's code, name and parent code. Every file names them differently
/// (adcode, CODE, 名称…), so the importer says which, or relies on the common names.
/// </summary>
public static class PropertyMapping
{
    private static readonly string[] DefaultCode = ["code", "adcode", "CODE", "id"];
    private static readonly string[] DefaultName = ["name", "NAME", "名称"];
    private static readonly string[] DefaultParent = ["parent", "parentCode", "PARENT"];

    /// <summary>The common names: code ← code|adcode|CODE|id, name ← name|NAME|名称, parent ← parent|parentCode|PARENT.</summary>
    public static Map Default { get; } = new(DefaultCode, DefaultName, DefaultParent);

    /// <summary>
    /// A mapping from text such as <c>code=adcode,name=name,parent=parent</c>. Each target may list candidates
    /// separated by '|', tried in order (<c>code=adcode|id</c>); a target left out keeps its default, and an
    /// empty one (<c>parent=</c>) means the file has none. Null or blank gives <see cref="Default"/>.
    /// </summary>
    /// <exception cref="FormatException">The text names an unknown target, repeats one, or lacks '='.</exception>
    public static Map Parse(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec))
            return Default;
        string[]? code = null, name = null, parent = null;
        foreach (var part in spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0)
                throw new FormatException($"property mapping \"{part}\" should look like code=adcode");
            var target = part[..eq].Trim().ToLowerInvariant();
            var candidates = part[(eq + 1)..].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var already = target switch
            {
                "code" => code,
                "name" => name,
                "parent" => parent,
                _ => throw new FormatException(
                    $"property mapping names \"{part[..eq].Trim()}\"; the targets are code, name and parent"),
            };
            if (already is not null)
                throw new FormatException($"property mapping gives \"{target}\" twice");
            _ = target switch
            {
                "code" => code = candidates,
                "name" => name = candidates,
                _ => parent = candidates,
            };
        }
        return new Map(code ?? DefaultCode, name ?? DefaultName, parent ?? DefaultParent);
    }

    /// <summary>The candidate property names for each target, tried in order.</summary>
    public sealed record Map(string[] Code, string[] Name, string[] Parent)
    {
        public string? CodeOf(BorderFeature f) => Find(f, Code);

        public string? NameOf(BorderFeature f) => Find(f, Name);

        public string? ParentOf(BorderFeature f) => Find(f, Parent);

        /// <summary>
        /// The first candidate with a non-blank value, trimmed. Exact names are tried before a case-insensitive
        /// match, since a .dbf often upper-cases what the user typed in lower case (ADCODE for adcode).
        /// </summary>
        private static string? Find(BorderFeature f, string[] candidates)
        {
            ArgumentNullException.ThrowIfNull(f);
            foreach (var key in candidates)
            {
                if (f.Properties.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v))
                    return v.Trim();
            }
            foreach (var key in candidates)
            {
                foreach (var (k, v) in f.Properties)
                {
                    if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(v))
                        return v.Trim();
                }
            }
            return null;
        }
    }
}
