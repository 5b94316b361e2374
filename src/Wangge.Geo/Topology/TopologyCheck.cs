using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace Wangge.Geo.Topology;

/// <summary>
/// The check every import passes before any border is saved (issue 4 §3): each border on its own, the codes,
/// the parent links, and then per family (grids sharing a parent) the three coverage rules — inside the parent,
/// no overlap between siblings, no gap left in the parent.
/// </summary>
/// <remarks>
/// Problems come in a stable order: per-shape problems in input order, then duplicate codes, unknown
/// parents, unusable stored parents, then the family rules family by family. A shape with a problem of its
/// own (invalid, swapped, off the planet) and every repeat of a code after the first are left out of the
/// family rules.
/// </remarks>
public static class TopologyCheck
{
    /// <param name="shapes">The grids being imported (one or more levels).</param>
    /// <param name="existingParents">Borders of parents that are not in <paramref name="shapes"/> (code → border),
    /// used for the inside-parent and coverage checks. A parent in <paramref name="shapes"/> wins over one here,
    /// since the import replaces it.</param>
    public static IReadOnlyList<TopologyProblem> Check(
        IReadOnlyList<GridShape> shapes, IReadOnlyDictionary<string, Geometry> existingParents, TopologyOptions options)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        ArgumentNullException.ThrowIfNull(existingParents);
        ArgumentNullException.ThrowIfNull(options);
        if (!double.IsFinite(options.ToleranceM2) || options.ToleranceM2 < 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.ToleranceM2, "The tolerance must be a finite, non-negative area in m².");
        if (options.JurisdictionBounds is { IsNull: true })
            throw new ArgumentException("Jurisdiction bounds, when given, must not be a null envelope.", nameof(options));

        var problems = new List<TopologyProblem>();
        var usable = new bool[shapes.Count];
        for (var i = 0; i < shapes.Count; i++)
        {
            var shape = shapes[i] ?? throw new ArgumentException($"Shape {i} is null.", nameof(shapes));
            ArgumentNullException.ThrowIfNull(shape.Code, nameof(shapes));
            var inspection = ShapeInspection.Of(shape, i, options.JurisdictionBounds);
            problems.AddRange(inspection.Problems);
            usable[i] = inspection.Usable;
        }

        var first = FirstOccurrences(shapes, usable, problems);
        UnknownParents(shapes, first, existingParents, problems);

        var parents = new ParentBorders(shapes, usable, first, existingParents);
        var families = FamilyCheck.Run(shapes, usable, parents, options.ToleranceM2);
        problems.AddRange(parents.Problems);
        problems.AddRange(families);
        return problems;
    }

    /// <summary>
    /// Code → position of its first occurrence. Each later occurrence is reported once, naming both source
    /// indexes, and dropped from the geometry rules: which of two records is meant is for the user to say.
    /// </summary>
    private static Dictionary<string, int> FirstOccurrences(IReadOnlyList<GridShape> shapes, bool[] usable, List<TopologyProblem> problems)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < shapes.Count; i++)
        {
            var shape = shapes[i];
            if (first.TryAdd(shape.Code, i))
                continue;
            var original = first[shape.Code];
            usable[i] = false;
            problems.Add(new(TopologyProblemKind.DuplicateCode, shape.Code, null, shape.Border, 0,
                $"Grid code '{shape.Code}' appears more than once: at source index {Describe.SourceIndex(shapes[original], original)} " +
                $"('{shapes[original].Name}') and again at source index {Describe.SourceIndex(shape, i)} ('{shape.Name}')."));
        }
        return first;
    }

    private static void UnknownParents(IReadOnlyList<GridShape> shapes, Dictionary<string, int> first,
        IReadOnlyDictionary<string, Geometry> existingParents, List<TopologyProblem> problems)
    {
        for (var i = 0; i < shapes.Count; i++)
        {
            var shape = shapes[i];
            if (shape.ParentCode is not { } parent || first.ContainsKey(parent) || existingParents.ContainsKey(parent))
                continue;
            problems.Add(new(TopologyProblemKind.UnknownParent, shape.Code, parent, shape.Border, 0,
                $"{Describe.Grid(shape, i)} names parent '{parent}', which is neither in the import nor an existing grid."));
        }
    }

    /// <summary>Where each parent's border comes from, resolved once per parent code.</summary>
    internal sealed class ParentBorders(
        IReadOnlyList<GridShape> shapes, bool[] usable, Dictionary<string, int> first,
        IReadOnlyDictionary<string, Geometry> existingParents)
    {
        private readonly Dictionary<string, Geometry?> _resolved = new(StringComparer.Ordinal);
        private readonly List<TopologyProblem> _problems = [];

        /// <summary>Stored parent borders found unusable while resolving.</summary>
        public IReadOnlyList<TopologyProblem> Problems => _problems;

        /// <summary>
        /// The border to hold children against, or null when there is none worth using: no parent, an unknown
        /// one, or one whose own problems are already reported.
        /// </summary>
        public Geometry? For(string? code)
        {
            if (code is null)
                return null;
            if (_resolved.TryGetValue(code, out var known))
                return known;
            return _resolved[code] = Resolve(code);
        }

        private Geometry? Resolve(string code)
        {
            if (first.TryGetValue(code, out var index))
                return usable[index] ? shapes[index].Border : null;
            if (!existingParents.TryGetValue(code, out var stored))
                return null;
            // Stored borders passed this check when they were saved, but a bad one must not crash it or hide
            // every child behind a silent skip.
            var error = stored is null || stored.IsEmpty || stored is not (Polygon or MultiPolygon)
                ? "it is empty or not a polygon"
                : new IsValidOp(stored).ValidationError?.Message;
            if (error is null)
                return stored;
            _problems.Add(new(TopologyProblemKind.InvalidGeometry, code, null, stored, 0,
                $"The stored border of parent '{code}' is unusable ({error}); its children cannot be checked against it."));
            return null;
        }
    }
}
