// See include/CNet.h.
#define _GNU_SOURCE
#include "CNet.h"
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static void put_err(char *err, size_t errlen, const char *fmt, const char *arg) {
    if (err && errlen) snprintf(err, errlen, fmt, arg ? arg : "");
}

/// OpenSSL writes to the socket with write(2): a peer that closed would raise SIGPIPE and end the process.
/// SIGPIPE is blocked in the calling thread around each TLS call, and one raised meanwhile is consumed.
typedef struct { sigset_t old; } pipe_guard;

static void pipe_block(pipe_guard *g) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, &g->old);
}

static void pipe_unblock(pipe_guard *g) {
    if (!sigismember(&g->old, SIGPIPE)) {
        sigset_t set, pending;
        sigemptyset(&set);
        sigaddset(&set, SIGPIPE);
        sigpending(&pending);
        if (sigismember(&pending, SIGPIPE)) {
            struct timespec zero = { 0, 0 };
            int saved = errno;
            sigtimedwait(&set, NULL, &zero);
            errno = saved;
        }
    }
    pthread_sigmask(SIG_SETMASK, &g->old, NULL);
}

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/// poll() for `events`, retrying on EINTR until the deadline (-1: none). 1 ready, 0 timeout, -1 error.
static int wait_fd(int fd, short events, long long deadline) {
    for (;;) {
        int t = -1;
        if (deadline >= 0) {
            long long left = deadline - now_ms();
            t = left > 0 ? (int)left : 0;
        }
        struct pollfd p = { .fd = fd, .events = events, .revents = 0 };
        int r = poll(&p, 1, t);
        if (r > 0) return 1;
        if (r == 0) return 0;
        if (errno != EINTR) return -1;
    }
}

static long long deadline_of(int timeout_ms) { return timeout_ms < 0 ? -1 : now_ms() + timeout_ms; }

int cnet_connect(const char *host, int port, int timeout_ms, char *err, size_t errlen) {
    char service[16];
    snprintf(service, sizeof service, "%d", port);
    struct addrinfo hints, *list = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int g = getaddrinfo(host, service, &hints, &list);
    if (g != 0 || !list) {
        put_err(err, errlen, "cannot resolve the host name (%s)", gai_strerror(g));
        return CNET_NO_ADDRESS;
    }
    long long deadline = deadline_of(timeout_ms);
    int result = CNET_ERROR;
    put_err(err, errlen, "cannot connect%s", "");
    for (struct addrinfo *a = list; a; a = a->ai_next) {
        int fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
        if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) { result = fd; break; }
        if (errno == EINPROGRESS) {
            int w = wait_fd(fd, POLLOUT, deadline);
            int soerr = 0;
            socklen_t len = sizeof soerr;
            if (w == 1 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) == 0 && soerr == 0) { result = fd; break; }
            if (w == 0) { result = CNET_TIMEOUT; put_err(err, errlen, "connecting timed out%s", ""); }
            else put_err(err, errlen, "cannot connect (%s)", strerror(soerr ? soerr : errno));
        } else {
            put_err(err, errlen, "cannot connect (%s)", strerror(errno));
        }
        close(fd);
        if (result == CNET_TIMEOUT) break;
    }
    freeaddrinfo(list);
    return result;
}

// ---- OpenSSL, loaded on first use ----------------------------------------------------------------

// The few OpenSSL 3 entry points used, by their ABI (no headers needed to build).
static struct {
    int loaded;
    const char *failure;
    int (*init_ssl)(unsigned long long, const void *);
    const void *(*client_method)(void);
    void *(*ctx_new)(const void *);
    void (*ctx_free)(void *);
    void (*ctx_set_verify)(void *, int, void *);
    int (*ctx_default_paths)(void *);
    int (*ctx_load_locations)(void *, const char *, const char *);
    long (*ctx_ctrl)(void *, int, long, void *);
    void *(*ssl_new)(void *);
    void (*ssl_free)(void *);
    int (*set_fd)(void *, int);
    long (*ssl_ctrl)(void *, int, long, void *);
    int (*set1_host)(void *, const char *);
    int (*do_connect)(void *);
    int (*get_error)(const void *, int);
    int (*do_read)(void *, void *, int);
    int (*do_write)(void *, const void *, int);
    long (*verify_result)(const void *);
    const char *(*verify_string)(long);
    unsigned long (*err_get)(void);
    void (*err_string)(unsigned long, char *, size_t);
    void (*err_clear)(void);
} ssl;

static pthread_once_t ssl_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t ctx_lock = PTHREAD_MUTEX_INITIALIZER;
static void *default_ctx, *file_ctx;
static char file_ctx_path[4096];

enum { SSL_ERROR_WANT_READ_ = 2, SSL_ERROR_WANT_WRITE_ = 3, SSL_ERROR_ZERO_RETURN_ = 6,
       SSL_CTRL_SET_TLSEXT_HOSTNAME_ = 55, SSL_CTRL_SET_MIN_PROTO_VERSION_ = 123, TLS1_2_VERSION_ = 0x0303,
       SSL_VERIFY_PEER_ = 1 };

#define LOAD(field, name) do { *(void **)(&ssl.field) = dlsym(h, name); if (!ssl.field) { ssl.failure = "libssl.so.3 lacks " name; return; } } while (0)

static void load_ssl(void) {
    void *h = dlopen("libssl.so.3", RTLD_NOW | RTLD_LOCAL);
    if (!h) { ssl.failure = "cannot load libssl.so.3 (OpenSSL 3) for https"; return; }
    LOAD(init_ssl, "OPENSSL_init_ssl");
    LOAD(client_method, "TLS_client_method");
    LOAD(ctx_new, "SSL_CTX_new");
    LOAD(ctx_free, "SSL_CTX_free");
    LOAD(ctx_set_verify, "SSL_CTX_set_verify");
    LOAD(ctx_default_paths, "SSL_CTX_set_default_verify_paths");
    LOAD(ctx_load_locations, "SSL_CTX_load_verify_locations");
    LOAD(ctx_ctrl, "SSL_CTX_ctrl");
    LOAD(ssl_new, "SSL_new");
    LOAD(ssl_free, "SSL_free");
    LOAD(set_fd, "SSL_set_fd");
    LOAD(ssl_ctrl, "SSL_ctrl");
    LOAD(set1_host, "SSL_set1_host");
    LOAD(do_connect, "SSL_connect");
    LOAD(get_error, "SSL_get_error");
    LOAD(do_read, "SSL_read");
    LOAD(do_write, "SSL_write");
    LOAD(verify_result, "SSL_get_verify_result");
    LOAD(verify_string, "X509_verify_cert_error_string");
    LOAD(err_get, "ERR_get_error");
    LOAD(err_string, "ERR_error_string_n");
    LOAD(err_clear, "ERR_clear_error");
    ssl.init_ssl(0, NULL);
    ssl.loaded = 1;
}

/// The TLS context for the system's roots (ca_file NULL) or for one CA file; made once and kept.
static void *context_for(const char *ca_file, char *err, size_t errlen) {
    pthread_mutex_lock(&ctx_lock);
    void **slot = ca_file ? &file_ctx : &default_ctx;
    if (ca_file && file_ctx && strcmp(file_ctx_path, ca_file) != 0) { ssl.ctx_free(file_ctx); file_ctx = NULL; }
    if (!*slot) {
        void *ctx = ssl.ctx_new(ssl.client_method());
        int ok = ctx != NULL;
        if (ok) {
            ssl.ctx_ctrl(ctx, SSL_CTRL_SET_MIN_PROTO_VERSION_, TLS1_2_VERSION_, NULL);
            ssl.ctx_set_verify(ctx, SSL_VERIFY_PEER_, NULL);
            ok = ca_file ? ssl.ctx_load_locations(ctx, ca_file, NULL) == 1 : ssl.ctx_default_paths(ctx) == 1;
        }
        if (!ok) {
            if (ctx) ssl.ctx_free(ctx);
            put_err(err, errlen, "cannot load the trusted certificates%s", ca_file ? " (CA file)" : "");
        } else {
            *slot = ctx;
            if (ca_file) snprintf(file_ctx_path, sizeof file_ctx_path, "%s", ca_file);
        }
    }
    void *ctx = *slot;
    pthread_mutex_unlock(&ctx_lock);
    return ctx;
}

static void tls_error_text(char *err, size_t errlen, const char *prefix) {
    unsigned long e = ssl.err_get();
    char buf[256] = "";
    if (e) ssl.err_string(e, buf, sizeof buf);
    if (err && errlen) snprintf(err, errlen, "%s%s%s", prefix, e ? ": " : "", buf);
}

void *cnet_tls_start(int fd, const char *host, const char *ca_file, int timeout_ms, char *err, size_t errlen) {
    pthread_once(&ssl_once, load_ssl);
    if (!ssl.loaded) { put_err(err, errlen, "%s", ssl.failure); return NULL; }
    void *ctx = context_for(ca_file, err, errlen);
    if (!ctx) return NULL;
    ssl.err_clear();
    void *s = ssl.ssl_new(ctx);
    if (!s) { tls_error_text(err, errlen, "TLS setup failed"); return NULL; }
    if (ssl.set_fd(s, fd) != 1 || ssl.ssl_ctrl(s, SSL_CTRL_SET_TLSEXT_HOSTNAME_, 0, (void *)host) != 1
        || ssl.set1_host(s, host) != 1) {
        tls_error_text(err, errlen, "TLS setup failed");
        ssl.ssl_free(s);
        return NULL;
    }
    long long deadline = deadline_of(timeout_ms);
    for (;;) {
        pipe_guard g;
        pipe_block(&g);
        int r = ssl.do_connect(s);
        pipe_unblock(&g);
        if (r == 1) break;
        int e = ssl.get_error(s, r);
        short ev = e == SSL_ERROR_WANT_READ_ ? POLLIN : e == SSL_ERROR_WANT_WRITE_ ? POLLOUT : 0;
        if (ev && wait_fd(fd, ev, deadline) == 1) continue;
        long v = ssl.verify_result(s);
        if (ev) put_err(err, errlen, "TLS handshake timed out%s", "");
        else if (v != 0) put_err(err, errlen, "the server's certificate is not trusted: %s", ssl.verify_string(v));
        else tls_error_text(err, errlen, "TLS handshake failed");
        ssl.ssl_free(s);
        return NULL;
    }
    return s;
}

long cnet_recv(int fd, void *tls, void *buf, size_t len, int timeout_ms) {
    long long deadline = deadline_of(timeout_ms);
    int n = len > 1 << 30 ? 1 << 30 : (int)len;
    for (;;) {
        if (!tls) {
            ssize_t r = recv(fd, buf, (size_t)n, 0);
            if (r >= 0) return (long)r;
            if (errno == EINTR) continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK) return CNET_ERROR;
            int w = wait_fd(fd, POLLIN, deadline);
            if (w == 0) return CNET_TIMEOUT;
            if (w < 0) return CNET_ERROR;
            continue;
        }
        pipe_guard g;
        pipe_block(&g);
        int r = ssl.do_read(tls, buf, n);
        pipe_unblock(&g);
        if (r > 0) return r;
        int e = ssl.get_error(tls, r);
        if (e == SSL_ERROR_ZERO_RETURN_) return CNET_EOF;
        short ev = e == SSL_ERROR_WANT_READ_ ? POLLIN : e == SSL_ERROR_WANT_WRITE_ ? POLLOUT : 0;
        if (!ev) return CNET_ERROR;
        int w = wait_fd(fd, ev, deadline);
        if (w == 0) return CNET_TIMEOUT;
        if (w < 0) return CNET_ERROR;
    }
}

long cnet_send_all(int fd, void *tls, const void *buf, size_t len, int timeout_ms) {
    long long deadline = deadline_of(timeout_ms);
    const char *p = buf;
    while (len > 0) {
        int n = len > 1 << 30 ? 1 << 30 : (int)len;
        short ev = POLLOUT;
        if (!tls) {
            ssize_t r = send(fd, p, (size_t)n, MSG_NOSIGNAL);
            if (r > 0) { p += r; len -= (size_t)r; continue; }
            if (r < 0 && errno == EINTR) continue;
            if (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return CNET_ERROR;
        } else {
            pipe_guard g;
            pipe_block(&g);
            int r = ssl.do_write(tls, p, n);
            pipe_unblock(&g);
            if (r > 0) { p += r; len -= (size_t)r; continue; }
            int e = ssl.get_error(tls, r);
            ev = e == SSL_ERROR_WANT_READ_ ? POLLIN : e == SSL_ERROR_WANT_WRITE_ ? POLLOUT : 0;
            if (!ev) return CNET_ERROR;
        }
        int w = wait_fd(fd, ev, deadline);
        if (w == 0) return CNET_TIMEOUT;
        if (w < 0) return CNET_ERROR;
    }
    return 0;
}

int cnet_idle_readable(int fd) {
    struct pollfd p = { .fd = fd, .events = POLLIN, .revents = 0 };
    return poll(&p, 1, 0) != 0;
}

void cnet_abort(int fd) { shutdown(fd, SHUT_RDWR); }

void cnet_close(int fd, void *tls) {
    if (tls) ssl.ssl_free(tls);
    close(fd);
}
