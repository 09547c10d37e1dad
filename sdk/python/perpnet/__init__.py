"""perpnet: a Python client of a perpnet node's agent API (REST and WebSocket).

Standard library plus Debian's python3-websockets; amounts are decimal.Decimal, sent as decimal strings.
"""

from .client import ApiError, NodeClient
from .hub import Trade, TradingHub
from .stream import EventStream

__all__ = ["ApiError", "NodeClient", "EventStream", "Trade", "TradingHub"]
