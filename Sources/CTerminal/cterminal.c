#define _GNU_SOURCE
#include "CTerminal.h"
#include <locale.h>
#include <wchar.h>
#include <pthread.h>

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
