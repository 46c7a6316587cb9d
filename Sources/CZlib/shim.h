// The system's zlib (pkg-config zlib, Debian: zlib1g-dev): gzip bodies of HTTP answers are inflated with it.
#include <zlib.h>
