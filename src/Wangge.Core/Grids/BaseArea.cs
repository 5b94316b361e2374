using NetTopologySuite.Geometries;
using Wangge.Core.Common;

namespace Wangge.Core.Grids;

/// <summary>
/// A village or community (村/居委会) with its administrative code: the building block that bottom grids are
/// drawn from, and the unit that districting moves between grids.
/// </summary>
public sealed class BaseArea : IScoped
{
    private BaseArea() { }

    public BaseArea(Guid id, string code, string name, Grid street, MultiPolygon border)
    {
        Id = id;
        Code = code;
        Name = name;
        StreetGridId = street.Id;
        ScopePathValue = street.ScopePathValue;
        Border = border;
    }

    public Guid Id { get; private set; }
    /// <summary>12-digit administrative code of the village or community.</summary>
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public Guid StreetGridId { get; private set; }
    public Guid? GridId { get; set; }
    public string ScopePathValue { get; private set; } = "";
    public MultiPolygon Border { get; private set; } = MultiPolygon.Empty;
}
