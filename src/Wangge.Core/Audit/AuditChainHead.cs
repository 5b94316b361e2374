namespace Wangge.Core.Audit;

/// <summary>
/// The single row that names the chain's last entry. Writers lock it before appending, which serialises
/// appends across connections and app instances on both databases; it also lets verification notice
/// entries cut from the end of the chain.
/// </summary>
public sealed class AuditChainHead
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public long Sequence { get; set; }
    public string Hash { get; set; } = AuditChain.GenesisHash;
}
