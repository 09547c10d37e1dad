"""EventStream: the node's WebSocket events on a background thread, with reconnect and no gap or duplicate."""

import asyncio
import json
import logging
import random
import threading

import websockets

from .client import decimals

log = logging.getLogger("perpnet.stream")


class EventStream:
    """Subscribes to channels; after a lost connection it subscribes again with "after" = the last seq delivered,
    so the node sends exactly the events missed. Callbacks run on the stream's thread, in order."""

    def __init__(self, url, token, channels, on_event, after=None, on_state=None):
        self.ws_url = url.rstrip("/").replace("http", "ws", 1) + "/v1/ws"
        self.token = token
        self.channels = list(channels)
        self.on_event = on_event
        self.on_state = on_state or (lambda state, why: log.info("event stream %s: %s", state, why))
        self.last_seq = -1 if after is None else after
        self.live = threading.Event()
        self._stop = threading.Event()
        self._loop = None
        self._thread = threading.Thread(target=self._run, name="perpnet-stream", daemon=True)

    def start(self):
        self._thread.start()
        return self

    def close(self):
        self._stop.set()
        if self._loop is not None:
            self._loop.call_soon_threadsafe(lambda: None)
        self._thread.join(timeout=10)

    def _run(self):
        self._loop = asyncio.new_event_loop()
        self._loop.run_until_complete(self._follow())

    async def _follow(self):
        delay = 0.25
        while not self._stop.is_set():
            try:
                async with websockets.connect(self.ws_url, extra_headers={"Authorization": "Bearer " + self.token},
                                              ping_interval=20, open_timeout=5) as ws:
                    sub = {"op": "subscribe", "channels": self.channels}
                    if self.last_seq >= 0:
                        sub["after"] = self.last_seq
                    await ws.send(json.dumps(sub))
                    while not self._stop.is_set():
                        try:
                            text = await asyncio.wait_for(ws.recv(), timeout=0.5)
                        except asyncio.TimeoutError:
                            continue
                        if self._handle(json.loads(text)):
                            delay = 0.25
            except (OSError, websockets.WebSocketException, asyncio.TimeoutError) as e:
                self.live.clear()
                if self._stop.is_set():
                    break
                wait = delay * (1 + random.random() / 4)
                self.on_state("reconnecting", f"{e!r}; again in {wait:.2f} s from seq {self.last_seq}")
                await asyncio.sleep(wait)
                delay = min(delay * 2, 5.0)
        self.on_state("closed", "closed by the agent")

    def _handle(self, msg):
        op = msg.get("op")
        if op == "subscribed":
            self.live.set()
            self.on_state("live", f"subscribed to {self.channels} from seq {msg.get('from')}")
            return True
        if op == "snapshot":
            self.last_seq = max(self.last_seq, msg.get("seq", -1))
            return False
        if op == "error":
            log.warning("the node refused the stream: %s %s", msg.get("code"), msg.get("message"))
            return False
        seq = msg.get("seq", -1)
        if seq <= self.last_seq:
            return False  # already delivered
        self.last_seq = seq
        try:
            self.on_event(decimals(msg))
        except Exception:  # an agent's callback must not end the stream
            log.exception("the event callback failed on seq %s", seq)
        return False
