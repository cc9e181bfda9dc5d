"""The answer format a model is asked for (whole files, or edits of an existing codebase), and
writing files in it: what the local models (``reference``, ``dir:``) answer."""

from __future__ import annotations

from pytest_llmcode.core.answer_text import format_files

__all__ = ["ANSWER_FORMAT", "EDIT_FORMAT", "format_files"]

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
