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
#endif
