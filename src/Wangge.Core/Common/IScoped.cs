namespace Wangge.Core.Common;

/// <summary>
/// A record that belongs to one node of the grid tree. <see cref="ScopePathValue"/> is the node's
/// <see cref="ScopePath"/> as text, kept as a plain column so the database filters by prefix.
/// </summary>
public interface IScoped
{
    string ScopePathValue { get; }
}
