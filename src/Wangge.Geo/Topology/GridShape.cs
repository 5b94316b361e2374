using NetTopologySuite.Geometries;

namespace Wangge.Geo.Topology;

/// <summary>
/// One grid as an import presents it, before anything is saved. <paramref name="SourceIndex"/> is the
/// feature's position in the file, so a message can point at the record a user has to fix even when codes clash.
/// </summary>
public sealed record GridShape(string Code, string Name, string? ParentCode, Geometry? Border, int? SourceIndex = null);
