#!/usr/bin/env python3
"""Lists Swift functions (func, init, computed bodies are not counted) longer than a limit.

usage: scripts/long-functions.py [LIMIT=50] [DIR=Sources]
A function's length is the lines from its `func`/`init` line to its closing brace. Braces inside
strings and comments are skipped (a simple lexer: "…", \"\"\"…\"\"\", // and /* */).
"""
import os
import re
import sys

limit = int(sys.argv[1]) if len(sys.argv) > 1 else 50
root = sys.argv[2] if len(sys.argv) > 2 else "Sources"
head = re.compile(r'^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|fileprivate|internal|static|class|mutating|nonmutating|override|final|nonisolated|package|convenience|required|indirect)\s+)*(func\s+([^\s(<]+)|init[?!]?)\s*[(<]')


def strip(line, state):
    """The line's code with strings and comments blanked; state carries multi-line strings/comments."""
    out = []
    i = 0
    while i < len(line):
        if state["block"]:
            j = line.find("*/", i)
            if j < 0:
                return "".join(out), state
            state["block"] = False
            i = j + 2
            continue
        if state["multi"]:
            j = line.find('"""', i)
            if j < 0:
                return "".join(out), state
            state["multi"] = False
            i = j + 3
            continue
        c = line[i]
        if line.startswith("//", i):
            break
        if line.startswith("/*", i):
            state["block"] = True
            i += 2
            continue
        if line.startswith('"""', i):
            state["multi"] = True
            i += 3
            continue
        if c == '"':
            i += 1
            while i < len(line) and line[i] != '"':
                i += 2 if line[i] == "\\" else 1
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out), state


def functions(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    state = {"block": False, "multi": False}
    stack = []  # (name, start line, depth at its opening)
    depth = 0
    pending = None
    for n, raw in enumerate(lines, 1):
        m = head.match(raw) if not state["block"] and not state["multi"] else None
        code, state = strip(raw, state)
        if m:
            pending = (m.group(2) or "init", n)
        for ch in code:
            if ch == "{":
                if pending:
                    stack.append((pending[0], pending[1], depth))
                    pending = None
                depth += 1
            elif ch == "}":
                depth -= 1
                if stack and stack[-1][2] == depth:
                    name, start, _ = stack.pop()
                    yield name, start, n - start + 1


rows = []
for d, _, files in os.walk(root):
    for f in files:
        if f.endswith(".swift"):
            p = os.path.join(d, f)
            for name, start, length in functions(p):
                if length > limit:
                    rows.append((length, f"{p}:{start}", name))
for length, where, name in sorted(rows, reverse=True):
    print(f"{length:5d}  {where}  {name}")
