"""The foundation every other package stands on: the stage errors, running a command, typed YAML
reading, what counts as a project's files, and the challenge format. Imports nothing above it."""
