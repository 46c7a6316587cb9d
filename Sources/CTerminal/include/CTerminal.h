#ifndef WRIKE_TUI_CTERMINAL_H
#define WRIKE_TUI_CTERMINAL_H
#include <stdint.h>
#include <stddef.h>

/// Width in terminal cells of one Unicode scalar, computed under a private C.UTF-8 locale so that
/// the answer does not depend on the process locale. -1 for non-printable characters.
int cterm_wcwidth(uint32_t scalar);

// ---- Locale -------------------------------------------------------------------------------------

/// setlocale(LC_ALL, ""); when the codeset is not UTF-8, switches LC_CTYPE to C.UTF-8.
/// Returns 1 when the user's locale is UTF-8, 2 when it was not and C.UTF-8 was set as a fallback,
/// 0 when no UTF-8 locale could be set.
int cterm_setup_locale(void);

// ---- Signals and terminal restore ---------------------------------------------------------------

enum {
    CTERM_SIG_INT = 1,
    CTERM_SIG_TERM = 2,
    CTERM_SIG_HUP = 4,
    CTERM_SIG_TSTP = 8,
    CTERM_SIG_WINCH = 16,
    CTERM_SIG_CONT = 32,
};

/// Saves the termios of `tty_fd` (if it is a terminal) and installs handlers:
/// - fatal signals (SEGV, BUS, ILL, FPE, ABRT, TRAP): restore termios, write "\e[0m\e[?25h\e[?1049l" to
///   `out_fd`, then chain to the previously installed handler (or the default action);
/// - INT, TERM, HUP, TSTP, WINCH, CONT: record the signal and write a byte to an internal wake pipe
///   (async-signal-safe); the event loop reads them with cterm_signals_take().
/// Install before newterm() so that ncurses keeps its own handlers out. Returns 0, or -1 with errno.
int cterm_signals_install(int tty_fd, int out_fd);

/// Restores the handlers that were in place before cterm_signals_install.
void cterm_signals_uninstall(void);

/// The read end of the wake pipe (non-blocking), or -1 before install.
int cterm_signals_wake_fd(void);

/// Returns and clears the CTERM_SIG_* bits of signals received since the last call; drains the pipe.
unsigned cterm_signals_take(void);

/// The CTERM_SIG_* bits noted and not yet taken, without clearing them (e.g. to learn, after $EDITOR
/// returns, that the app is about to exit).
unsigned cterm_signals_peek(void);

/// Notes CTERM_SIG_* bits as if those signals had arrived (and wakes the loop): what the handler does,
/// callable from ordinary code (tests drive the event loop's signal paths with it).
void cterm_signals_post(unsigned bits);

/// Whether curses owns the screen (so a crash or exit must restore the terminal).
void cterm_set_screen_active(int active);

/// Restores the saved termios and writes the reset sequence, if the screen is active. Async-signal-safe.
void cterm_emergency_restore(void);

/// Stops the process with the default SIGTSTP action and returns after SIGCONT.
void cterm_suspend_self(void);

// ---- File descriptors, pty ----------------------------------------------------------------------

/// pipe2 with O_NONBLOCK | O_CLOEXEC on both ends. Returns 0 or -1.
int cterm_pipe(int fds[2]);

/// Writes all of `len` bytes (retrying on EINTR and partial writes, waiting briefly on EAGAIN).
/// Returns the number of bytes written.
long cterm_write_all(int fd, const void *buf, size_t len);

/// Waits for input on up to three descriptors (negative ones are ignored). `timeout_ms` < 0 waits
/// forever. Sets ready[i] to 1 when readable, 2 on hang-up or error (a hang-up wins over the POLLIN that
/// comes with it). Returns poll()'s result.
int cterm_poll3(int fd0, int fd1, int fd2, int timeout_ms, int ready[3]);
/// Whether `fd` is hung up or in error (poll without waiting; nothing is read).
int cterm_fd_hung_up(int fd);
/// Whether the terminal given to cterm_signals_install is hung up (its pty master closed).
int cterm_terminal_hung_up(void);
/// Output to the terminal `fd` stopped by a Ctrl-S (XOFF, while IXON was on) goes on again: IXON is turned
/// off and back on (Linux restarts a stopped tty when IXON is cleared; tcflow(TCOON) undoes only its own
/// TCOOFF). Nothing else changes. Returns 0, or -1 when `fd` is not a terminal.
int cterm_restart_output(int fd);

/// Opens a pseudo-terminal pair with the given size. Returns 0 or -1.
int cterm_openpty(int *master_fd, int *slave_fd, int rows, int cols);

/// Sets / gets the window size of a terminal descriptor. Return 0 or -1.
int cterm_set_winsize(int fd, int rows, int cols);
int cterm_get_winsize(int fd, int *rows, int *cols);

int cterm_isatty(int fd);

/// A background thread that reads a descriptor (a pty master) until stopped, counting the bytes and
/// keeping up to `capture_limit` of them.
typedef struct cterm_drain cterm_drain;
cterm_drain *cterm_drain_start(int fd, size_t capture_limit);
/// Total bytes read so far.
uint64_t cterm_drain_count(cterm_drain *d);
/// Waits until nothing more arrives for `quiet_ms` (at most `max_ms`); returns the total count.
uint64_t cterm_drain_settle(cterm_drain *d, int quiet_ms, int max_ms);
/// Writes a marker to `out_fd` (the pty's other side) and waits, at most `max_ms`, until the drain has read
/// it: then every byte written to `out_fd` before it has been read, however loaded the machine. The marker
/// is neither counted nor captured. Returns 1 when it arrived, else 0.
int cterm_drain_barrier(cterm_drain *d, int out_fd, int max_ms);
/// Copies up to `cap` captured bytes into `out`; returns how many. `cterm_drain_clear` forgets them.
size_t cterm_drain_copy(cterm_drain *d, uint8_t *out, size_t cap);
void cterm_drain_clear(cterm_drain *d);
/// Stops the thread and frees the drain (does not close the descriptor).
void cterm_drain_stop(cterm_drain *d);

/// glibc malloc set up for a long-running process with one big list: one arena, large blocks mmapped
/// (returned to the system when freed), a low trim threshold. Call once at start.
void cterm_memory_tune(void);

#endif
