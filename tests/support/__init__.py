"""Helpers shared by the test modules, one module per concern; fixtures live in tests/conftest.py.

- :mod:`tests.support.runs`: pytest runs in a subprocess and what they leave (JUnit, processes)
- :mod:`tests.support.apps`: the repository's folders, small challenges and apps written on disk
- :mod:`tests.support.models`: fake model aliases (``llmcode.yaml``) and the answers they give
- :mod:`tests.support.fake_llm`: a local HTTP endpoint speaking OpenAI's and Anthropic's wire formats
- :mod:`tests.support.cli`: the ``llmcode`` command
- :mod:`tests.support.sandbox`: which sandbox backends this host has
- :mod:`tests.support.matrix`: an example challenge run on its reference, mutants and alternatives
- :mod:`tests.support.action_runner`: the GitHub Action (``action.yml``) run step by step here

No test module imports another test module: what two modules share is here.
"""
