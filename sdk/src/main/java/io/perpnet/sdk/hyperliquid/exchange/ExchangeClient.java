package io.perpnet.sdk.hyperliquid.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.sdk.hyperliquid.action.Actions;
import io.perpnet.sdk.hyperliquid.action.Order;
import io.perpnet.sdk.hyperliquid.http.HyperliquidException;
import io.perpnet.sdk.hyperliquid.http.HyperliquidHttp;
import io.perpnet.sdk.hyperliquid.signing.HyperliquidSigner;
import io.perpnet.sdk.hyperliquid.signing.Network;
import io.perpnet.sdk.hyperliquid.signing.NonceClock;
import io.perpnet.sdk.hyperliquid.signing.Signature;
import io.perpnet.sdk.hyperliquid.signing.UserSignedType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Hyperliquid's exchange endpoint ({@code POST /exchange}) for one account. The signer is the
 * account's own key or an API wallet approved for it; {@link #account()} is the master address,
 * the one to query the info endpoint with. L1 actions take a fresh nonce from the signer's
 * {@link NonceClock}; user-signed actions (transfers, withdrawals) need the master key and are
 * refused for an API wallet before anything is sent.
 */
public final class ExchangeClient {
  private final HyperliquidHttp http;
  private final HyperliquidSigner signer;
  private final String account;
  private final Optional<String> vault;
  private final Network network;
  private final NonceClock nonces;

  /**
   * @param account the master address the signer trades for (the signer's own for a master key)
   * @param vault a vault or subaccount to trade for instead, if any
   */
  public ExchangeClient(final HyperliquidHttp http, final HyperliquidSigner signer, final String account,
      final Optional<String> vault, final Network network, final NonceClock nonces) {
    this.http = http;
    this.signer = signer;
    this.account = account.toLowerCase(Locale.ROOT);
    this.vault = vault;
    this.network = network;
    this.nonces = nonces;
  }

  /** The address whose state the info endpoint answers for this client's trades. */
  public String account() {
    return vault.orElse(account);
  }

  /** Whether the signer is an API wallet (not the account's own key). */
  public boolean apiWallet() {
    return !signer.address().equalsIgnoreCase(account);
  }

  /** Places orders; one status per order, in order. {@code grouping}: "na", "normalTpsl" or "positionTpsl". */
  public List<OrderStatus> order(final List<Order> orders, final String grouping) throws HyperliquidException {
    return statuses(l1(Actions.order(orders, grouping)));
  }

  public List<OrderStatus> cancel(final List<Actions.CancelRequest> cancels) throws HyperliquidException {
    return statuses(l1(Actions.cancel(cancels)));
  }

  public List<OrderStatus> cancelByCloid(final List<Actions.CancelByCloidRequest> cancels) throws HyperliquidException {
    return statuses(l1(Actions.cancelByCloid(cancels)));
  }

  public List<OrderStatus> modify(final long oid, final Order order) throws HyperliquidException {
    return statuses(l1(Actions.modify(oid, order)));
  }

  public void updateLeverage(final int asset, final boolean cross, final int leverage) throws HyperliquidException {
    l1(Actions.updateLeverage(asset, cross, leverage));
  }

  /** The dead-man switch: every open order cancelled at {@code timeMs}; empty clears it. */
  public void scheduleCancel(final OptionalLong timeMs) throws HyperliquidException {
    l1(Actions.scheduleCancel(timeMs));
  }

  /** USDC to another Hyperliquid account (the master key only). */
  public void usdSend(final String destination, final BigDecimal amount) throws HyperliquidException {
    userSigned(Actions.usdSend(destination, amount, nonces.next()), UserSignedType.USD_SEND);
  }

  /** USDC out through the bridge (the master key only). */
  public void withdraw(final String destination, final BigDecimal amount) throws HyperliquidException {
    userSigned(Actions.withdraw(destination, amount, nonces.next()), UserSignedType.WITHDRAW);
  }

  private JsonNode l1(final ObjectNode action) throws HyperliquidException {
    final long nonce = nonces.next();
    final Signature s = signer.signL1(action, vault, nonce, OptionalLong.empty(), network);
    return post(action, nonce, s, vault);
  }

  private JsonNode userSigned(final ObjectNode action, final UserSignedType type) throws HyperliquidException {
    if (apiWallet()) {
      throw new HyperliquidException(HyperliquidException.Kind.REJECTED, type.primaryType()
          + " must be signed by the account's own key, not an API wallet (" + signer.address() + ")");
    }
    final long nonce = action.has("time") ? action.get("time").asLong() : action.get("nonce").asLong();
    return post(action, nonce, signer.signUserAction(action, type, network), Optional.empty());
  }

  private JsonNode post(final ObjectNode action, final long nonce, final Signature s, final Optional<String> vaultOf)
      throws HyperliquidException {
    final ObjectNode body = HyperliquidHttp.JSON.createObjectNode();
    body.set("action", action);
    body.put("nonce", nonce);
    body.set("signature", s.toJson());
    if (vaultOf.isPresent()) {
      body.put("vaultAddress", vaultOf.get());
    } else {
      body.putNull("vaultAddress");
    }
    final JsonNode answer = http.post("/exchange", body);
    if (!"ok".equals(answer.path("status").asText())) {
      throw new HyperliquidException(HyperliquidException.Kind.REJECTED, answer.path("response").asText(
          answer.toString()));
    }
    return answer.path("response");
  }

  private static List<OrderStatus> statuses(final JsonNode response) {
    final List<OrderStatus> out = new ArrayList<>();
    for (final JsonNode s : response.path("data").path("statuses")) {
      out.add(OrderStatus.of(s));
    }
    return out;
  }
}
