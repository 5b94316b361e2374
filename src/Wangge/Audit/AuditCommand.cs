using System.CommandLine;
using Wangge.Hosting;

namespace Wangge.Audit;

/// <summary>`wangge audit verify`: exit 0 when the chain holds, 1 naming the first broken entry.</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var verify = new Command("verify", "Check the hash chain of the audit log; names the first altered, removed or reordered entry.");
        verify.SetAction(async (parse, ct) =>
        {
            var settings = HostSettings.From(parse, "wangge.db", false);
            await using var services = CliServices.Create(settings);
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(ct);
            if (result.Break is { } b)
            {
                Console.Error.WriteLine($"Audit chain BROKEN at entry {b.Sequence}: {b.Reason}.");
                return 1;
            }
            Console.WriteLine($"Audit chain intact: {result.Entries} entries verified on {settings.Database.Describe()}.");
            return 0;
        });
        var command = new Command("audit", "Audit log tools.");
        command.Subcommands.Add(verify);
        return command;
    }
}
