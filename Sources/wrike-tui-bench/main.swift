print("wrike-tui-bench: under construction")
