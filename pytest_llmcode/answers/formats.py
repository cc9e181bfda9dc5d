"""The answer format a model is asked for (whole files, or edits of an existing codebase), and
writing files in it: what the local models (``reference``, ``dir:``) answer."""

from __future__ import annotations

import base64
import re
from pathlib import PurePosixPath

ANSWER_FORMAT = """\
Answer with the complete contents of every file of the project. Write each file as a
line `File: <path>` followed by a fenced code block that holds the whole file:

File: src/App.jsx
```jsx
export default function App() { ... }
```

Rules:
- Paths are relative to the project root and use forward slashes. The project root is
  the workspace itself: do not put the project in a subfolder.
- Give every file in full; no placeholders such as "rest unchanged".
- Do not include node_modules, build output or lock files.
- If a file contains a line starting with ```, fence it with four backticks (````).
- A binary file (an image) may be given as a ```base64 block.
"""

EDIT_FORMAT = """\
The project already exists. Answer with your changes only:

- A new file, or a file you rewrite completely: a line `File: <path>` followed by a fenced code
  block that holds the whole file.
- A change to part of an existing file: a line `Edit: <path>` followed by a fenced block of one
  or more search/replace sections:

Edit: src/App.jsx
```jsx
<<<<<<< SEARCH
lines copied exactly from the current file
=======
the lines that replace them
>>>>>>> REPLACE
```

- The SEARCH lines must match the file exactly (whitespace included) and occur only once in it:
  include enough lines to be unique. Sections apply in order, each to the file as the sections
  before it left it.
- Remove a file with a line `Delete: <path>`.
- Only the files you give, edit or delete change; everything else stays as it is.
"""


def _fence_for(content: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", content)), default=0)
    return "`" * max(3, longest + 1)


def format_files(files: dict[str, str | bytes]) -> str:
    """Write files as an answer in the documented format (what the local models answer).

    Bytes that are not UTF-8 text (an image) are written as a ```base64 block."""
    blocks = []
    for path in sorted(files):
        raw = files[path]
        if isinstance(raw, bytes):
            encoded = base64.b64encode(raw).decode("ascii")
            lines = "\n".join(encoded[i : i + 76] for i in range(0, len(encoded), 76))
            blocks.append(f"File: {path}\n```base64\n{lines}\n```\n")
            continue
        content = raw
        if content and not content.endswith("\n"):
            content += "\n"
        fence = _fence_for(content)
        language = PurePosixPath(path).suffix.lstrip(".")
        blocks.append(f"File: {path}\n{fence}{language}\n{content}{fence}\n")
    return "\n".join(blocks)
