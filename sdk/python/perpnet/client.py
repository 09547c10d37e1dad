"""NodeClient: the node's REST API with typed errors and exact decimals."""

import json
import time
import urllib.error
import urllib.request
from urllib.parse import quote
from decimal import Decimal
from pathlib import Path

# Fields the API sends as decimal strings (human units); they come back as Decimal.
AMOUNTS = frozenset({
    "size", "price", "limitPrice", "minFill", "entryPrice", "margin", "free", "locked", "deposited", "equity", "pnl",
    "maintenance", "notionalAtMark", "liquidationPrice", "mark", "realizedPnl", "unrealizedPnl", "usdc", "sol",
    "traderMargin", "makerMargin", "stopLoss", "takeProfit", "long", "short", "net", "earnings",
    "maxPositionNotional", "dailyLoss", "maxDailyLoss", "maxMarketExposure", "pendingMargin", "amount",
    "fee", "fees", "openFees", "closeFees", "liquidationFees", "funding", "fundingPaid", "fundingReceived", "fundingNet",
    "returned", "realized",
})


class ApiError(Exception):
    """A refusal of the node: {"code", "message", "retryable", "details"}; UNREACHABLE when there was no answer."""

    def __init__(self, code, message, retryable=False, details=None, status=0):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.retryable = retryable
        self.details = details or {}
        self.status = status

    @property
    def field(self):
        """The field a VALIDATION error names."""
        return self.details.get("field")


def decimals(value):
    """The API's JSON with its amount fields as Decimal (nested objects and lists too)."""
    if isinstance(value, list):
        return [decimals(v) for v in value]
    if isinstance(value, dict):
        return {k: (Decimal(v) if k in AMOUNTS and isinstance(v, str) else decimals(v)) for k, v in value.items()}
    return value


def _plain(value):
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    return value


class NodeClient:
    """Blocking calls to one node with one bearer token; a 429 is waited out (Retry-After) up to three times."""

    def __init__(self, url, token, timeout=90.0):
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = timeout

    @classmethod
    def from_token_file(cls, url, token_file):
        return cls(url, Path(token_file).read_text().strip())

    def request(self, method, path, body=None):
        data = None if body is None else json.dumps(_plain(body)).encode()
        for attempt in range(4):
            req = urllib.request.Request(self.url + path, data=data, method=method)
            req.add_header("Authorization", "Bearer " + self.token)
            if data is not None:
                req.add_header("Content-Type", "application/json")
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as res:
                    return decimals(json.loads(res.read()))
            except urllib.error.HTTPError as e:
                err = _error(e)
                if err.code == "RATE_LIMITED" and attempt < 3:
                    time.sleep(err.details.get("retryAfterMs", 1000) / 1000)  # the node said when
                    continue
                raise err from None
            except (urllib.error.URLError, OSError) as e:
                raise ApiError("UNREACHABLE", f"{method} {self.url}{path}: {e}", retryable=True) from None
        raise AssertionError("unreachable")

    # the agent and its money
    def health(self):
        return self.request("GET", "/v1/health")

    def agent(self):
        return self.request("GET", "/v1/agent")

    def balance(self):
        return self.request("GET", "/v1/balance")

    def portfolio(self):
        return self.request("GET", "/v1/portfolio")

    def fills(self, market=None, kind=None, limit=100):
        """The opens and closes of our positions, newest first, with their fees, funding and PnL."""
        query = f"?limit={int(limit)}" + (f"&market={quote(market)}" if market else "") + (
            f"&kind={quote(kind)}" if kind else "")
        return self.request("GET", "/v1/fills" + query)

    def fees(self):
        """Fee rates per market, and the fees and funding this node paid and received."""
        return self.request("GET", "/v1/fees")

    # markets
    def markets(self):
        return self.request("GET", "/v1/markets")

    def prices(self):
        return self.request("GET", "/v1/prices")

    # intents, positions
    def place(self, market, side, size=None, notional=None, **terms):
        body = {"market": market, "side": side, "size": size, "notionalUsdc": notional}
        body.update(terms)
        return self.request("POST", "/v1/intents", body)

    def intent(self, intent_id, wait_ms=0):
        return self.request("GET", f"/v1/intents/{intent_id}" + (f"?waitMs={wait_ms}" if wait_ms else ""))

    def cancel(self, intent_id):
        return self.request("DELETE", f"/v1/intents/{intent_id}")

    def positions(self):
        return self.request("GET", "/v1/positions")

    def position(self, position_id):
        return self.request("GET", f"/v1/positions/{position_id}")

    def close_at_mark(self, position_id):
        return self.request("POST", f"/v1/positions/{position_id}/close", {"type": "mark"})

    def stop_loss(self, position_id, price):
        return self.request("POST", f"/v1/positions/{position_id}/stop-loss", {"price": Decimal(price)})

    def take_profit(self, position_id, price):
        return self.request("POST", f"/v1/positions/{position_id}/take-profit", {"price": Decimal(price)})

    def events(self, after=0, limit=1000):
        return self.request("GET", f"/v1/events?after={after}&limit={limit}")

    def risk(self):
        return self.request("GET", "/v1/risk")


def _error(e):
    try:
        body = json.loads(e.read())
    except ValueError:
        body = {}
    return ApiError(body.get("code", f"HTTP_{e.code}"), body.get("message", str(e)), body.get("retryable", False),
                    body.get("details"), e.code)
