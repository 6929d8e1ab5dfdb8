"""A pasted command line → its words, as the shell that would run it splits them.

Two shells write the curl commands people paste: a POSIX shell (bash, zsh: Kaltura's docs, the
console's Code tab, a browser's "Copy as cURL (bash)"), and Windows cmd ("Copy as cURL (cmd)").
`posix_words` reads single quotes, double quotes (where `\\` escapes only `"`, `\\`, `$`, `` ` ``
and a newline), bash's `$'…'` (C escapes: `\\n`, `\\xHH`, `\\uHHHH`…) and a backslash-newline
continuation; `$VAR` stays as written (nothing is expanded). `cmd_words` first undoes cmd's
carets (`^x` is `x`, a caret at a line's end joins the next line), then splits as the C runtime
splits a Windows command line: `"` quotes, and backslashes count only before a `"`.
Pure: text only.
"""

from __future__ import annotations

import re


class ShellSyntaxError(ValueError):
    """The text does not split into words (an unclosed quote)."""


_C_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "e": "\x1b",
    "E": "\x1b",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "?": "?",
}
_HEX = {"x": 2, "u": 4, "U": 8}
_DOUBLE_QUOTED_ESCAPES = '"\\$`'


def is_cmd(text: str) -> bool:
    """Whether `text` is written for Windows cmd: carets quote or continue its lines."""
    return '^"' in text or bool(re.search(r"\^\r?\n", text))


def words(text: str) -> list[str]:
    return cmd_words(text) if is_cmd(text) else posix_words(text)


def posix_words(text: str) -> list[str]:
    out: list[str] = []
    word: list[str] = []
    in_word = False
    i = 0
    while i < len(text):
        c = text[i]
        if c in " \t\r\n":
            if in_word:
                out.append("".join(word))
                word, in_word = [], False
            i += 1
            continue
        in_word = True
        if c == "\\":
            if text[i + 1 : i + 2] == "\n":
                in_word = bool(word)
            elif text[i + 1 : i + 3] == "\r\n":
                in_word, i = bool(word), i + 1
            else:
                word.append(text[i + 1 : i + 2])
            i += 2
        elif c == "'":
            end = text.find("'", i + 1)
            if end < 0:
                raise ShellSyntaxError("A single quote is not closed.")
            word.append(text[i + 1 : end])
            i = end + 1
        elif c == '"':
            i = _double_quoted(text, i + 1, word)
        elif c == "$" and text[i + 1 : i + 2] == "'":
            i = _c_quoted(text, i + 2, word)
        else:
            word.append(c)
            i += 1
    if in_word:
        out.append("".join(word))
    return out


def _double_quoted(text: str, i: int, word: list[str]) -> int:
    while i < len(text):
        c = text[i]
        if c == '"':
            return i + 1
        if c == "\\" and text[i + 1 : i + 2] in _DOUBLE_QUOTED_ESCAPES:
            word.append(text[i + 1])
            i += 2
        elif c == "\\" and text[i + 1 : i + 2] == "\n":
            i += 2
        else:
            word.append(c)
            i += 1
    raise ShellSyntaxError("A double quote is not closed.")


def _c_quoted(text: str, i: int, word: list[str]) -> int:
    """bash's `$'…'`, from after its opening quote."""
    while i < len(text):
        c = text[i]
        if c == "'":
            return i + 1
        if c != "\\" or i + 1 >= len(text):
            word.append(c)
            i += 1
            continue
        e = text[i + 1]
        if e in _C_ESCAPES:
            word.append(_C_ESCAPES[e])
            i += 2
        elif e in _HEX:
            digits = re.match(f"[0-9a-fA-F]{{1,{_HEX[e]}}}", text[i + 2 :])
            if digits:
                word.append(chr(int(digits.group(), 16)))
                i += 2 + len(digits.group())
            else:
                word.append("\\" + e)
                i += 2
        elif e in "01234567":
            digits = re.match(r"[0-7]{1,3}", text[i + 1 :])
            assert digits is not None
            word.append(chr(int(digits.group(), 8)))
            i += 1 + len(digits.group())
        else:
            word.append("\\" + e)
            i += 2
    raise ShellSyntaxError("A $'…' quote is not closed.")


def cmd_words(text: str) -> list[str]:
    return _split_windows(_uncaret(text))


def _uncaret(text: str) -> str:
    """cmd's own escapes undone: `^x` → `x`; `^` and a line end → nothing (the next line goes
    on, its first character taken as written, so a browser's `^` newline newline is a newline)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "^" and i + 1 < len(text):
            if text[i + 1 : i + 3] == "\r\n":
                i += 3
            elif text[i + 1] == "\n":
                i += 2
            else:
                out.append(text[i + 1])
                i += 2
            if i < len(text) and text[i - 1] == "\n" and text[i : i + 2] == "\r\n":
                out.append("\n")
                i += 2
            elif i < len(text) and text[i - 1] == "\n" and text[i] == "\n":
                out.append("\n")
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


_BACKSLASHES = re.compile(r"\\+")


def _split_windows(line: str) -> list[str]:
    """The C runtime's rules for argv (CommandLineToArgvW)."""
    out: list[str] = []
    word: list[str] = []
    in_word = quoted = False
    i = 0
    while i < len(line):
        c = line[i]
        if c == "\\":
            found = _BACKSLASHES.match(line, i)
            run = found.end() - i if found else 1
            if line[i + run : i + run + 1] == '"':
                word.append("\\" * (run // 2))
                if run % 2:
                    word.append('"')
                    i += run + 1
                else:
                    i += run
            else:
                word.append("\\" * run)
                i += run
            in_word = True
        elif c == '"':
            quoted = not quoted
            in_word = True
            i += 1
        elif c in " \t\r\n" and not quoted:
            if in_word:
                out.append("".join(word))
                word, in_word = [], False
            i += 1
        else:
            word.append(c)
            in_word = True
            i += 1
    if quoted:
        raise ShellSyntaxError("A double quote is not closed.")
    if in_word:
        out.append("".join(word))
    return out
