using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Wangge.E2E.AppFixture))]

namespace Wangge.E2E;

/// <summary>
/// One running demo app and one headless Chromium for the whole test assembly.
/// The app is the build output next to these tests (src/Wangge/bin/&lt;Configuration&gt;/net10.0/wangge.dll),
/// started as <c>dotnet wangge.dll demo --db &lt;temp&gt; --urls http://127.0.0.1:&lt;free port&gt;</c>.
/// When Chromium is missing nothing is started and every test skips (or fails under WANGGE_REQUIRE_ALL=1).
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string Password = "Wangge-demo-2026";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(180);
    private const int KeptOutputLines = 200;
    private const int ReportedOutputLines = 60;

    private readonly Queue<string> _output = new();
    private Process? _app;
    private IPlaywright? _playwright;
    private string? _database;

    public string ChromiumPath { get; } = Environment.GetEnvironmentVariable("WANGGE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
    public bool HasChromium => File.Exists(ChromiumPath);
    public static bool RequireAll => Environment.GetEnvironmentVariable("WANGGE_REQUIRE_ALL") == "1";

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser was not started.");
    private IBrowser? _browser;
    public HttpClient Api { get; private set; } = new();

    /// <summary>Where screenshots go: screenshots/ in the test's output folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!HasChromium) return;
        Directory.CreateDirectory(ScreenshotFolder);
        try
        {
            await StartAppAsync();
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
            });
        }
        catch
        {
            // Leave no app process behind when start-up fails half-way.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Skips the calling test when Chromium is missing, or fails it under WANGGE_REQUIRE_ALL=1.</summary>
    public void RequireBrowser()
    {
        if (HasChromium) return;
        var message = $"Browser tests skipped: Chromium not found at {ChromiumPath}. Install it (Debian: apt-get install chromium) " +
                      "or set WANGGE_CHROMIUM to the path of a Chromium or Chrome binary";
        if (RequireAll) Assert.Fail(message + " (WANGGE_REQUIRE_ALL=1 forbids skipping)");
        Assert.Skip(message);
    }

    public Task<IBrowserContext> NewContextAsync(ViewportSize? viewport = null, bool mobile = false, string? storageState = null) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = viewport ?? new ViewportSize { Width = 1366, Height = 860 },
            IsMobile = mobile,
            HasTouch = mobile,
            StorageState = storageState,
        });

    private readonly ConcurrentDictionary<string, string> _signIns = new();

    /// <summary>The cookies of an earlier sign-in through the login form, if any.</summary>
    public string? SavedSignIn(string user) => _signIns.TryGetValue(user, out var state) ? state : null;

    public void SaveSignIn(string user, string storageState) => _signIns[user] = storageState;

    /// <summary>A bearer token from the API, for comparing the UI with what the API says.</summary>
    public async Task<HttpClient> ApiAsAsync(string user, CancellationToken ct)
    {
        using var response = await Api.PostAsJsonAsync("api/v1/auth/token", new { username = user, password = Password }, ct);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("access_token").GetString();
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>The last lines the app printed, for failure messages.</summary>
    public string AppOutput => LastOutput(ReportedOutputLines);

    private string LastOutput(int lines)
    {
        lock (_output) return string.Join('\n', _output.Skip(Math.Max(0, _output.Count - lines)));
    }

    private async Task StartAppAsync()
    {
        var dll = FindApp();
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _database = Path.Combine(Path.GetTempPath(), $"wangge-e2e-{Guid.NewGuid():N}.db");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "demo", "--db", _database, "--urls", BaseUrl }) start.ArgumentList.Add(arg);
        // Every browser test signs in from the one loopback address; the per-address sign-in limit has its own specification.
        start.Environment["WANGGE_Wangge__LoginAttemptsPerMinute"] = "1000";
        _app = new Process { StartInfo = start };
        _app.OutputDataReceived += (_, e) => Keep(e.Data);
        _app.ErrorDataReceived += (_, e) => Keep(e.Data);
        if (!_app.Start()) throw new InvalidOperationException($"Could not start {start.FileName} {dll}");
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();

        Api.Dispose();
        Api = new HttpClient { BaseAddress = new Uri(BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(30) };
        using var probe = new HttpClient { BaseAddress = Api.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_app.HasExited)
            {
                _app.WaitForExit(); // lets the output readers drain
                throw new InvalidOperationException($"wangge exited with code {_app.ExitCode} before /healthz answered. Its last output:\n{LastOutput(ReportedOutputLines)}");
            }
            try
            {
                using var response = await probe.GetAsync("healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    // One render of the login page before the first test, so no test pays for its cold start.
                    using var warm = await Api.GetAsync("login");
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (clock.Elapsed > StartupTimeout)
                throw new TimeoutException($"wangge did not answer GET /healthz with 200 within {StartupTimeout.TotalSeconds:0} s. Its last output:\n{LastOutput(ReportedOutputLines)}");
            await Task.Delay(250);
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > KeptOutputLines) _output.Dequeue();
        }
    }

    private static string FindApp()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Wangge.slnx"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Wangge.slnx.");
        var configuration = typeof(AppFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = Path.Combine(root.FullName, "src", "Wangge", "bin", configuration, "net10.0", "wangge.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"The app is not built: {dll} is missing (build tests/Wangge.E2E, which builds src/Wangge first).", dll);
        return dll;
    }

    /// <summary>The dotnet host that runs these tests when there is one (dotnet test sets DOTNET_HOST_PATH), else dotnet on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) { await _browser.CloseAsync(); _browser = null; }
        _playwright?.Dispose();
        _playwright = null;
        Api.Dispose();
        if (_app is not null)
        {
            try
            {
                if (!_app.HasExited)
                {
                    _app.Kill(entireProcessTree: true);
                    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                    await _app.WaitForExitAsync(wait.Token);
                }
            }
            catch (InvalidOperationException) { }
            _app.Dispose();
            _app = null;
        }
        if (_database is not null)
        {
            foreach (var file in new[] { _database, _database + "-wal", _database + "-shm", _database + ".audit-key", _database + ".audit-anchors" })
                try { File.Delete(file); } catch (IOException) { }
            _database = null;
        }
    }
}
