"""The seam between the harness and a model: messages in, an answer and its usage out.

:mod:`~pytest_llmcode.models.base` holds the types; :mod:`~pytest_llmcode.models.registry`
resolves ``--llm-model`` specs through model families, one module each (``reference``,
``directory``, ``remote``, ``aliases``; ``agent:`` lives with the agents). Remote models speak
two wire formats (``openai_chat``, ``anthropic_messages``) over :mod:`~pytest_llmcode.models.http`,
and the tool-calling conversation of the built-in agent (``conversation``)."""

from __future__ import annotations

from pytest_llmcode.models.base import Completion, GenerationError, GenerationRequest, Message, Model, Usage

__all__ = ["Completion", "GenerationError", "GenerationRequest", "Message", "Model", "Usage"]
