using System.Diagnostics;
using System.Net.Sockets;

namespace PaymentOrchestrator.Azurite.Tests;

public sealed class AzuriteServerTests
{
    [Fact]
    public async Task start_on_free_ports_waits_until_blob_queue_and_table_all_listen()
    {
        await using var server = await AzuriteServer.StartAsync(AzuriteOptions.ForTests);

        var ports = new[] { server.BlobPort, server.QueuePort, server.TablePort };
        Assert.Equal(3, ports.Distinct().Count());
        Assert.DoesNotContain(AzuriteOptions.DefaultTablePort, ports);
        foreach (var port in ports)
        {
            Assert.True(await CanConnectAsync(port), $"port {port} does not accept connections");
        }

        Assert.Contains($"TableEndpoint=http://127.0.0.1:{server.TablePort}/devstoreaccount1", server.ConnectionString, StringComparison.Ordinal);
        Assert.Contains($"QueueEndpoint=http://127.0.0.1:{server.QueuePort}/devstoreaccount1", server.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task two_instances_run_side_by_side_on_different_ports()
    {
        await using var first = await AzuriteServer.StartAsync();
        await using var second = await AzuriteServer.StartAsync();

        Assert.NotEqual(first.TablePort, second.TablePort);
        Assert.NotEqual(first.ProcessId, second.ProcessId);
        Assert.True(await CanConnectAsync(second.QueuePort));
    }

    [Fact]
    public async Task dispose_stops_the_single_node_process_and_frees_its_ports()
    {
        var server = await AzuriteServer.StartAsync();
        var pid = server.ProcessId;
        var port = server.TablePort;

        await server.DisposeAsync();

        Assert.False(IsAlive(pid), $"node process {pid} still runs after dispose");
        Assert.False(await CanConnectAsync(port), $"port {port} still accepts connections after dispose");
    }

    [Fact]
    public async Task a_data_directory_gives_persistent_storage_files()
    {
        var data = Path.Combine(Path.GetTempPath(), "azurite-test-" + Path.GetRandomFileName());
        try
        {
            await using (await AzuriteServer.StartAsync(AzuriteOptions.ForTests with { DataDirectory = data }))
            {
            }

            Assert.NotEmpty(Directory.GetFiles(data, "__azurite_db_*"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void a_configured_tools_directory_without_package_json_is_refused_with_a_clear_error()
    {
        var error = Assert.Throws<AzuriteException>(() => AzuriteInstallation.LocateToolsDirectory(Path.GetTempPath()));
        Assert.Contains("no package.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void the_pinned_azurite_is_found_from_the_test_output_folder()
    {
        var tools = AzuriteInstallation.LocateToolsDirectory();
        Assert.True(File.Exists(Path.Combine(tools, "package.json")));
        Assert.EndsWith(Path.Combine("tools", "azurite"), tools, StringComparison.Ordinal);
    }

    [Fact]
    public void the_install_lock_is_never_an_untracked_file_in_the_repository()
    {
        var tools = AzuriteInstallation.LocateToolsDirectory();
        var git = new System.Diagnostics.ProcessStartInfo("git")
        {
            ArgumentList = { "check-ignore", "--quiet", ".install.lock" },
            WorkingDirectory = tools,
            UseShellExecute = false,
        };

        using var process = System.Diagnostics.Process.Start(git)!;
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, "tools/azurite/.install.lock is not ignored by git (exit " + process.ExitCode + ")");
    }

    private static async Task<bool> CanConnectAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
