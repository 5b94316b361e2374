using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using Wangge.Core.Common;
using Wangge.Core.Grids;
using Wangge.Data;
using Wangge.Geo;
using Wangge.Geo.Geodesy;
using Wangge.Geo.Io;
using Wangge.Geo.Synthesis;
using Wangge.Geo.Topology;
using Wangge.Imports;
using Wangge.Data.Common;

namespace Wangge.Grids;

public sealed record GridImportSettings(BorderFormat? Format = null, InputCrs Crs = InputCrs.Wgs84, string? Mapping = null,
    string? Parent = null, DateOnly? ValidFrom = null, string? Reason = null, bool Save = true, bool Repair = false)
{
    /// <summary>
    /// One grid at a time (the grid editor): the shapes are a family with the grid drawn, so other grids neither end nor
    /// must fill their parent yet, while every other rule (overlap, inside the parent, codes, scope) holds as for a file.
    /// </summary>
    public bool OneAtATime { get; init; }
    /// <summary>The version each grid was read at (code → version); the save writes only over that version.</summary>
    public IReadOnlyDictionary<string, int> ReadVersions { get; init; } = new Dictionary<string, int>();
}

/// <summary>One problem found in a border file, with the place to draw it.</summary>
public sealed record ImportProblem(string Kind, string? Code, string? OtherCode, int? Feature, string Message, Geometry? Location, double AreaM2);

/// <summary>
/// One change the explicit repair made to the file's borders (<see cref="RepairKind"/>), with its area and place; or,
/// for <c>Unrepairable</c>, a border it could not make valid. Nothing of it is saved unless the user confirmed.
/// </summary>
public sealed record ImportRepair(string Kind, string Code, string? OtherCode, double AreaM2, double Lon, double Lat, Geometry? Location);

public sealed record GridImportReport(int Features, int Created, int Redrawn, int Unchanged, int Ended,
    PlacementResult? Placement, IReadOnlyList<ImportProblem> Problems, bool Saved)
{
    /// <summary>Rings that were repaired on the way in because the repair changed no area (spikes, self-touching rings).</summary>
    public IReadOnlyList<RingRepair> Repairs { get; init; } = [];
    /// <summary>What was saved as given but deserves a look: codes missing from the current division list.</summary>
    public IReadOnlyList<ImportWarning> Warnings { get; init; } = [];

    /// <summary>What the explicit repair (<see cref="GridImportSettings.Repair"/>) changed; empty without it.</summary>
    public IReadOnlyList<ImportRepair> RepairChanges { get; init; } = [];
}

/// <summary>A remark on a border that does not stop the import (kind "RetiredCode": not in the current division list).</summary>
/// <summary>A border's ring repaired on the way in (a spike or a self-touching ring), by how much its area changed; worded by <see cref="RepairText.Ring"/>.</summary>
public sealed record RingRepair(string Code, string Name, double AreaChangeM2);

public sealed record ImportWarning(string Kind, string Code, string Message);

/// <summary>
/// Imports grid borders: read, map properties to code/name/parent, check codes and topology, and only if
/// nothing is wrong save the whole file in one transaction (new grids, new border versions, ended grids)
/// and re-place the businesses below. A file gives the complete set of children of each parent it names.
/// </summary>
public sealed class GridImport(WanggeDbContext db, PlacementService placement, IOptions<GridsOptions> options, JurisdictionClock clock,
    IOptions<ImportOptions> limits, DivisionNames divisions)
{

    public async Task<GridImportReport> RunAsync(Stream file, string? fileName, GridImportSettings settings, CancellationToken ct)
    {
        var problems = new List<ImportProblem>();
        if (settings.Reason is { } why && HasControlCharacter(why))
            throw RuleViolation.Invalid("reason", "control_character", "The reason holds a control character (such as NUL); remove it.");
        PropertyMapping.Map mapping;
        try { mapping = PropertyMapping.Parse(settings.Mapping); }
        catch (FormatException e)
        {
            throw new RuleViolation("property_mapping_invalid", $"The property mapping is not valid: {e.Message} (e.g. code=adcode,name=name,parent=parent).", "mapping")
                { Arguments = [settings.Mapping!] };
        }
        var raw = new List<(BorderFeature Feature, string? Code, string? Name, string? Parent)>();
        try
        {
            var format = settings.Format ?? BorderReader.Sniff(file, fileName);
            file.Position = 0;
            var vertices = 0L;
            foreach (var read in BorderReader.Read(file, format, settings.Crs))
            {
                var f = read;
                if (f.Geometry is { } g && (vertices += g.NumPoints) > limits.Value.MaxVerticesPerFile)
                    throw RuleViolation.Invalid("file", "file_too_many_vertices",
                        $"The file has more than {limits.Value.MaxVerticesPerFile} vertices (setting Wangge:Imports:MaxVerticesPerFile); simplify the borders or import them in parts.");
                // A border of that many vertices would keep the check busy for minutes; it is refused, unread.
                if (f.Geometry is { NumPoints: var n } && n > limits.Value.MaxVerticesPerFeature)
                    f = f with { Geometry = null, Problem = $"its border has {n} vertices, more than {limits.Value.MaxVerticesPerFeature} (setting Wangge:Imports:MaxVerticesPerFeature); simplify it" };
                if (f.Problem is not null) problems.Add(new ImportProblem(f.ProblemKind ?? "Unreadable", mapping.CodeOf(f), null, f.Index, $"Feature {f.Index + 1}: {f.Problem}",
                    f.ProblemPlace is { } place ? Wgs84.Factory.CreatePoint(place) : null, 0));
                raw.Add((f, mapping.CodeOf(f), mapping.NameOf(f), mapping.ParentOf(f) ?? settings.Parent));
            }
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidDataException or ArgumentException
                                      or IndexOutOfRangeException or OverflowException or EndOfStreamException or NotSupportedException)
        {
            // The readers name what they know (BorderFileException); anything else a broken file makes them throw says less.
            throw new BorderFileException("unreadable", $"the file cannot be read: {e.Message}", null, e);
        }
        var byName = divisions.Resolve(raw.Where(r => r.Code is null && r.Name is not null).Select(r => r.Name!));

        var existing = await db.Grids.Unscoped(UnscopedReason.Topology).Where(g => g.ValidTo == null).ToDictionaryAsync(g => g.Code, ct);
        var shapes = new List<GridShape>();
        foreach (var (f, rawCode, name, parent) in raw)
        {
            var code = rawCode ?? (name is null ? null : byName.GetValueOrDefault(name));
            if (code is null || !GridCode.TryParse(code, out var gridCode))
            {
                problems.Add(new ImportProblem("BadCode", code, null, f.Index,
                    code is null ? $"Feature {f.Index + 1} ({name ?? "no name"}) has no code and its name matches no known division." : $"Feature {f.Index + 1}: '{code}' is not a grid code.", f.Geometry, 0));
                continue;
            }
            if (name is not null && (HasControlCharacter(name) || name.Length > Grid.MaxNameLength))
            {
                problems.Add(new ImportProblem("BadName", gridCode.Value, null, f.Index,
                    $"Feature {f.Index + 1}: the name of {gridCode.Value} holds a control character or is longer than {Grid.MaxNameLength} characters.", null, 0));
                continue;
            }
            shapes.Add(new GridShape(gridCode.Value, name ?? gridCode.Value, parent is null ? null : GridCode.TryParse(parent, out var p) ? p.Value : parent, f.Geometry, f.Index));
        }

        return await CheckAndSaveAsync(shapes, existing, raw.Count, problems, settings, ct);
    }

    /// <summary>NUL and the other control characters: PostgreSQL cannot store NUL, and no name needs them.</summary>
    private static bool HasControlCharacter(string text) => text.Any(char.IsControl);

    /// <summary>Checks and saves grids drawn in process (an adopted districting plan) exactly like a file.</summary>
    public async Task<GridImportReport> ApplyAsync(IReadOnlyList<GridShape> shapes, GridImportSettings settings, CancellationToken ct)
    {
        var existing = await db.Grids.Unscoped(UnscopedReason.Topology).Where(g => g.ValidTo == null).ToDictionaryAsync(g => g.Code, ct);
        return await CheckAndSaveAsync([.. shapes], existing, shapes.Count, [], settings, ct);
    }

    private async Task<GridImportReport> CheckAndSaveAsync(List<GridShape> shapes, Dictionary<string, Grid> existing, int features,
        List<ImportProblem> problems, GridImportSettings settings, CancellationToken ct)
    {
        var repairs = RepairHarmlessRings(shapes);
        // The check itself answers for scope, so a station chief learns before saving that a grid is not theirs. A grid
        // outside the caller's area is refused with no geometry and left out of every other check, whose answers (the
        // gap it leaves in a foreign parent, a foreign grid's code) would show what lies outside that area.
        var inFile = shapes.GroupBy(s => s.Code).ToDictionary(g => g.Key, g => g.First());
        var outside = shapes.Where(s => !InCallersArea(s, inFile, existing)).ToList();
        foreach (var s in outside)
            problems.Add(new ImportProblem("OutsideYourArea", s.Code, s.ParentCode, s.SourceIndex,
                $"Grid {s.Code} lies outside your part of the grid; you may not draw it.", null, 0));
        if (outside.Count > 0) shapes = shapes.Where(s => !outside.Any(o => ReferenceEquals(o, s))).ToList();
        var levels = AssignLevels(shapes, existing, problems);
        CheckCodes(shapes, levels, existing, problems);
        var warnings = RetiredCodes(shapes, levels);
        var parentBorders = shapes.Where(s => s.ParentCode is not null && shapes.All(o => o.Code != s.ParentCode) && existing.ContainsKey(s.ParentCode))
            .Select(s => s.ParentCode!).Distinct().ToDictionary(c => c, c => (Geometry)existing[c].Border);
        var district = existing.Values.FirstOrDefault(g => g.ParentId == null);
        var bounds = district?.Border.EnvelopeInternal.Copy();
        bounds?.ExpandBy(0.05);
        var area = CallersArea(existing);
        var changes = new List<ImportRepair>();
        if (settings.Repair)
        {
            var repaired = CoverageRepair.Repair(shapes, parentBorders, new RepairOptions());
            shapes = [.. repaired.Shapes];
            changes.AddRange(repaired.Changes.Select(c => new ImportRepair(c.Kind.ToString(), c.Code, c.OtherCode, c.AreaM2, c.Place.X, c.Place.Y, Within(c.Location, area))));
        }
        foreach (var p in TopologyCheck.Check(shapes, parentBorders, new TopologyOptions(options.Value.ToleranceM2, bounds)))
            if (!IsSliver(p) && !(settings.OneAtATime && p.Kind == TopologyProblemKind.Gap))
                problems.Add(new ImportProblem(p.Kind.ToString(), p.Code, p.OtherCode, null, p.Message, Within(p.Location, area), p.AreaM2));

        if (problems.Count > 0 || !settings.Save)
            return new GridImportReport(features, 0, 0, 0, 0, null, problems, Saved: false) { Repairs = repairs, Warnings = warnings, RepairChanges = changes };
        return await SaveAsync(shapes, levels, existing, features, settings, ct) with { Repairs = repairs, Warnings = warnings, RepairChanges = changes };
    }

    /// <summary>
    /// Province, city and county codes that the current division list does not hold — retired by a reform (merged
    /// counties) or mistyped — are saved as given, but said.
    /// </summary>
    private List<ImportWarning> RetiredCodes(List<GridShape> shapes, Dictionary<string, GridLevelKind> levels) =>
        options.Value.CodeScheme != GridCodeScheme.Administrative ? [] :
        shapes.Where(s => levels.TryGetValue(s.Code, out var l) && !divisions.IsCurrent(s.Code, l))
            .Select(s => RetiredCode(s.Code, levels[s.Code])).ToList();

    public static ImportWarning RetiredCode(string code, GridLevelKind level) =>
        new("RetiredCode", code, $"{code} is not a current {level} code in the division list ({DivisionNames.RelativePath}): it may have been retired by a reform (merged or renamed); saved as given.");

    /// <summary>Whether a grid lies in the caller's area: by its own record, else by its parent's, a parent in the file by that one's.</summary>
    private bool InCallersArea(GridShape s, Dictionary<string, GridShape> inFile, Dictionary<string, Grid> existing)
    {
        for (var (shape, depth) = (s, 0); depth < 10; depth++)
        {
            if (existing.TryGetValue(shape.Code, out var own)) return db.Caller.Covers(own.ScopePathValue);
            if (shape.ParentCode is null) return db.Caller.SeesAll;
            if (existing.TryGetValue(shape.ParentCode, out var parent)) return db.Caller.Covers(parent.ScopePathValue);
            if (!inFile.TryGetValue(shape.ParentCode, out var next)) return db.Caller.SeesAll;
            shape = next;
        }
        return db.Caller.SeesAll;
    }

    /// <summary>The border of the caller's node, or null for a caller who sees the whole jurisdiction.</summary>
    private Geometry? CallersArea(Dictionary<string, Grid> existing)
    {
        if (db.Caller.SeesAll) return null;
        var own = existing.Values.Where(g => g.ScopePathValue == db.Caller.Scope.Value).Select(g => (Geometry)g.Border).ToList();
        return own.Count == 0 ? Polygon.Empty : NetTopologySuite.Operation.Union.UnaryUnionOp.Union(own);
    }

    /// <summary>A problem's place cut to the caller's area, so that no answer draws what lies outside it.</summary>
    private static Geometry? Within(Geometry? location, Geometry? area)
    {
        if (location is null || location.IsEmpty || area is null) return location;
        var cut = NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(location).Intersection(area);
        if (cut.IsEmpty) return null;
        cut.SRID = location.SRID;
        return cut;
    }

    private bool IsSliver(TopologyProblem p)
    {
        if (p.Kind is not (TopologyProblemKind.Overlap or TopologyProblemKind.Gap or TopologyProblemKind.OutsideParent) || p.Location is not { IsEmpty: false } where)
            return false;
        // Each connected piece must be thin for the problem to be noise; one real piece keeps it.
        var projection = LocalProjection.Around(where);
        for (var i = 0; i < where.NumGeometries; i++)
        {
            var piece = projection.ToKm(where.GetGeometryN(i));
            var widthM = piece.Length > 0 ? 2 * piece.Area / piece.Length * 1000 : 0;
            if (widthM >= options.Value.SliverWidthM) return false;
        }
        return true;
    }

    /// <summary>
    /// Public web-map files quantise coordinates, which leaves zero-area spikes and rings that touch
    /// themselves. Such a ring is repaired when the repair changes its area by less than the tolerance; a ring
    /// that really crosses itself (a bow-tie) changes area when repaired and is left for the check to refuse.
    /// </summary>
    private List<RingRepair> RepairHarmlessRings(List<GridShape> shapes)
    {
        var repairs = new List<RingRepair>();
        for (var i = 0; i < shapes.Count; i++)
        {
            var border = shapes[i].Border;
            if (border is null || border.IsEmpty || border.IsValid || border is not (Polygon or MultiPolygon)) continue;
            var fixedBorder = NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(border);
            if (fixedBorder is not (Polygon or MultiPolygon) || fixedBorder.IsEmpty) continue;
            var changeM2 = Math.Abs(EllipsoidArea.M2(fixedBorder) - EllipsoidArea.M2(border));
            if (changeM2 > options.Value.ToleranceM2) continue;
            fixedBorder.SRID = Wgs84.Srid;
            shapes[i] = shapes[i] with { Border = fixedBorder };
            repairs.Add(new RingRepair(shapes[i].Code, shapes[i].Name, changeM2));
        }
        return repairs;
    }

    private Dictionary<string, GridLevelKind> AssignLevels(List<GridShape> shapes, Dictionary<string, Grid> existing, List<ImportProblem> problems)
    {
        var levels = new Dictionary<string, GridLevelKind>();
        var inFile = shapes.GroupBy(s => s.Code).ToDictionary(g => g.Key, g => g.First());
        GridLevelKind? LevelOf(string code, int depth)
        {
            if (levels.TryGetValue(code, out var known)) return known;
            if (depth > 8 || !inFile.TryGetValue(code, out var shape)) return existing.TryGetValue(code, out var e) ? e.Level : null;
            var parentLevel = shape.ParentCode is null ? (GridLevelKind?)null : LevelOf(shape.ParentCode, depth + 1);
            if (shape.ParentCode is not null && parentLevel is null) return null;
            var level = options.Value.LevelBelow(parentLevel);
            if (level is { } l) levels[code] = l;
            return level;
        }
        foreach (var s in shapes)
            if (LevelOf(s.Code, 0) is null && (s.ParentCode is null || inFile.ContainsKey(s.ParentCode) || existing.ContainsKey(s.ParentCode)))
                problems.Add(new ImportProblem("LevelTooDeep", s.Code, s.ParentCode, s.SourceIndex,
                    $"Grid {s.Code} would sit below the bottom level under {s.ParentCode}.", null, 0));
        return levels;
    }

    private void CheckCodes(List<GridShape> shapes, Dictionary<string, GridLevelKind> levels, Dictionary<string, Grid> existing, List<ImportProblem> problems)
    {
        var inFile = shapes.GroupBy(s => s.Code).ToDictionary(g => g.Key, g => g.First());
        foreach (var s in shapes.Where(s => levels.ContainsKey(s.Code)))
        {
            // Zones carry no administrative code, so a code is checked against the nearest non-zone ancestor.
            GridLevelKind? LevelOf(string c) => levels.TryGetValue(c, out var l) ? l : existing.GetValueOrDefault(c)?.Level;
            string? ancestor = s.ParentCode;
            while (ancestor is not null && LevelOf(ancestor) == GridLevelKind.Zone)
                ancestor = inFile.TryGetValue(ancestor, out var z) ? z.ParentCode : existing.TryGetValue(ancestor, out var ez) && ez.ParentId is { } pid
                    ? existing.Values.FirstOrDefault(g => g.Id == pid)?.Code : null;
            var ancestorLevel = ancestor is null ? null : LevelOf(ancestor);
            try { GridCodeRules.Check(GridCode.Parse(s.Code), levels[s.Code], ancestorLevel is { } al ? (ancestor!, al) : null, options.Value.CodeScheme); }
            catch (RuleViolation v) { problems.Add(new ImportProblem("BadCode", s.Code, s.ParentCode, s.SourceIndex, v.Message, null, 0)); }
            if (existing.TryGetValue(s.Code, out var current) && current.ParentId is { } parentId &&
                existing.Values.FirstOrDefault(g => g.Id == parentId)?.Code != s.ParentCode)
                problems.Add(new ImportProblem("ParentChanged", s.Code, s.ParentCode, s.SourceIndex,
                    $"Grid {s.Code} already exists under another parent; moving a grid to another parent is not an import.", null, 0));
        }
    }

    private async Task<GridImportReport> SaveAsync(List<GridShape> shapes, Dictionary<string, GridLevelKind> levels, Dictionary<string, Grid> existing,
        int features, GridImportSettings settings, CancellationToken ct)
    {
        var on = settings.ValidFrom ?? clock.Today;
        var reason = string.IsNullOrWhiteSpace(settings.Reason) ? BorderReasons.Import : settings.Reason;
        // A caller that saves more with the grids (an adoption carrying staff) holds the transaction and commits it.
        var own = db.Database.CurrentTransaction is null;
        await using var tx = own ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var report = await SaveInTransactionAsync(shapes, levels, existing, features, on, reason, settings, ct);
            if (tx is not null) await tx.CommitAsync(ct);
            return report;
        }
        catch
        {
            // A refused save must not leave its records queued for the next save on this context (a page's circuit).
            db.ChangeTracker.Clear();
            throw;
        }
    }

    private async Task<GridImportReport> SaveInTransactionAsync(List<GridShape> shapes, Dictionary<string, GridLevelKind> levels,
        Dictionary<string, Grid> existing, int features, DateOnly on, string reason, GridImportSettings settings, CancellationToken ct)
    {
        int created = 0, redrawn = 0, unchanged = 0, ended = 0;
        var grids = new Dictionary<string, Grid>(existing);
        var openVersions = await db.GridBorderVersions.Unscoped(UnscopedReason.Topology).Where(v => v.ValidTo == null).ToDictionaryAsync(v => v.GridId, ct);
        foreach (var s in shapes.OrderBy(s => levels[s.Code]))
        {
            var border = AsMulti(s.Border!);
            var area = EllipsoidArea.Km2(border);
            if (grids.TryGetValue(s.Code, out var grid))
            {
                if (settings.ReadVersions.TryGetValue(s.Code, out var read)) db.Entry(grid).Property(nameof(Grid.Version)).OriginalValue = read;
                if (grid.Name != s.Name) grid.Rename(s.Name);
                // Ring order and direction, and rounding to 6 decimals (0.1 m), are not a change.
                if (grid.Border.Normalized().EqualsExact(border.Normalized(), 1e-6)) { unchanged++; continue; }
                if (openVersions.TryGetValue(grid.Id, out var open)) open.Close(on);
                grid.ReplaceBorder(border, area);
                redrawn++;
            }
            else
            {
                var parent = s.ParentCode is null ? null : grids[s.ParentCode];
                grid = new Grid(Guid.CreateVersion7(), GridCode.Parse(s.Code), s.Name, levels[s.Code], parent, border, on) { AreaKm2 = area };
                db.Grids.Add(grid);
                grids[s.Code] = grid;
                created++;
            }
            db.GridBorderVersions.Add(new GridBorderVersion(Guid.CreateVersion7(), grid, border, on, reason));
        }
        // The file is the complete set of children of each parent it names: children it leaves out end.
        var fileCodes = shapes.Select(s => s.Code).ToHashSet();
        var parents = shapes.Where(s => s.ParentCode is not null).Select(s => grids[s.ParentCode!]).DistinctBy(g => g.Id).ToList();
        foreach (var gone in existing.Values.Where(g => !settings.OneAtATime && !fileCodes.Contains(g.Code) && parents.Any(p => g.ScopePathValue.StartsWith(p.ScopePathValue, StringComparison.Ordinal) && g.Id != p.Id)))
        {
            gone.End(on);
            if (openVersions.TryGetValue(gone.Id, out var open)) open.Close(on);
            ended++;
        }
        await db.SaveChangesAsync(ct);
        var scopes = parents.Count > 0 ? parents.Select(p => p.ScopePathValue).ToList() : shapes.Select(s => grids[s.Code].ScopePathValue).ToList();
        var placed = await placement.ReplaceAsync(scopes, reason, ct);
        return new GridImportReport(features, created, redrawn, unchanged, ended, placed, [], Saved: true);
    }

    // The check has refused every border that is not polygonal before anything is saved.
    private static MultiPolygon AsMulti(Geometry g) => Wgs84.ToMultiPolygon(g);
}
