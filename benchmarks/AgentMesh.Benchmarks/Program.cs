using BenchmarkDotNet.Running;

// Micro-benchmarks: pick with --filter, e.g. --filter '*Json*'. See benchmarks/README.md.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
