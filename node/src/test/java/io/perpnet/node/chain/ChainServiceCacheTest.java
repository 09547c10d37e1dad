package io.perpnet.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.escrow.client.EscrowAccounts;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our free collateral as the margin account's subscription last showed it: no RPC read while the
 * subscription is followed, however old the value; read again once it is older than a second
 * and the subscription is lost. The RPC node here counts the reads (and knows no account).
 */
class ChainServiceCacheTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AtomicInteger reads = new AtomicInteger();
  private HttpServer rpc;

  @BeforeEach
  void start() throws Exception {
    rpc = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    rpc.createContext("/", x -> {
      reads.incrementAndGet();
      final var request = JSON.readTree(x.getRequestBody());
      final byte[] answer = ("{\"jsonrpc\":\"2.0\",\"id\":" + request.path("id") + ",\"result\":{\"context\":"
          + "{\"slot\":1},\"value\":null}}").getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().set("Content-Type", "application/json");
      x.sendResponseHeaders(200, answer.length);
      x.getResponseBody().write(answer);
      x.close();
    });
    rpc.start();
  }

  @AfterEach
  void stop() {
    rpc.stop(0);
  }

  @Test
  void aFollowedMarginAccountIsNotReadAgain() {
    final ChainService chain = new ChainService("http://127.0.0.1:" + rpc.getAddress().getPort(), new byte[32],
        List.of(), Ed25519KeyPair.fromSeed(new byte[32]).publicKey(), Duration.ofSeconds(1));
    final AtomicLong now = new AtomicLong(0);
    chain.nanos = now::get;
    final AtomicBoolean followed = new AtomicBoolean(true);
    chain.followedWhile(followed::get);
    chain.marginSeen(new EscrowAccounts.Margin(1, 255, null, 5_000_000, 0, 0, 5_000_000));
    now.addAndGet(Duration.ofMinutes(10).toNanos());
    assertEquals(5_000_000, chain.freeCollateral(), "followed: the subscription's value, however old");
    assertEquals(0, reads.get());
    followed.set(false);
    assertEquals(0, chain.freeCollateral(), "not followed and older than a second: read (no account here)");
    assertEquals(1, reads.get());
    assertEquals(0, chain.freeCollateral(), "read less than a second ago");
    assertEquals(1, reads.get());
  }
}
