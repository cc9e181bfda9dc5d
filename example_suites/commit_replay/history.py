#!/usr/bin/env python3
"""Write the suite's git bundles: the histories of two small libraries written for it, *durations*
(Node: parse "1h30m" into seconds, and back) and *slugkit* (Python: URL slugs). The commits are made
with fixed authors and dates, so the bundles and their SHAs are the same on every machine; the
challenges beside them each replay one commit. Run it again after changing a history here:
``python3 example_suites/commit_replay/history.py``."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

PACKAGE = """\
{
  "name": "durations",
  "version": "1.0.0",
  "description": "Parse durations such as 1h30m into seconds, and write them back",
  "main": "src/index.js",
  "scripts": { "test": "node --test" },
  "license": "MIT"
}
"""
README = """\
# durations

Parse durations such as `1h30m`, `45s` or `2d 4h` into seconds.

```js
const { parse } = require('durations');
parse('1h30m'); // 5400
```
"""
PARSE = """\
'use strict';
// Parse a duration such as "1h30m", "45s" or "2d 4h" into seconds.

const UNITS = { d: 86400, h: 3600, m: 60, s: 1 };
const PART = /(\\d+(?:\\.\\d+)?)\\s*([dhms])/g;

function parse(text) {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new TypeError('parse() expects a non-empty string');
  }
  const compact = text.trim();
  let total = 0;
  let consumed = '';
  for (const match of compact.matchAll(PART)) {
    total += Number(match[1]) * UNITS[match[2]];
    consumed += match[0];
  }
  if (consumed.replace(/\\s+/g, '') !== compact.replace(/\\s+/g, '')) {
    throw new SyntaxError(`not a duration: ${JSON.stringify(text)}`);
  }
  return total;
}

module.exports = { parse, UNITS };
"""
INDEX = """\
'use strict';
module.exports = { ...require('./parse') };
"""
PARSE_TESTS = """\
const { describe, test } = require('node:test');
const assert = require('node:assert');
const { parse } = require('../src');

describe('parse', () => {
  test('reads hours and minutes', () => assert.equal(parse('1h30m'), 5400));
  test('reads days and spaces', () => assert.equal(parse('2d 4h'), 187200));
  test('reads fractions', () => assert.equal(parse('1.5h'), 5400));
  test('rejects text that is no duration', () => assert.throws(() => parse('soon'), SyntaxError));
  test('rejects an empty string', () => assert.throws(() => parse(''), TypeError));
"""
UPPER_TEST = "  test('accepts upper-case units', () => assert.equal(parse('1H30M'), 5400));\n"

UNITS_JS = """\
'use strict';
// The units of a duration, largest first, in seconds.

const UNITS = { d: 86400, h: 3600, m: 60, s: 1 };
const ORDER = ['d', 'h', 'm', 's'];

module.exports = { UNITS, ORDER };
"""
FORMAT = """\
'use strict';
// Write a number of seconds as the shortest duration text: 5400 -> "1h30m", 0 -> "0s".

const { UNITS, ORDER } = require('./units');

function format(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    throw new RangeError('format() expects a finite number of seconds, at least 0');
  }
  let left = Math.round(seconds);
  if (left === 0) return '0s';
  let text = '';
  for (const unit of ORDER) {
    const count = Math.floor(left / UNITS[unit]);
    if (count > 0) {
      text += `${count}${unit}`;
      left -= count * UNITS[unit];
    }
  }
  return text;
}

module.exports = { format };
"""
FORMAT_TESTS = """\
const { describe, test } = require('node:test');
const assert = require('node:assert');
const { format, parse } = require('../src');

describe('format', () => {
  test('writes hours and minutes', () => assert.equal(format(5400), '1h30m'));
  test('writes zero as 0s', () => assert.equal(format(0), '0s'));
  test('leaves out the units that are zero', () => assert.equal(format(86401), '1d1s'));
  test('rejects negative numbers', () => assert.throws(() => format(-1), RangeError));
  test('round-trips with parse', () => assert.equal(parse(format(187200)), 187200));
});
"""
TOKENS = """\
'use strict';
// Split a duration's text into its parts: "1h 30m" -> [{ value: 1, unit: 'h' }, { value: 30, unit: 'm' }].

const { UNITS } = require('./units');

const PART = /(\\d+(?:\\.\\d+)?)\\s*([a-z])/g;

function tokens(text) {
  const compact = text.trim().toLowerCase();
  const found = [];
  let consumed = '';
  for (const match of compact.matchAll(PART)) {
    if (!(match[2] in UNITS)) break;
    found.push({ value: Number(match[1]), unit: match[2] });
    consumed += match[0];
  }
  if (found.length === 0 || consumed.replace(/\\s+/g, '') !== compact.replace(/\\s+/g, '')) {
    throw new SyntaxError(`not a duration: ${JSON.stringify(text)}`);
  }
  return found;
}

module.exports = { tokens };
"""
PARSE_WITH_TOKENS = """\
'use strict';
// Parse a duration such as "1h30m", "45s" or "2d 4h" into seconds.

const { UNITS } = require('./units');
const { tokens } = require('./tokens');

function parse(text) {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new TypeError('parse() expects a non-empty string');
  }
  return tokens(text).reduce((total, part) => total + part.value * UNITS[part.unit], 0);
}

module.exports = { parse, UNITS };
"""
TOKENS_TESTS = """\
const { describe, test } = require('node:test');
const assert = require('node:assert');
const { tokens } = require('../src/tokens');

describe('tokens', () => {
  test('splits a duration into its parts', () =>
    assert.deepEqual(tokens('1h 30m'), [{ value: 1, unit: 'h' }, { value: 30, unit: 'm' }]));
  test('reads units in any case', () => assert.deepEqual(tokens('2D'), [{ value: 2, unit: 'd' }]));
  test('rejects an unknown unit', () => assert.throws(() => tokens('3w'), SyntaxError));
});
"""

SLUG_PROJECT = """\
[project]
name = "slugkit"
version = "1.0.0"
description = "URL slugs from any text"
requires-python = ">=3.9"
license = {text = "MIT"}

[tool.pytest.ini_options]
pythonpath = ["."]
"""
SLUG_INIT = """\
\"\"\"URL slugs from any text.\"\"\"

from slugkit.core import slugify

__all__ = ["slugify"]
"""
SLUG_CORE = """\
import re
import unicodedata


def slugify(text: str, sep: str = "-") -> str:
    \"\"\"A URL slug of ``text``: lower-case ASCII letters and digits, the words joined by ``sep``.\"\"\"
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]", sep, ascii_text.lower())
    return slug.strip(sep)
"""
SLUG_TESTS = """\
from slugkit import slugify


def test_lowercases() -> None:
    assert slugify("Hello") == "hello"


def test_strips_accents() -> None:
    assert slugify("Crème brûlée") == "creme-brulee"


def test_custom_separator() -> None:
    assert slugify("a b", sep="_") == "a_b"


def test_strips_the_edges() -> None:
    assert slugify("  a  ") == "a"
"""
SLUG_RUNS_TEST = """\


def test_collapses_runs_of_separators() -> None:
    assert slugify("Hello,  World!") == "hello-world"
"""

# (message, files written): each commit of durations' history, oldest first
HISTORY: list[tuple[str, dict[str, str]]] = [
    ("durations: parse 1h30m, 45s or 2d 4h into seconds",
     {"package.json": PACKAGE, "README.md": README, "src/parse.js": PARSE, "src/index.js": INDEX,
      "test/parse.test.js": PARSE_TESTS + "});\n"}),
    ("Accept upper-case units such as 1H30M\n\nparse('1H30M') threw a SyntaxError: the units were matched in lower "
     "case only.",
     {"src/parse.js": PARSE.replace("const compact = text.trim();", "const compact = text.trim().toLowerCase();"),
      "test/parse.test.js": PARSE_TESTS + UPPER_TEST + "});\n"}),
    ("Add format(seconds), the inverse of parse: 5400 -> '1h30m'\n\nThe units move to src/units.js, shared by "
     "parse and format; format is exported beside parse. Zero is written '0s', units that are zero are left out, "
     "and a negative or non-finite number is a RangeError.",
     {"src/units.js": UNITS_JS, "src/format.js": FORMAT,
      "src/parse.js": PARSE.replace("const compact = text.trim();", "const compact = text.trim().toLowerCase();")
      .replace("const UNITS = { d: 86400, h: 3600, m: 60, s: 1 };", "const { UNITS } = require('./units');"),
      "src/index.js": INDEX.replace("module.exports = { ...require('./parse') };",
                                    "module.exports = { ...require('./parse'), ...require('./format') };"),
      "test/format.test.js": FORMAT_TESTS}),
    ("Split durations into tokens in src/tokens.js; parse keeps its behaviour\n\ntokens(text) returns the parts "
     "of a duration ({ value, unit }, units in lower case) and throws a SyntaxError for anything else; parse adds "
     "them up. Every existing test must still pass.",
     {"src/tokens.js": TOKENS, "src/parse.js": PARSE_WITH_TOKENS, "test/tokens.test.js": TOKENS_TESTS}),
]


SLUGKIT: list[tuple[str, dict[str, str]]] = [
    ("slugkit: URL slugs from any text",
     {"pyproject.toml": SLUG_PROJECT, "README.md": "# slugkit\n\n`slugify('Crème brûlée') == 'creme-brulee'`\n",
      "slugkit/__init__.py": SLUG_INIT, "slugkit/core.py": SLUG_CORE, "tests/test_slugify.py": SLUG_TESTS}),
    ("Collapse runs of separators: slugify('Hello,  World!') gave 'hello---world'",
     {"slugkit/core.py": SLUG_CORE.replace('r"[^a-z0-9]"', 'r"[^a-z0-9]+"'),
      "tests/test_slugify.py": SLUG_TESTS + SLUG_RUNS_TEST}),
]
LIBRARIES = {"durations": HISTORY, "slugkit": SLUGKIT}


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    quiet = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}  # the user's settings change no SHA
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                          env={**os.environ, **quiet, **(env or {})})
    return done.stdout.strip()


def write_bundle(name: str, history: list[tuple[str, dict[str, str]]], work: Path) -> Path:
    repo = work / name
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    for number, (message, files) in enumerate(history):
        for path, text in files.items():
            (repo / path).parent.mkdir(parents=True, exist_ok=True)
            (repo / path).write_text(text)
        git(repo, "add", "-A")
        when = f"2026-11-{10 + number:02d}T12:00:00+00:00"
        who = {"GIT_AUTHOR_NAME": f"{name} authors", "GIT_AUTHOR_EMAIL": f"{name}@example.org",
               "GIT_COMMITTER_NAME": f"{name} authors", "GIT_COMMITTER_EMAIL": f"{name}@example.org",
               "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        git(repo, "commit", "-q", "-m", message, env=who)
        print(git(repo, "rev-parse", "HEAD"), name, message.splitlines()[0])
    bundle = HERE / f"{name}.bundle"
    git(repo, "bundle", "create", "-q", str(bundle), "main")
    return bundle


def main() -> int:
    with tempfile.TemporaryDirectory() as work:
        for name, history in LIBRARIES.items():
            print(f"wrote {write_bundle(name, history, Path(work))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
