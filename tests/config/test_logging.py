import logging

from config.logging import LogfmtFormatter


def _format(message, **extra):
    record = logging.makeLogRecord(
        {"name": "peerdesk.test", "levelname": "INFO", "msg": message, **extra}
    )
    return LogfmtFormatter().format(record)


def test_logfmt_lines_are_greppable_key_values():
    line = _format("email sent", to_count=2)
    assert " level=info logger=peerdesk.test " in line
    assert 'msg="email sent"' in line
    assert line.endswith("to_count=2")
    assert line.startswith("ts=")


def test_logfmt_quotes_and_escapes():
    line = _format('say "hi"\nnext line')
    assert 'msg="say \\"hi\\"\\nnext line"' in line
    assert "\n" not in line
