package io.perpnet.node.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.consensus.identity.Base58;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.node.Node;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.Request;
import io.perpnet.node.api.http.Route;
import io.perpnet.node.api.json.Body;
import io.perpnet.node.api.json.Field;
import io.perpnet.node.api.json.Views;
import java.util.List;
import org.p2p.solanaj.core.PublicKey;

/**
 * {@code /v1/deposit}, {@code /v1/withdraw} and {@code /v1/transfer}: money between our USDC token
 * accounts, our margin and other agents (full token).
 */
public final class AccountRoutes {
  static final List<Field> DEPOSIT = List.of(Field.decimal("amount", true, "USDC"),
      Field.text("from", false, 44, "our USDC token account (base58) to take it from (default: our largest)"));
  static final List<Field> TRANSFER = List.of(Field.decimal("amount", true, "USDC"),
      Field.text("to", true, 44, "the receiving agent's address (base58): its largest USDC token account, or a new one"));
  static final List<Field> WITHDRAW = List.of(Field.decimal("amount", true, "USDC, at most the free collateral"),
      Field.text("to", true, 44, "the USDC token account (base58) to send it to"));

  private final Node node;

  public AccountRoutes(final Node node) {
    this.node = node;
  }

  public List<Route> routes() {
    return List.of(
        Route.post("/v1/deposit", Scope.FULL, DEPOSIT, "Deposit USDC from our token account into our margin account",
            "the transaction signature and the balance after", r -> move(r, true)),
        Route.post("/v1/withdraw", Scope.FULL, WITHDRAW, "Withdraw free collateral to a USDC token account",
            "the transaction signature and the balance after", r -> move(r, false)),
        Route.post("/v1/transfer", Scope.FULL, TRANSFER, "Send USDC from our wallet to another agent",
            "the transaction signature and the recipient's token account", this::transfer));
  }

  private JsonNode transfer(final Request r) throws ApiError {
    final Body b = Body.check(r.body(), TRANSFER);
    final long amount = b.units("amount", Views.USDC_DECIMALS).orElseThrow();
    if (amount == 0) {
      throw ApiError.field("amount", "must be above 0");
    }
    final PublicKey to = address("to", b.text("to").orElseThrow());
    try {
      final var t = node.wallet().transfer(to, amount);
      return JsonNodeFactory.instance.objectNode().put("signature", t.signature()).put("toTokenAccount",
          t.to().toBase58());
    } catch (IllegalArgumentException e) {
      throw ApiError.field("amount", e.getMessage());
    } catch (RpcError e) {
      throw Refusals.of(e);
    }
  }

  private JsonNode move(final Request r, final boolean deposit) throws ApiError {
    final Body b = Body.check(r.body(), deposit ? DEPOSIT : WITHDRAW);
    final long amount = b.units("amount", Views.USDC_DECIMALS).orElseThrow();
    if (amount == 0) {
      throw ApiError.field("amount", "must be above 0");
    }
    final String field = deposit ? "from" : "to";
    try {
      final PublicKey account = b.text(field).isPresent() ? address(field, b.text(field).get())
          : node.wallet().largest().map(h -> h.address()).orElseThrow(() -> ApiError.field("from",
              "this agent holds no USDC token account: name one"));
      final String signature = deposit ? node.deposit(account, amount) : node.withdraw(account, amount);
      final ObjectNode out = JsonNodeFactory.instance.objectNode().put("signature", signature);
      node.balance().ifPresent(m -> out.set("balance", Views.margin(m)));
      return out;
    } catch (RpcError e) {
      throw Refusals.of(e);
    }
  }

  private static PublicKey address(final String field, final String text) throws ApiError {
    try {
      final byte[] key = Base58.decode(text);
      if (key.length != 32) {
        throw ApiError.field(field, "is not a 32-byte base58 address");
      }
      return new PublicKey(key);
    } catch (IllegalArgumentException e) {
      throw ApiError.field(field, "is not base58");
    }
  }
}
