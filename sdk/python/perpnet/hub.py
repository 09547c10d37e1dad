"""TradingHub: seed 001's long, short, close, positions, balance and on_match, over a node's API."""

from dataclasses import dataclass, field
import threading

from .client import ApiError, NodeClient
from .stream import EventStream


@dataclass
class Trade:
    """An intent as it ended, and the positions it opened on chain."""
    intent: dict
    positions: list = field(default_factory=list)

    @property
    def filled(self):
        return bool(self.positions)


class TradingHub:
    """hub = TradingHub(url, token_file); hub.long("BTC-PERP", "0.001"); hub.close(position_id)."""

    POSITION_WAIT_S = 60

    def __init__(self, url, token_file):
        self.client = NodeClient.from_token_file(url, token_file)
        self.client.agent()  # fail fast on a wrong URL or token
        self._match_callbacks = []
        self._opened = {}
        self._lock = threading.Lock()
        self.stream = EventStream(url, self.client.token, ["match", "position_opened", "position_closed"],
                                  self._event).start()

    def long(self, market, size, **terms):
        return self.trade(market, "long", size, **terms)

    def short(self, market, size, **terms):
        return self.trade(market, "short", size, **terms)

    def trade(self, market, side, size, **terms):
        """Places the intent, waits until it is decided, then until each match is open on chain."""
        intent = self.client.place(market, side, size=size, **terms)
        while intent["status"] == "open":
            intent = self.client.intent(intent["id"], wait_ms=30000)
        positions = [self._await_open(f["id"]) for f in intent["fills"] if f.get("state") == "countersigned"]
        return Trade(intent, positions)

    def _await_open(self, match_id):
        with self._lock:
            seen = self._opened.setdefault(match_id, threading.Event())
        try:
            try:
                return self.client.position(match_id)
            except ApiError as e:
                if e.code != "NOT_FOUND":
                    raise
            if not seen.wait(self.POSITION_WAIT_S):
                raise ApiError("NOT_OPENED", f"match {match_id} was not open on chain within {self.POSITION_WAIT_S} s",
                               retryable=True)
            return self.client.position(match_id)
        finally:
            with self._lock:
                self._opened.pop(match_id, None)

    def close(self, position_id):
        """Closes at the oracle mark; returns once the chain shows it ({"id", "status"})."""
        return self.client.close_at_mark(position_id)

    def positions(self):
        return self.client.positions()

    def balance(self):
        return self.client.balance()

    def on_match(self, callback):
        """callback(match) for every match this node signs, on the stream's thread."""
        self._match_callbacks.append(callback)

    def _event(self, event):
        if event["kind"] == "match.countersigned":
            for c in self._match_callbacks:
                c(event["data"])
        elif event["kind"] == "position.opened":
            with self._lock:
                seen = self._opened.get(event["data"].get("matchId"))
            if seen is not None:
                seen.set()

    def shutdown(self):
        self.stream.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.shutdown()
