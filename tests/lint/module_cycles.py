#!/usr/bin/env python3
"""Fails when a module of any crate imports a module that imports it back.

Each crate's modules form a graph: an edge from A to B when A's code names
something B defines (through `use crate::…`, `use super::…` or a path in the
code). A name that a module only re-exports (`pub use b::Thing`) counts as
B's, so a parent that re-exports its children is not in a cycle with them.
Code in a `mod name { … }` block is the file's module's own, and `super::`
in it means that module: a `mod tests` that uses `super::*` names its file.
Every strongly connected set of more than one module is a cycle: any cycle
fails the check, which prints the lines that make it.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CRATES = [
    "src-tauri",
    "src-tauri/crates/assent-core",
    "src-tauri/crates/assent-cli",
    "src-tauri/crates/assent-reports",
    "tests/e2e",
]


def module_of(src: Path, file: Path) -> tuple[str, ...]:
    parts = list(file.relative_to(src).with_suffix("").parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts.pop()
    if parts and parts[0] == "bin":
        return ("bin",) + tuple(parts[1:])
    return tuple(parts)


def strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    # Line comments, but not `//` inside a string literal on the same line.
    out = []
    for line in text.split("\n"):
        in_str = False
        i = 0
        cut = len(line)
        while i < len(line):
            c = line[i]
            if c == "\\" and in_str:
                i += 2
                continue
            if c == '"':
                in_str = not in_str
            elif not in_str and line.startswith("//", i):
                cut = i
                break
            i += 1
        out.append(line[:cut])
    return "\n".join(out)


MOD_BLOCK = re.compile(r"\bmod\s+(\w+)\s*\{")
RAW_STRING = re.compile(r'b?r(#*)"')
CHAR = re.compile(r"'(?:\\.[^']*|[^\\'])'")


def inline_modules(text: str) -> dict[tuple[str, ...], str]:
    """A file's code split by the `mod name { … }` blocks written in it: the
    code of each, keyed by the names of the blocks it is in (the file's own
    code under `()`). In such a block `super::` is the file's module, so the
    `use super::*;` of a `mod tests` names the file and not its parent."""
    parts: dict[tuple[str, ...], list[str]] = {(): []}
    stack: list[tuple[tuple[str, ...], int]] = []
    names: tuple[str, ...] = ()
    depth = 0
    i = 0
    while i < len(text):
        c = text[i]
        start_of_word = i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")
        block = MOD_BLOCK.match(text, i) if start_of_word else None
        if block:
            depth += 1
            stack.append((names, depth))
            parts[names].append("\n")
            names = names + (block.group(1),)
            parts.setdefault(names, [])
            i = block.end()
            continue
        raw = RAW_STRING.match(text, i) if start_of_word else None
        if raw:
            close = text.find('"' + raw.group(1), raw.end())
            end = len(text) if close < 0 else close + 1 + len(raw.group(1))
        elif c == '"':
            end = i + 1
            while end < len(text) and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            end += 1
        elif c == "'" and CHAR.match(text, i):
            end = CHAR.match(text, i).end()
        else:
            end = i + 1
            if c == "{":
                depth += 1
            elif c == "}":
                if stack and stack[-1][1] == depth:
                    names = stack.pop()[0]
                    parts[names].append("\n")
                    depth -= 1
                    i = end
                    continue
                depth -= 1
        parts[names].append(text[i:end])
        i = end
    return {k: "".join(v) for k, v in parts.items()}


def use_paths(tree: str, prefix: list[str]) -> list[list[str]]:
    """The full paths of a use tree such as `a::{b, c::{d, e as f}}`."""
    tree = tree.strip()
    if not tree:
        return []
    depth = 0
    # Split on top-level commas.
    parts, cur = [], ""
    for ch in tree:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    if len(parts) > 1:
        return [p for part in parts for p in use_paths(part, prefix)]
    tree = parts[0].strip()
    m = re.match(r"^((?:\w+\s*::\s*)*)\{(.*)\}$", tree, re.S)
    if m:
        head = [s for s in re.split(r"\s*::\s*", m.group(1)) if s]
        return use_paths(m.group(2), prefix + head)
    tree = re.sub(r"\s+as\s+\w+$", "", tree)
    return [prefix + [s for s in re.split(r"\s*::\s*", tree) if s]]


def analyse(crate: str) -> list[str]:
    src = ROOT / crate / "src"
    files = sorted(src.rglob("*.rs"))
    modules = {module_of(src, f): f for f in files}
    texts = {m: inline_modules(strip_comments(f.read_text())) for m, f in modules.items()}

    def absolute(current: tuple, path: list[str]) -> list[str] | None:
        if not path:
            return None
        if path[0] == "crate":
            return path[1:]
        if path[0] == "super":
            base = list(current)
            while path and path[0] == "super":
                if not base:
                    return None
                base.pop()
                path = path[1:]
            return base + path
        if path[0] == "self":
            return list(current) + path[1:]
        return None

    # Re-exports: module -> {name: absolute path it comes from}.
    reexports: dict[tuple, dict[str, list[str]]] = {}
    for m, text in texts.items():
        table = reexports.setdefault(m, {})
        for tree in re.findall(r"\bpub(?:\([^)]*\))?\s+use\s+([^;]+);", text[()]):
            for path in use_paths(tree, []):
                full = absolute(m, path)
                if full is None and path and (m + (path[0],)) in modules:
                    full = list(m) + path
                if full:
                    table[full[-1]] = full

    def resolve(path: list[str], seen: int = 0) -> tuple | None:
        """The module that defines what `path` (absolute) names."""
        for n in range(len(path), -1, -1):
            head = tuple(path[:n])
            if head in modules:
                rest = path[n:]
                if rest and seen < 8 and rest[0] in reexports.get(head, {}):
                    return resolve(reexports[head][rest[0]], seen + 1)
                return head
        return None

    edges: dict[tuple, dict[tuple, str]] = {m: {} for m in modules}
    for m, parts in texts.items():
        for inline, text in parts.items():
            found: list[list[str]] = []
            for tree in re.findall(r"(?<![\w:])use\s+((?:crate|super|self)\b[^;]*);", text):
                if re.search(r"\bpub(?:\([^)]*\))?\s+use\s+" + re.escape(tree), text):
                    continue
                found += use_paths(tree, [])
            body = re.sub(r"(?<![\w:])(?:pub(?:\([^)]*\))?\s+)?use\s+[^;]*;", "", text)
            for p in re.findall(r"\b((?:crate|super|self)(?:::\w+)+)", body):
                found.append(p.split("::"))
            # Bare paths into a child module (`table::draw(…)` in its parent).
            for name in set(re.findall(r"(?<![\w:])(\w+)::\w", body)):
                if m + (name,) in modules:
                    found.append(["crate", *m, name, "_"])
            for path in found:
                full = absolute(m + inline, path)
                if full is None:
                    continue
                target = resolve(full)
                if target is not None and target != m:
                    edges[m].setdefault(target, "::".join(path))

    # Tarjan's strongly connected components.
    index, low, stack, on, sccs = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(comp)

    sys.setrecursionlimit(10000)
    for v in modules:
        if v not in index:
            visit(v)

    name = lambda m: "::".join(m) or "(crate root)"
    report = []
    for comp in sccs:
        members = set(comp)
        lines = [f"{crate}: {' <-> '.join(sorted(name(c) for c in comp))}"]
        for a in sorted(comp):
            for b, why in sorted(edges[a].items()):
                if b in members:
                    lines.append(f"    {name(a)} uses {name(b)} ({why})")
        report.append("\n".join(lines))
    return report


def main() -> int:
    problems = [p for crate in CRATES for p in analyse(crate)]
    if problems:
        print("Modules that import each other (move what both need into a module of its own):")
        print("\n".join(problems))
        return 1
    print(f"No import cycles between the modules of {len(CRATES)} crates.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
