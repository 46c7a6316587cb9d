// How the process uses memory (glibc malloc). See docs/benchmarks.md ("Where the memory goes").
import CTerminal

public enum ProcessMemory {
    /// One malloc arena, big blocks mmapped and returned when freed, a low trim threshold: at 100,000
    /// listed tasks the peak RSS drops by about a fifth (`cterm_memory_tune`). Call once at start.
    public static func tune() { cterm_memory_tune() }
}
