using Wangge.Core.Common;

namespace Wangge.Core.Tests.Architecture;

/// <summary>
/// The domain must stay free of persistence and web frameworks so its rules can be tested and reused
/// without a database or a host; the data and web projects depend on it, never the reverse.
/// </summary>
public sealed class CoreDependencyTests
{
    private static readonly string[] Referenced =
        typeof(RuleViolation).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToArray();

    [Theory]
    [InlineData("Microsoft.EntityFrameworkCore", Label = "no EF Core: persistence lives in Wangge.Data")]
    [InlineData("Microsoft.AspNetCore", Label = "no ASP.NET Core: the web edge lives in Wangge")]
    [InlineData("Npgsql", Label = "no PostgreSQL driver")]
    public void CoreAssembly_References_NoForbiddenFramework(string prefix)
    {
        Assert.DoesNotContain(Referenced, name => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void CoreAssembly_References_AreReadFromTheRealAssembly()
    {
        // Guards the test above against passing vacuously on an empty or wrong list.
        Assert.Equal("Wangge.Core", typeof(RuleViolation).Assembly.GetName().Name);
        Assert.Contains("NetTopologySuite", Referenced);
    }
}
