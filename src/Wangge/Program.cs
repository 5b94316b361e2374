using System.CommandLine;
using Wangge.Hosting;

// A bad setting or a missing data file ends any verb with one line naming it (StartupErrors), not a stack trace.
return await StartupErrors.RunAsync(() => WanggeCli.Build().Parse(args)
    .InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
