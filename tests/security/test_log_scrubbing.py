"""No personal text reaches any log of any service (finding 5)."""

from __future__ import annotations

import pytest

from tests.security.conversation import run_marked_conversation

pytestmark = pytest.mark.server


def _logs(stack) -> dict[str, str]:
    logs = stack.settings.var_dir / "log"
    return {p.name: p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(logs.rglob("*")) if p.is_file()}


def _make_an_action_fail(stack, marker: str) -> None:
    """A call (with the secret, as Rasa makes it) whose action raises on a slot value."""
    import json
    import urllib.error
    import urllib.request

    from bot.action_server import SECRET_HEADER

    body = json.dumps({"next_action": "action_greet", "tracker": {
        "sender_id": f"web-{marker}", "slots": {"language": {"typed": marker}},
        "latest_message": {"text": marker}, "events": []}}).encode()
    request = urllib.request.Request(
        f"http://{stack.settings.host}:{stack.settings.actions_port}/webhook", data=body,
        headers={SECRET_HEADER: stack.action_secret, "Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as failed:
        urllib.request.urlopen(request, timeout=60)  # noqa: S310 - localhost
    assert failed.value.code == 500 and marker not in failed.value.read().decode()


def test_a_conversation_leaves_no_personal_text_in_any_log(stack):
    conversation = run_marked_conversation(stack.settings.rasa_url)
    conversation.markers.append("Kelvashtrom")
    _make_an_action_fail(stack, "Kelvashtrom")
    logs = _logs(stack)
    # what would have carried the text did happen: Rasa's warning about a leading "/", and
    # the action's error with its traceback
    assert "a message starting with a slash" in logs["rasa.log"]
    assert "action action_greet failed: TypeError" in logs["actions.log"]
    assert "Traceback" in logs["actions.log"]
    assert {"rasa.log", "actions.log"} <= set(logs)
    for name, text in logs.items():
        for trace in conversation.traces:
            assert trace not in text, (name, trace)
    # the logs still tell operators what happens
    assert "Rasa server is up and running" in logs["rasa.log"] or "Starting" in logs["rasa.log"]


# --- the scrubbing itself, on lines Rasa, rasa_sdk, Sanic and structlog really write --------

def _scrubbed(name: str, level: int, msg: str, *args: object, exc_info=None) -> str:  # noqa: ANN001
    import logging

    from lotse.log_privacy import scrub_record

    record = logging.LogRecord(name, level, __file__, 1, msg, args, exc_info)
    scrub_record(record)
    return logging.Formatter("%(message)s").format(record)


@pytest.mark.parametrize(("name", "line"), [
    ("py.warnings", "/work/.venv/rasa/shared/utils/io.py:99: UserWarning: Failed to parse "
                    "arguments in line '/Qorvane bitte'. Expected the intent to be one of "
                    "[greet, affirm] but found Qorvane bitte.Continuing with given line."),
    ("rasa.core.processor", '{"event": "message.parsing.failed", "user_text": "/Qorvane hi", '
                            '"level": "warning"}'),
    ("rasa.core.actions.action", "Failed to run custom action 'action_ask_given_names' for "
                                 "sender test-5c0ffee1234567890 with text 'Ich heiße Qorvane'"),
    ("sanic.error", "Exception occurred while handling uri: "
                    "'http://127.0.0.1:5005/webhooks/web/webhook?name=Qorvane'"),
    ("rasa.core.tracker_store", "Tracker {'sender_id': 'telegram:733000001', 'slots': "
                                "{'given_names': 'Qorvane'}}"),
    ("channels.telegram", "message from chat 733000001 answered, +49 176 12345678, a@Qorvane.de"),
])
def test_personal_text_is_withheld_from_real_log_lines(name, line):
    import logging

    text = _scrubbed(name, logging.WARNING, "%s" if name == "py.warnings" else line,
                     *((line,) if name == "py.warnings" else ()))
    for trace in ("Qorvane", "5c0ffee1234567890", "733000001", "12345678"):
        assert trace not in text, text


def test_operator_facts_stay():
    import logging

    text = _scrubbed("bot.actions.knowledge", logging.INFO,
                     "action %s answered in %.1f ms with %d passages (%s)",
                     "action_pass_on_question", 12.5, 3, "de")
    assert text == "action action_pass_on_question answered in 12.5 ms with 3 passages (de)"
    assert _scrubbed("rasa.core.run", logging.INFO, "Rasa server is up and running.") \
        == "Rasa server is up and running."


def test_exceptions_keep_their_type_and_place_but_not_their_message_or_values():
    import logging
    import sys

    def fails(answer: str) -> None:
        raise ValueError(f"cannot read {answer!r}")

    try:
        fails("Qor" + "vane")  # the source line shown in the traceback holds no marker
    except ValueError:
        text = _scrubbed("rasa_sdk.executor", logging.ERROR, "action failed", exc_info=sys.exc_info())
    assert "ValueError" in text and "in fails" in text
    assert "Qorvane" not in text


def test_third_party_debug_lines_are_withheld():
    import logging

    assert "Qorvane" not in _scrubbed("rasa.core.processor", logging.DEBUG,
                                      "Received user message 'Qorvane' with intent 'greet'")


def test_errors_that_name_only_files_keep_their_message_others_do_not():
    from lotse.log_privacy import scrub_arg
    from translation.packages import PackageError

    assert scrub_arg(PackageError("sentencepiece.model missing")) \
        == "PackageError: sentencepiece.model missing"
    assert scrub_arg(ValueError("invalid name 'Samira Haddad'")) == "ValueError"
