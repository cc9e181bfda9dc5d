"""Agents as generators: the built-in agent (``--llm-mode=agent``: a session of tool calls over the
workspace, within limits) and external coding-agent CLIs (``agent:NAME``). They see one case only
through :class:`~pytest_llmcode.agents.task.AgentTask`."""
