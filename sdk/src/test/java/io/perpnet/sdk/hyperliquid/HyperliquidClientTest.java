package io.perpnet.sdk.hyperliquid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.sdk.hyperliquid.action.Actions;
import io.perpnet.sdk.hyperliquid.action.Order;
import io.perpnet.sdk.hyperliquid.exchange.ExchangeClient;
import io.perpnet.sdk.hyperliquid.exchange.OrderStatus;
import io.perpnet.sdk.hyperliquid.http.HyperliquidException;
import io.perpnet.sdk.hyperliquid.http.HyperliquidHttp;
import io.perpnet.sdk.hyperliquid.info.InfoClient;
import io.perpnet.sdk.hyperliquid.info.Records;
import io.perpnet.sdk.hyperliquid.signing.HyperliquidSigner;
import io.perpnet.sdk.hyperliquid.signing.Network;
import io.perpnet.sdk.hyperliquid.signing.NonceClock;
import io.perpnet.sdk.hyperliquid.signing.Signature;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The info and exchange clients against {@link ReplayServer}: recorded answers, scripted replies and errors. */
class HyperliquidClientTest {
  private static final String USER = "0x5e9ee1089755c3435139848e47e6635505d5a13a";
  private static final HyperliquidSigner AGENT =
      HyperliquidSigner.fromPrivateKey("0x0123456789012345678901234567890123456789012345678901234567890123");
  private ReplayServer server;
  private InfoClient info;
  private final AtomicLong now = new AtomicLong(1_700_000_000_000L);

  @BeforeEach
  void start() throws Exception {
    server = new ReplayServer();
    info = new InfoClient(new HyperliquidHttp(server.base()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ExchangeClient exchange(final HyperliquidSigner signer, final String account) {
    return new ExchangeClient(new HyperliquidHttp(server.base()), signer, account, Optional.empty(), Network.TESTNET,
        new NonceClock(now::get));
  }

  private static BigDecimal d(final String s) {
    return new BigDecimal(s);
  }

  @Test
  void theInfoEndpointsRecordedAnswersReadExactly() throws Exception {
    final var meta = info.meta();
    assertEquals(0, meta.asset("BTC").orElseThrow().index());
    assertEquals(5, meta.asset("BTC").orElseThrow().szDecimals());
    assertEquals(1, meta.asset("ETH").orElseThrow().index());
    assertEquals(d("30135.0"), info.allMids().get("BTC"));
    final Records.L2Book book = info.l2Book("DYDX");
    assertEquals("DYDX", book.coin());
    assertTrue(book.bids().getFirst().px().compareTo(book.asks().getFirst().px()) < 0, "bids below asks");
    final Records.UserState state = info.userState(USER);
    assertEquals(d("1182.312496"), state.accountValue());
    assertEquals(d("1010.57173"), state.withdrawable(), "a JSON number read exactly, not through a double");
    final Records.Position btc = state.positions().getFirst();
    assertEquals(d("-0.00785"), btc.szi(), "short");
    assertEquals(20, btc.leverage());
    assertTrue(btc.cross());
    assertTrue(state.positions().get(1).liquidationPx().isEmpty(), "null liquidation price");
    assertEquals(62269971L, info.openOrders(USER).getFirst().oid());
    assertEquals("Close Long", info.userFills(USER).getFirst().dir());
    assertEquals(d("-0.00061334"), info.fundingHistory("BTC", 1681923833000L, OptionalLong.empty()).getFirst()
        .fundingRate());
    final var ctx = info.assetContexts();
    assertEquals(d("70002.0"), ctx.getFirst().markPx());
    assertTrue(ctx.get(1).midPx().isEmpty());
  }

  @Test
  void anOrderIsSignedByTheApiWalletForItsAccountAndEachStatusRead() throws Exception {
    server.replies.add(new ReplayServer.Reply(200, "{\"status\":\"ok\",\"response\":{\"type\":\"order\",\"data\":"
        + "{\"statuses\":[{\"resting\":{\"oid\":77738308}},{\"filled\":{\"totalSz\":\"0.02\",\"avgPx\":\"1891.4\","
        + "\"oid\":77747314}},{\"error\":\"Order must have minimum value of $10.\"}]}}}"));
    final ExchangeClient x = exchange(AGENT, USER);
    assertTrue(x.apiWallet());
    assertEquals(USER, x.account(), "queries go to the master account, not the API wallet");
    final Order o = new Order(1, true, d("1891.4"), d("0.02"), false, new Order.Limit(Order.Tif.IOC), Optional.empty());
    final List<OrderStatus> s = x.order(List.of(o, o, o), "na");
    assertEquals(new OrderStatus.Resting(77738308L), s.get(0));
    assertEquals(new OrderStatus.Filled(77747314L, d("0.02"), d("1891.4")), s.get(1));
    assertEquals("Order must have minimum value of $10.",
        assertInstanceOf(OrderStatus.Rejected.class, s.get(2)).message());

    final JsonNode sent = server.exchanged.getFirst();
    assertEquals(Actions.order(List.of(o, o, o), "na"), sent.path("action"));
    assertEquals(now.get(), sent.path("nonce").asLong());
    assertTrue(sent.path("vaultAddress").isNull());
    final JsonNode sig = sent.path("signature");
    final Signature signature = new Signature(new java.math.BigInteger(sig.path("r").asText().substring(2), 16),
        new java.math.BigInteger(sig.path("s").asText().substring(2), 16), sig.path("v").asInt());
    assertEquals(AGENT.address(), HyperliquidSigner.recover(HyperliquidSigner.l1Digest(sent.path("action"),
        Optional.empty(), sent.path("nonce").asLong(), OptionalLong.empty(), Network.TESTNET), signature),
        "the exchange recovers the API wallet from the signature");
  }

  @Test
  void anApiWalletCannotMoveMoneyAndNothingIsSent() {
    final ExchangeClient x = exchange(AGENT, USER);
    final HyperliquidException e = assertThrows(HyperliquidException.class, () -> x.withdraw(USER, BigDecimal.TEN));
    assertEquals(HyperliquidException.Kind.REJECTED, e.kind());
    assertTrue(server.exchanged.isEmpty());
  }

  @Test
  void theMasterKeySignsAWithdrawalForTheNetworkItNames() throws Exception {
    final ExchangeClient x = exchange(AGENT, AGENT.address());
    assertFalse(x.apiWallet());
    x.withdraw(USER, d("12.5"));
    final JsonNode action = server.exchanged.getFirst().path("action");
    assertEquals("withdraw3", action.path("type").asText());
    assertEquals("12.5", action.path("amount").asText());
    assertEquals("Testnet", action.path("hyperliquidChain").asText());
    assertEquals(action.path("time").asLong(), server.exchanged.getFirst().path("nonce").asLong());
  }

  @Test
  void refusalsRateLimitsGarbageAndSilenceEachHaveTheirKind() throws Exception {
    final ExchangeClient x = exchange(AGENT, USER);
    server.replies.add(new ReplayServer.Reply(429, "null"));
    server.replies.add(new ReplayServer.Reply(200, "{\"status\":\"err\",\"response\":\"User or API Wallet "
        + AGENT.address() + " does not exist.\"}"));
    server.replies.add(new ReplayServer.Reply(200, "<html>"));
    final var limited = assertThrows(HyperliquidException.class, () -> x.scheduleCancel(OptionalLong.empty()));
    assertEquals(HyperliquidException.Kind.RATE_LIMITED, limited.kind());
    assertTrue(limited.kind().retryable());
    final var refused = assertThrows(HyperliquidException.class, () -> x.scheduleCancel(OptionalLong.of(1L)));
    assertEquals(HyperliquidException.Kind.REJECTED, refused.kind());
    assertTrue(refused.getMessage().contains("does not exist"), refused.getMessage());
    assertEquals(HyperliquidException.Kind.MALFORMED,
        assertThrows(HyperliquidException.class, () -> x.updateLeverage(1, true, 5)).kind());
    assertEquals(HyperliquidException.Kind.HTTP,
        assertThrows(HyperliquidException.class, () -> info.l2Book("NOPE")).kind(), "422: an unknown coin");
    final var down = new InfoClient(new HyperliquidHttp(URI.create("http://127.0.0.1:1")));
    assertEquals(HyperliquidException.Kind.UNREACHABLE, assertThrows(HyperliquidException.class, down::meta).kind());
    final long[] nonces = server.exchanged.stream().mapToLong(j -> j.path("nonce").asLong()).toArray();
    assertEquals(3, nonces.length);
    assertTrue(nonces[0] < nonces[1] && nonces[1] < nonces[2], "a fresh nonce per action in the same ms");
  }
}
