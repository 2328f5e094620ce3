"""The development tools: benchmarks and the nbval kernel."""
