"""How an action asks for a whole conversation to be erased.

An action (data deletion, refused consent) sets this slot; the tracker store then deletes
every stored event of that conversation instead of saving it. Kept apart from the tracker
store so the action server need not import Rasa itself.
"""

ERASE_SLOT = "erase_conversation"
