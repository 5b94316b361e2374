namespace Wangge.Core.People;

/// <summary>A member of staff or a coordinator named in a grid's roster; may or may not have an account.</summary>
public sealed class Person
{
    private Person() { }

    public Person(Guid id, string name, string post, string? phone)
    {
        Id = id;
        Name = name;
        Post = post;
        Phone = phone;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>Official post (职务), kept with leader changes as the sources ask ([004-1]).</summary>
    public string Post { get; private set; } = "";
    public string? Phone { get; private set; }
    public Guid? UserId { get; set; }
}

/// <summary>What a person does on a grid.</summary>
public enum AssignmentRole
{
    Leader,
    Supervisor,
    Coordinator,
    Informant,
    StationChief,
}
