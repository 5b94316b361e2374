namespace Wangge.Tests.Infrastructure;

/// <summary>Base of a specification that runs unchanged against each database.</summary>
public abstract class ApiSpecification(AppFixture app) : IAsyncLifetime
{
    protected AppFixture App { get; } = app;

    public ValueTask InitializeAsync()
    {
        App.SkipIfUnavailable();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
}
