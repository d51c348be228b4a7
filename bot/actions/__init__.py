"""Custom actions served by the rasa_sdk action server (`--actions bot.actions`)."""

import logging
import os
import threading

# The action server loads the occupation and knowledge-base indexes and the sentence encoder when
# it starts, so the first person who names a job or asks a question does not wait for them (set
# by `lotse run`'s supervisor).
WARM_UP_ENV = "LOTSE_ACTIONS_WARM_UP"


def _warm_up() -> None:
    from bot.actions.knowledge import knowledge
    from bot.normalisers import none_meaning
    from classifications import occupation_search
    from nlu import language_request_meaning, profile_requests

    # The knowledge base first: questions come from the first message on, jobs only mid-interview,
    # and its index loads in seconds where the occupation index takes much longer.
    # The "none", language request and profile request classifiers embed their examples once
    # (seconds), then fit in a fraction of one.
    for name, warm_up in (("knowledge base", knowledge),
                          ("occupation search", occupation_search.warm_up),
                          ("none classifier", none_meaning.model),
                          ("language request classifier", language_request_meaning.model),
                          ("profile request classifier", profile_requests.model)):
        try:
            warm_up()
        except Exception:  # noqa: BLE001 - the first search retries and reports its own error
            logging.getLogger(__name__).exception("warming up the %s failed", name)


if os.environ.get(WARM_UP_ENV) == "1":
    threading.Thread(target=_warm_up, name="occupation-warm-up", daemon=True).start()
