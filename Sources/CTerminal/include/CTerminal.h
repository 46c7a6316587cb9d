#ifndef WRIKE_TUI_CTERMINAL_H
#define WRIKE_TUI_CTERMINAL_H
#include <stdint.h>

/// Width in terminal cells of one Unicode scalar, computed under a private C.UTF-8 locale so that
/// the answer does not depend on the process locale. -1 for non-printable characters.
int cterm_wcwidth(uint32_t scalar);

#endif
