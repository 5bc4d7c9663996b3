"""An SMTP sink for the outbox tests: a real SMTP server on a free port (aiosmtpd) that records
every message and can hold a delivery inside the SMTP window, so a test can kill a worker there."""

import asyncio
import email
import email.policy
import socket
import threading
import time
from dataclasses import dataclass, field

HOLD_MAX_SECONDS = 60  # a delayed RCPT never blocks the sink for longer than this


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: email.message.EmailMessage


@dataclass
class Hold:
    """Delays RCPT for one address until released; says when that RCPT has arrived."""

    seen: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)


class _SinkHandler:
    def __init__(self, sink: "SmtpSink"):
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        key = address.lower()
        if key in self.sink.refused:
            return "550 5.1.1 Mailbox unavailable"
        hold = self.sink.holds.get(key)
        if hold is not None:
            hold.seen.set()
            deadline = time.monotonic() + HOLD_MAX_SECONDS
            # Poll instead of blocking: other sessions on the sink's loop must go on.
            while not hold.release.is_set() and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        self.sink.record(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        # SMTP's window: the message is taken, the client has not yet heard "250".
        for address in envelope.rcpt_tos:
            hold = self.sink.data_holds.get(address.lower())
            if hold is not None and not hold.release.is_set():
                hold.seen.set()
                deadline = time.monotonic() + HOLD_MAX_SECONDS
                while not hold.release.is_set() and time.monotonic() < deadline:
                    await asyncio.sleep(0.02)
        return "250 Message accepted for delivery"


class SmtpSink:
    """An SMTP server that accepts and records everything except what it is told to refuse."""

    def __init__(self):
        self.port = free_port()
        self.refused: set[str] = set()
        self.holds: dict[str, Hold] = {}
        self.data_holds: dict[str, Hold] = {}
        self._messages: list[Received] = []
        self._lock = threading.Lock()
        self._controller = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        assert self._controller is None, "the sink is already running"
        controller = Controller(_SinkHandler(self), hostname="127.0.0.1", port=self.port)
        controller.start()
        self._controller = controller

    def stop(self) -> None:
        for hold in [*self.holds.values(), *self.data_holds.values()]:
            hold.release.set()
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def refuse(self, address: str) -> None:
        self.refused.add(address.lower())

    def hold(self, address: str) -> Hold:
        hold = self.holds[address.lower()] = Hold()
        return hold

    def hold_after_data(self, address: str) -> Hold:
        """Keep the message but delay the final "250" for this address until released."""
        hold = self.data_holds[address.lower()] = Hold()
        return hold

    def record(self, received: Received) -> None:
        with self._lock:
            self._messages.append(received)

    @property
    def messages(self) -> list[Received]:
        with self._lock:
            return list(self._messages)

    def messages_to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address.lower() in (r.lower() for r in m.rcpt_tos)]
