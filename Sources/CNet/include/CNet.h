#ifndef WRIKE_TUI_CNET_H
#define WRIKE_TUI_CNET_H
#include <stddef.h>

// TCP connections with timeouts and, for https, TLS through the system's OpenSSL (libssl.so.3), which is
// loaded with dlopen on the first TLS connection: a process that never speaks https never maps it.
// Every call that waits takes a timeout in milliseconds; a negative timeout waits without bound.

/// Results of the calls below (besides a count of bytes or a descriptor).
enum {
    CNET_EOF = 0,
    CNET_ERROR = -1,       // the connection failed (reset, refused, TLS alert, ...)
    CNET_TIMEOUT = -2,     // nothing happened within the timeout
    CNET_NO_ADDRESS = -3,  // the host name could not be resolved
};

/// Resolves `host` and connects to `port` (each address in turn, non-blocking with a timeout).
/// Returns the socket (non-blocking, close-on-exec) or CNET_ERROR / CNET_TIMEOUT / CNET_NO_ADDRESS, with a
/// message in `err`.
int cnet_connect(const char *host, int port, int timeout_ms, char *err, size_t errlen);

/// TLS over the connected socket `fd`: verifies the peer's chain against the system's CA roots (or only the
/// PEM file `ca_file` when not NULL) and its name against `host` (SNI sent). Returns the TLS session, or
/// NULL with a message in `err` (the library missing, the handshake failing or timing out, a certificate
/// not trusted).
void *cnet_tls_start(int fd, const char *host, const char *ca_file, int timeout_ms, char *err, size_t errlen);

/// Reads up to `len` bytes (through `tls` when not NULL): a count, CNET_EOF, CNET_ERROR or CNET_TIMEOUT.
long cnet_recv(int fd, void *tls, void *buf, size_t len, int timeout_ms);

/// Writes all `len` bytes: 0, CNET_ERROR or CNET_TIMEOUT.
long cnet_send_all(int fd, void *tls, const void *buf, size_t len, int timeout_ms);

/// 1 when an idle connection has data or an end waiting (the server closed it): not reusable.
int cnet_idle_readable(int fd);

/// Wakes any thread waiting on `fd` (shutdown of both directions); the descriptor stays open.
void cnet_abort(int fd);

/// Frees the TLS session (no close_notify wait) and closes the descriptor.
void cnet_close(int fd, void *tls);

#endif
