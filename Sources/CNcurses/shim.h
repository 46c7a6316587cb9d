#ifndef WRIKE_TUI_CNCURSES_SHIM_H
#define WRIKE_TUI_CNCURSES_SHIM_H
// SwiftPM drops pkg-config's -D flags: define the wide-character API before including curses.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Accessors for what Swift cannot import (macros, C globals, variadics).
static inline WINDOW *shim_stdscr(void) { return stdscr; }
static inline int shim_lines(void) { return LINES; }
static inline int shim_cols(void) { return COLS; }
static inline int shim_colors(void) { return COLORS; }
static inline int shim_color_pairs(void) { return COLOR_PAIRS; }
static inline int shim_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int shim_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline attr_t shim_a_normal(void) { return A_NORMAL; }
static inline attr_t shim_a_bold(void) { return A_BOLD; }
static inline attr_t shim_a_dim(void) { return A_DIM; }
static inline attr_t shim_a_underline(void) { return A_UNDERLINE; }
static inline attr_t shim_a_reverse(void) { return A_REVERSE; }
static inline attr_t shim_a_italic(void) { return A_ITALIC; }
static inline int shim_key_resize(void) { return KEY_RESIZE; }
static inline int shim_key_f(int n) { return KEY_F(n); }
static inline int shim_err(void) { return ERR; }
static inline int shim_ok(void) { return OK; }
static inline WINDOW *shim_curscr(void) { return curscr; }
static inline int shim_key_code_yes(void) { return KEY_CODE_YES; }
static inline int shim_escdelay(void) { return ESCDELAY; }
// Mouse: button-1 presses and the wheel (buttons 4 and 5) only; `kind` 1 = press, 4 = wheel up, 5 = wheel down.
static inline mmask_t shim_mouse_mask(void) {
#ifdef BUTTON5_PRESSED
    return BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED;
#else
    return BUTTON1_PRESSED | BUTTON4_PRESSED;
#endif
}
static inline int shim_key_mouse(void) { return KEY_MOUSE; }
static inline int shim_getmouse(int *x, int *y, int *kind) {
    MEVENT e;
    if (getmouse(&e) != OK) return ERR;
    *x = e.x;
    *y = e.y;
    *kind = 0;
    if (e.bstate & BUTTON4_PRESSED) *kind = 4;
#ifdef BUTTON5_PRESSED
    else if (e.bstate & BUTTON5_PRESSED) *kind = 5;
#endif
    else if (e.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) *kind = 1;
    return OK;
}
/// Fills a cchar_t: up to 5 wide characters (the first spacing, the rest combining), attributes, pair.
static inline int shim_setcchar(cchar_t *cc, const wchar_t *wch, attr_t attrs, int pair) {
    return setcchar(cc, wch, attrs, (short)(pair < 32767 ? pair : 0), pair >= 32767 ? &pair : NULL);
}
/// Reads back the first wide character of the cell at (y, x) of a window, for tests.
static inline int shim_cell_char(WINDOW *w, int y, int x, wchar_t *out, int cap, attr_t *attrs, short *pair) {
    cchar_t cc;
    if (mvwin_wch(w, y, x, &cc) == ERR) return ERR;
    wchar_t buf[CCHARW_MAX + 1];
    if (getcchar(&cc, buf, attrs, pair, NULL) == ERR) return ERR;
    int i = 0;
    for (; i < cap - 1 && i < CCHARW_MAX && buf[i]; i++) out[i] = buf[i];
    out[i] = 0;
    return OK;
}
#endif
