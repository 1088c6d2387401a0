using System.Diagnostics;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Queues;

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
        Assert.Empty(first.ProcessIds.Intersect(second.ProcessIds));
        Assert.True(await CanConnectAsync(second.QueuePort));
    }

    [Fact]
    public async Task each_service_runs_in_a_node_process_of_its_own()
    {
        await using var server = await AzuriteServer.StartAsync();

        Assert.Equal(3, server.ProcessIds.Distinct().Count());
        Assert.All(server.ProcessIds, pid => Assert.True(IsAlive(pid), $"node process {pid} is not running"));
        Assert.True(server.IsRunning);
    }

    [Fact]
    public async Task dispose_stops_every_node_process_and_frees_every_port()
    {
        var server = await AzuriteServer.StartAsync();
        var pids = server.ProcessIds;
        var ports = new[] { server.BlobPort, server.QueuePort, server.TablePort };

        await server.DisposeAsync();

        Assert.All(pids, pid => Assert.False(IsAlive(pid), $"node process {pid} still runs after dispose"));
        foreach (var port in ports)
        {
            Assert.False(await CanConnectAsync(port), $"port {port} still accepts connections after dispose");
        }
    }

    [Fact]
    public async Task one_killed_service_makes_the_server_report_not_running()
    {
        await using var server = await AzuriteServer.StartAsync();
        using (var queue = Process.GetProcessById(server.ProcessIds[1]))
        {
            queue.Kill();
            await queue.WaitForExitAsync();
        }

        Assert.False(server.IsRunning);
    }

    [Fact]
    public async Task in_memory_the_queue_service_keeps_its_messages_in_a_scratch_folder_removed_on_dispose()
    {
        var before = ScratchFolders();
        var server = await AzuriteServer.StartAsync();
        // The new folder that this server's queue service was given: other Azurites on the machine (the test projects
        // run side by side) make folders of their own meanwhile.
        var queueArguments = File.ReadAllText($"/proc/{server.ProcessIds[1]}/cmdline").Split('\0');
        var scratch = Assert.Single(ScratchFolders().Except(before), queueArguments.Contains);
        var queue = new QueueClient(server.ConnectionString, "work");
        await queue.CreateAsync();
        await queue.SendMessageAsync("hello");

        Assert.NotEmpty(Directory.GetFiles(scratch, "__azurite_db_queue*"));
        Assert.Equal("hello", (await queue.ReceiveMessageAsync()).Value.MessageText);

        await server.DisposeAsync();

        Assert.False(Directory.Exists(scratch), $"{scratch} is left after dispose");

        static string[] ScratchFolders() => Directory.GetDirectories(Path.GetTempPath(), "azurite-queues-*");
    }

    [Fact]
    public async Task the_queue_service_removes_its_scratch_folder_itself_when_its_stdin_closes()
    {
        var scratch = Directory.CreateTempSubdirectory("azurite-queues-").FullName;
        var psi = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                Path.Combine(AzuriteInstallation.LocateToolsDirectory(), "launch.js"),
                "--service", "queue", "--queuePort", "0", "--silent", "--disableTelemetry", "--location", scratch,
            },
            Environment = { ["AZURITE_SCRATCH_LOCATION"] = scratch },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var node = Process.Start(psi)!;
        var line = await node.StandardOutput.ReadLineAsync();
        Assert.Contains("Queue service is successfully listening", line, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(scratch, "__azurite_db_queue*"));

        // As when the parent dies: its end of our stdin closes, nobody disposes anything.
        node.StandardInput.Close();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(Directory.Exists(scratch), $"{scratch} is left after the queue service exited");
    }

    [Fact]
    public async Task a_graceful_stop_during_a_save_keeps_every_row_written_before_it()
    {
        // LokiJS clears its dirty flags before a save's write: a stop during that write used to find nothing to save and
        // exit before the write was done. Every write here takes 700 ms, so the stop comes while the save is in flight.
        var data = Path.Combine(Path.GetTempPath(), "azurite-test-" + Path.GetRandomFileName());
        var slowDisk = AzuriteOptions.ForTests with { DataDirectory = data, SaveDelay = TimeSpan.FromMilliseconds(700) };
        try
        {
            await using (var server = await AzuriteServer.StartAsync(slowDisk))
            {
                var table = new TableClient(server.ConnectionString, "kept");
                await table.CreateAsync();
                await table.AddEntityAsync(new TableEntity("p", "r"));

                // The autosave (every 200 ms) has begun its write by now, and it is not done.
                await Task.Delay(TimeSpan.FromMilliseconds(350));
            }

            await using var restarted = await AzuriteServer.StartAsync(AzuriteOptions.ForTests with { DataDirectory = data });
            var row = await new TableClient(restarted.ConnectionString, "kept").GetEntityIfExistsAsync<TableEntity>("p", "r");
            Assert.True(row.HasValue, "the row written before the graceful stop is gone after the restart");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
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
