"""The client's conversions, without a node."""

from decimal import Decimal

from perpnet.client import ApiError, _plain, decimals


def test_amounts_read_as_decimals_and_ids_stay_text():
    got = decimals({"id": "1234", "size": "0.015", "fills": [{"price": "101234.5", "maker": "987"}]})
    assert got["size"] == Decimal("0.015")
    assert got["fills"][0]["price"] == Decimal("101234.5")
    assert got["id"] == "1234" and got["fills"][0]["maker"] == "987"


def test_fee_and_funding_figures_read_as_decimals():
    got = decimals({"total": {"fees": "0.140054", "fundingNet": "-0.000012"}, "kind": "open",
                    "fill": {"fee": "0.05", "funding": "-1", "returned": "99", "realized": "-1.5"}})
    assert got["total"] == {"fees": Decimal("0.140054"), "fundingNet": Decimal("-0.000012")}
    assert got["fill"]["realized"] == Decimal("-1.5") and got["kind"] == "open"


def test_decimals_are_sent_as_plain_strings_and_unset_fields_left_out():
    assert _plain({"size": Decimal("1E-8"), "leverage": 5, "limitPrice": None}) == {"size": "0.00000001", "leverage": 5}


def test_an_api_error_names_its_field():
    e = ApiError("VALIDATION", "size: too many places", details={"field": "size"}, status=400)
    assert e.field == "size" and str(e).startswith("VALIDATION")
