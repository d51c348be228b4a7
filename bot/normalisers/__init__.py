"""Turn a free answer into a checked, normalised value or a catalogue error key.

Each module handles one kind of answer named in dialogues/interview.yml.
"""

from bot.normalisers.result import Result

__all__ = ["Result"]
