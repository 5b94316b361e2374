namespace Wangge.Core.People;

/// <summary>A functional department (条) that crosses the area grid (块): food, quality, police…</summary>
public sealed class Department
{
    private Department() { }

    public Department(Guid id, string code, string name)
    {
        Id = id;
        Code = code;
        Name = name;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
}
