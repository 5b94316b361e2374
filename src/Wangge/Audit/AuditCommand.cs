using System.CommandLine;
using Wangge.Hosting;

namespace Wangge.Audit;

/// <summary>`wangge audit verify` (exit 0 when the log holds, 1 naming what happened) and `wangge audit anchor`.</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var verify = new Command("verify",
            "Check the keyed chain of the audit log against its anchors and reconcile every audited table with it; names what was altered, removed or inserted.");
        verify.SetAction(async (parse, ct) =>
        {
            var settings = HostSettings.From(parse, "wangge.db", false);
            await using var services = CliServices.Create(settings);
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(ct);
            foreach (var note in result.Notes) Console.Error.WriteLine($"Note: {note}.");
            if (result.Problems.Count > 0)
            {
                Console.Error.WriteLine($"Audit log BROKEN: {result.Problems.Count} problem(s) on {settings.Database.Describe()}.");
                foreach (var p in result.Problems) Console.Error.WriteLine($"  {p.Reason}.");
                return 1;
            }
            Console.WriteLine($"Audit log intact: {result.Entries} entries verified and every audited table reconciled on {settings.Database.Describe()}.");
            return 0;
        });
        var anchor = new Command("anchor", "Write a signed checkpoint of the chain's last entry to the anchor file.");
        anchor.SetAction(async (parse, ct) =>
        {
            var settings = HostSettings.From(parse, "wangge.db", false);
            await using var services = CliServices.Create(settings);
            await using var scope = services.CreateAsyncScope();
            var written = await scope.ServiceProvider.GetRequiredService<AuditAnchorer>().AnchorAsync(ct);
            var log = scope.ServiceProvider.GetRequiredService<AuditAnchorLog>();
            Console.WriteLine(written is null
                ? "The audit log is empty: nothing to anchor."
                : $"Anchored entry {written.Sequence} ({written.Hash[..16]}…) in {log.Path}.");
            return 0;
        });
        var command = new Command("audit", "Audit log tools.");
        command.Subcommands.Add(verify);
        command.Subcommands.Add(anchor);
        return command;
    }
}
