print("wrike-tui: under construction")
