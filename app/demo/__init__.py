"""Demo workspaces with realistic generated data, for training, screenshots and benchmarks."""
