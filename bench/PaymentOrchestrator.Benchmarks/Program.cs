// Benchmarks arrive with the benchmark issue; see docs/performance.md once they do.
Console.WriteLine("No benchmarks yet.");
