namespace Wangge.Core.People;

/// <summary>The roles the sources name (domain §3). A user has one role and one place.</summary>
public enum Role
{
    SystemAdmin,
    /// <summary>County/district bureau leader (局长/分管局长).</summary>
    BureauLeader,
    /// <summary>Station or workstation chief (所长/站长).</summary>
    StationChief,
    /// <summary>Grid leader (网格长), the main directly responsible person of a bottom grid.</summary>
    GridLeader,
    /// <summary>Inspector or law-enforcement officer (监管员/执法人员).</summary>
    Inspector,
    /// <summary>Village coordinator or informant (协管员/信息员).</summary>
    Coordinator,
    /// <summary>Liaison from another department (联络员); placed in a department, not a grid node.</summary>
    DepartmentLiaison,
}
