#define _GNU_SOURCE
#include "CTerminal.h"
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

// ---- Width --------------------------------------------------------------------------------------

static locale_t utf8_locale = (locale_t)0;
static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;

static void init_utf8_locale(void) {
    utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (utf8_locale == (locale_t)0) utf8_locale = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", (locale_t)0);
}

int cterm_wcwidth(uint32_t scalar) {
    pthread_once(&utf8_once, init_utf8_locale);
    if (utf8_locale == (locale_t)0) return scalar < 0x7f && scalar >= 0x20 ? 1 : -1;
    locale_t old = uselocale(utf8_locale);
    int w = wcwidth((wchar_t)scalar);
    uselocale(old);
    return w;
}

// ---- Locale -------------------------------------------------------------------------------------

static int codeset_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0);
}

int cterm_setup_locale(void) {
    setlocale(LC_ALL, "");
    if (codeset_is_utf8()) return 1;
    if (setlocale(LC_CTYPE, "C.UTF-8") && codeset_is_utf8()) return 2;
    if (setlocale(LC_CTYPE, "C.utf8") && codeset_is_utf8()) return 2;
    if (setlocale(LC_CTYPE, "en_US.UTF-8") && codeset_is_utf8()) return 2;
    return 0;
}

// ---- Signals ------------------------------------------------------------------------------------

static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
#define NFATAL (sizeof fatal_signals / sizeof fatal_signals[0])
static const int event_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGWINCH, SIGCONT};
static const unsigned event_bits[] = {CTERM_SIG_INT, CTERM_SIG_TERM, CTERM_SIG_HUP,
                                      CTERM_SIG_TSTP, CTERM_SIG_WINCH, CTERM_SIG_CONT};
#define NEVENT (sizeof event_signals / sizeof event_signals[0])

static struct sigaction saved_fatal[NFATAL];
static struct sigaction saved_event[NEVENT];
static int installed = 0;
static struct termios saved_termios;
static int have_termios = 0;
static int saved_tty_fd = -1;
static int saved_out_fd = 1;
static volatile sig_atomic_t screen_active = 0;
static atomic_uint pending = 0;
static int wake_pipe[2] = {-1, -1};

static const char reset_sequence[] = "\033[0m\033[?25h\033[?2004l\033[?1000l\033[?1002l\033[?1006l\033[?1l\033>\033[?1049l\r\n";

void cterm_emergency_restore(void) {
    if (!screen_active) return;
    screen_active = 0;
    int saved_errno = errno;
    if (have_termios) tcsetattr(saved_tty_fd, TCSANOW, &saved_termios);
    ssize_t r = write(saved_out_fd, reset_sequence, sizeof reset_sequence - 1);
    (void)r;
    errno = saved_errno;
}

void cterm_set_screen_active(int active) { screen_active = active ? 1 : 0; }

static void fatal_handler(int sig, siginfo_t *info, void *ctx) {
    (void)ctx;
    cterm_emergency_restore();
    for (size_t i = 0; i < NFATAL; i++) {
        if (fatal_signals[i] == sig) {
            // Put the previous handler back (Swift's backtracer, or the default action). A fault
            // re-executes the faulting instruction on return and reaches it; a sent signal is raised
            // again and delivered when this handler returns.
            sigaction(sig, &saved_fatal[i], NULL);
            break;
        }
    }
    if (info == NULL || info->si_code <= 0) raise(sig);
}

static void event_handler(int sig) {
    int saved_errno = errno;
    for (size_t i = 0; i < NEVENT; i++) {
        if (event_signals[i] == sig) atomic_fetch_or(&pending, event_bits[i]);
    }
    if (wake_pipe[1] >= 0) {
        ssize_t r = write(wake_pipe[1], "s", 1);
        (void)r;
    }
    errno = saved_errno;
}

static void exit_restore(void) { cterm_emergency_restore(); }

int cterm_signals_install(int tty_fd, int out_fd) {
    if (installed) return 0;
    if (wake_pipe[0] < 0 && cterm_pipe(wake_pipe) != 0) return -1;
    saved_tty_fd = tty_fd;
    saved_out_fd = out_fd;
    have_termios = isatty(tty_fd) && tcgetattr(tty_fd, &saved_termios) == 0;
    static int atexit_done = 0;
    if (!atexit_done) {
        atexit(exit_restore);
        atexit_done = 1;
    }
    for (size_t i = 0; i < NFATAL; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = fatal_handler;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigemptyset(&sa.sa_mask);
        sigaction(fatal_signals[i], &sa, &saved_fatal[i]);
    }
    for (size_t i = 0; i < NEVENT; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = event_handler;
        sa.sa_flags = SA_RESTART;
        sigemptyset(&sa.sa_mask);
        sigaction(event_signals[i], &sa, &saved_event[i]);
    }
    installed = 1;
    return 0;
}

void cterm_signals_uninstall(void) {
    if (!installed) return;
    for (size_t i = 0; i < NFATAL; i++) sigaction(fatal_signals[i], &saved_fatal[i], NULL);
    for (size_t i = 0; i < NEVENT; i++) sigaction(event_signals[i], &saved_event[i], NULL);
    installed = 0;
}

int cterm_signals_wake_fd(void) { return wake_pipe[0]; }

unsigned cterm_signals_take(void) {
    if (wake_pipe[0] >= 0) {
        char buf[64];
        while (read(wake_pipe[0], buf, sizeof buf) > 0) {}
    }
    return atomic_exchange(&pending, 0);
}

unsigned cterm_signals_peek(void) {
    return atomic_load(&pending);
}

void cterm_signals_post(unsigned bits) {
    atomic_fetch_or(&pending, bits);
    if (wake_pipe[1] >= 0) {
        ssize_t r = write(wake_pipe[1], "s", 1);
        (void)r;
    }
}

void cterm_suspend_self(void) {
    struct sigaction dfl, ours;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGTSTP, &dfl, &ours);
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &set, &old);
    // The whole process group, as the terminal's own Ctrl-Z would (and as vim does): with raise() only
    // this process stopped, so a wrapper (`sh -c`, a script, a `( ... )` subshell) kept waiting and the
    // shell never got the terminal back: the session looked hung.
    if (kill(0, SIGTSTP) != 0) raise(SIGTSTP);  // stops here until SIGCONT
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    sigaction(SIGTSTP, &ours, NULL);
}

// ---- File descriptors, pty ----------------------------------------------------------------------

int cterm_pipe(int fds[2]) { return pipe2(fds, O_NONBLOCK | O_CLOEXEC); }

long cterm_write_all(int fd, const void *buf, size_t len) {
    const char *p = buf;
    size_t done = 0;
    int spins = 0;
    while (done < len) {
        ssize_t n = write(fd, p + done, len - done);
        if (n > 0) {
            done += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && spins++ < 200) {
            struct pollfd pfd = {fd, POLLOUT, 0};
            poll(&pfd, 1, 10);
            continue;
        }
        break;
    }
    return (long)done;
}

int cterm_poll3(int fd0, int fd1, int fd2, int timeout_ms, int ready[3]) {
    struct pollfd pfd[3];
    int fds[3] = {fd0, fd1, fd2};
    int map[3];
    int n = 0;
    for (int i = 0; i < 3; i++) {
        ready[i] = 0;
        if (fds[i] < 0) continue;
        pfd[n].fd = fds[i];
        pfd[n].events = POLLIN;
        pfd[n].revents = 0;
        map[n++] = i;
    }
    int r = poll(pfd, (nfds_t)n, timeout_ms);
    if (r > 0) {
        for (int j = 0; j < n; j++) {
            // A hung-up terminal reports POLLIN too (a read then gives EOF or EIO, forever): the hangup
            // comes first, or the caller would read nothing and poll again at once (a busy loop).
            if (pfd[j].revents & (POLLHUP | POLLERR | POLLNVAL)) ready[map[j]] = 2;
            else if (pfd[j].revents & POLLIN) ready[map[j]] = 1;
        }
    }
    return r;
}

int cterm_fd_hung_up(int fd) {
    if (fd < 0) return 0;
    struct pollfd p = {.fd = fd, .events = POLLIN, .revents = 0};
    int r;
    do { r = poll(&p, 1, 0); } while (r < 0 && errno == EINTR);
    return r > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

int cterm_terminal_hung_up(void) { return cterm_fd_hung_up(saved_tty_fd); }

int cterm_restart_output(int fd) {
    struct termios t;
    if (tcgetattr(fd, &t) != 0) return -1;
    if (!(t.c_iflag & IXON)) return 0;
    struct termios off = t;
    off.c_iflag &= ~(tcflag_t)IXON;
    if (tcsetattr(fd, TCSANOW, &off) != 0) return -1;
    return tcsetattr(fd, TCSANOW, &t) == 0 ? 0 : -1;
}

int cterm_openpty(int *master_fd, int *slave_fd, int rows, int cols) {
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m < 0) return -1;
    if (grantpt(m) != 0 || unlockpt(m) != 0) {
        close(m);
        return -1;
    }
    char name[128];
    if (ptsname_r(m, name, sizeof name) != 0) {
        close(m);
        return -1;
    }
    int s = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (s < 0) {
        close(m);
        return -1;
    }
    cterm_set_winsize(m, rows, cols);
    *master_fd = m;
    *slave_fd = s;
    return 0;
}

int cterm_set_winsize(int fd, int rows, int cols) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    ws.ws_row = (unsigned short)rows;
    ws.ws_col = (unsigned short)cols;
    return ioctl(fd, TIOCSWINSZ, &ws);
}

int cterm_get_winsize(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

int cterm_isatty(int fd) { return isatty(fd); }

// ---- Drain thread -------------------------------------------------------------------------------

struct cterm_drain {
    int fd;
    pthread_t thread;
    pthread_mutex_t lock;
    atomic_int stop;
    uint64_t count;
    uint8_t *capture;
    size_t capture_len;
    size_t capture_limit;
    struct timespec last_read;
    // The barrier's marker (cterm_drain_barrier): matched byte by byte while armed, then taken back out
    // of the count and the capture.
    const uint8_t *mark;
    size_t mark_len, mark_pos, mark_captured;
    int mark_seen;
};

/// Counts and captures bytes one at a time while a barrier is armed, watching for its marker.
static void drain_take_marked(cterm_drain *d, const uint8_t *buf, size_t n) {
    for (size_t i = 0; i < n; i++) {
        uint8_t b = buf[i];
        int captured = 0;
        d->count++;
        if (d->capture_len < d->capture_limit) {
            d->capture[d->capture_len++] = b;
            captured = 1;
        }
        if (d->mark_seen) continue;
        if (b == d->mark[d->mark_pos]) {
            d->mark_pos++;
            d->mark_captured += (size_t)captured;
            if (d->mark_pos == d->mark_len) {
                d->count -= d->mark_len;
                d->capture_len -= d->mark_captured;
                d->mark_seen = 1;
            }
        } else {
            d->mark_pos = b == d->mark[0] ? 1 : 0;
            d->mark_captured = d->mark_pos ? (size_t)captured : 0;
        }
    }
}

static void *drain_main(void *arg) {
    cterm_drain *d = arg;
    uint8_t buf[65536];
    while (!atomic_load(&d->stop)) {
        struct pollfd pfd = {d->fd, POLLIN, 0};
        int r = poll(&pfd, 1, 20);
        if (r <= 0) continue;
        if (!(pfd.revents & POLLIN)) {
            if (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) {
                struct timespec ts = {0, 5 * 1000 * 1000};
                nanosleep(&ts, NULL);
            }
            continue;
        }
        ssize_t n = read(d->fd, buf, sizeof buf);
        if (n <= 0) continue;
        pthread_mutex_lock(&d->lock);
        clock_gettime(CLOCK_MONOTONIC, &d->last_read);
        if (d->mark_len) {
            drain_take_marked(d, buf, (size_t)n);
        } else {
            d->count += (uint64_t)n;
            size_t room = d->capture_limit - d->capture_len;
            size_t take = (size_t)n < room ? (size_t)n : room;
            if (take > 0) {
                memcpy(d->capture + d->capture_len, buf, take);
                d->capture_len += take;
            }
        }
        pthread_mutex_unlock(&d->lock);
    }
    return NULL;
}

cterm_drain *cterm_drain_start(int fd, size_t capture_limit) {
    cterm_drain *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->fd = fd;
    d->capture_limit = capture_limit;
    d->capture = capture_limit ? malloc(capture_limit) : NULL;
    if (capture_limit && !d->capture) {
        free(d);
        return NULL;
    }
    pthread_mutex_init(&d->lock, NULL);
    clock_gettime(CLOCK_MONOTONIC, &d->last_read);
    if (pthread_create(&d->thread, NULL, drain_main, d) != 0) {
        free(d->capture);
        free(d);
        return NULL;
    }
    return d;
}

uint64_t cterm_drain_count(cterm_drain *d) {
    pthread_mutex_lock(&d->lock);
    uint64_t c = d->count;
    pthread_mutex_unlock(&d->lock);
    return c;
}

static long ms_since(const struct timespec *t) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

uint64_t cterm_drain_settle(cterm_drain *d, int quiet_ms, int max_ms) {
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        pthread_mutex_lock(&d->lock);
        long quiet = ms_since(&d->last_read);
        long waited = ms_since(&start);
        if (waited < quiet) quiet = waited;
        uint64_t c = d->count;
        pthread_mutex_unlock(&d->lock);
        int avail = 0;
        if (ioctl(d->fd, FIONREAD, &avail) != 0) avail = 0;
        if ((avail == 0 && quiet >= quiet_ms) || ms_since(&start) >= max_ms) return c;
        struct timespec ts = {0, 200 * 1000};
        nanosleep(&ts, NULL);
    }
}

static void drain_arm(cterm_drain *d, const uint8_t *mark, size_t len) {
    pthread_mutex_lock(&d->lock);
    d->mark = mark;
    d->mark_len = len;
    d->mark_pos = 0;
    d->mark_captured = 0;
    d->mark_seen = 0;
    pthread_mutex_unlock(&d->lock);
}

int cterm_drain_barrier(cterm_drain *d, int out_fd, int max_ms) {
    // Bytes a curses program does not send (GS ... RS).
    static const uint8_t mark[] = {0x1d, 'c', 't', 'e', 'r', 'm', '-', 's', 'y', 'n', 'c', 0x1e};
    drain_arm(d, mark, sizeof mark);
    if (cterm_write_all(out_fd, mark, sizeof mark) != (long)sizeof mark) {
        drain_arm(d, NULL, 0);
        return 0;
    }
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    int seen = 0;
    for (;;) {
        pthread_mutex_lock(&d->lock);
        seen = d->mark_seen;
        pthread_mutex_unlock(&d->lock);
        if (seen || ms_since(&start) >= max_ms) break;
        struct timespec ts = {0, 200 * 1000};
        nanosleep(&ts, NULL);
    }
    drain_arm(d, NULL, 0);
    return seen;
}

size_t cterm_drain_copy(cterm_drain *d, uint8_t *out, size_t cap) {
    pthread_mutex_lock(&d->lock);
    size_t n = d->capture_len < cap ? d->capture_len : cap;
    if (n) memcpy(out, d->capture, n);
    pthread_mutex_unlock(&d->lock);
    return n;
}

void cterm_drain_clear(cterm_drain *d) {
    pthread_mutex_lock(&d->lock);
    d->capture_len = 0;
    pthread_mutex_unlock(&d->lock);
}

void cterm_drain_stop(cterm_drain *d) {
    if (!d) return;
    atomic_store(&d->stop, 1);
    pthread_join(d->thread, NULL);
    pthread_mutex_destroy(&d->lock);
    free(d->capture);
    free(d);
}

// ---- Memory -------------------------------------------------------------------------------------

#include <malloc.h>

void cterm_memory_tune(void) {
    // One malloc arena: each thread that allocates otherwise gets an arena of its own, which keeps the
    // pages of whatever was freed in it (decoded pages of a list, on the threads of the task pool).
    mallopt(M_ARENA_MAX, 1);
    // A fixed threshold (the default one grows up to 32 MB as big blocks are freed, after which big
    // transient buffers come from the heap and leave it fragmented); freed tops go back to the system.
    mallopt(M_MMAP_THRESHOLD, 64 * 1024);
    mallopt(M_TRIM_THRESHOLD, 64 * 1024);
}
