"""Against a running trader node on the devnet: PERP_NODE_URL and PERP_TOKEN_FILE (the devnet test sets them)."""

import os
import threading
from decimal import Decimal

import pytest

from perpnet import ApiError, TradingHub


@pytest.fixture(scope="module")
def hub():
    url, token = os.environ.get("PERP_NODE_URL"), os.environ.get("PERP_TOKEN_FILE")
    if not url or not token:
        pytest.fail("set PERP_NODE_URL and PERP_TOKEN_FILE to a devnet trader node (perp devnet status --json)")
    with TradingHub(url, token) as h:
        yield h


def test_opens_and_closes_a_position(hub):
    matched = threading.Event()
    hub.on_match(lambda m: matched.set())
    assert hub.stream.live.wait(30), "the WebSocket subscribed"
    before = {p["id"] for p in hub.positions()}
    trade = hub.long("BTC-PERP", Decimal("0.001"), leverage=5, reason="python sdk test")
    assert trade.filled, trade.intent
    position = trade.positions[0]
    assert position["size"] == Decimal("0.001") and position["side"] == "long"
    assert isinstance(position["entryPrice"], Decimal)
    assert position["id"] in {p["id"] for p in hub.positions()} - before
    assert matched.wait(30), "on_match saw the match"
    assert hub.close(position["id"])["status"] == "closed"
    assert position["id"] not in {p["id"] for p in hub.positions()}
    assert hub.balance()["free"] > 0
    fees = hub.client.fees()
    assert {r["market"] for r in fees["markets"]} >= {"BTC-PERP"}
    assert isinstance(fees["total"]["fees"], Decimal) and fees["total"]["fees"] >= 0, fees["total"]
    assert isinstance(hub.client.fills(kind="open", limit=5), list)


def test_a_bad_argument_names_the_field(hub):
    with pytest.raises(ApiError) as e:
        hub.long("BTC-PERP", "0.000000001")  # nine places; BTC has eight
    assert e.value.code == "VALIDATION" and e.value.field == "size"
