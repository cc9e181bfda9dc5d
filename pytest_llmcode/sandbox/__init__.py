"""Where generated code runs. A :class:`~pytest_llmcode.sandbox.base.Sandbox` is one case's stage;
each backend is a module of its own (``host``: none, ``namespace``, ``docker``), chosen from the
registry in :mod:`~pytest_llmcode.sandbox.registry`, which plugins extend with the
``pytest_llmcode_sandbox_backends`` hook. See docs/security.md."""
