package io.perpnet.devnet;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An exchange the devnet's oracles read (Hyperliquid's {@code /info} mids shape) on 127.0.0.1,
 * whose BTC price the test sets; ETH and SOL stay flat.
 */
final class TestExchange implements AutoCloseable {
  final AtomicReference<BigDecimal> btc = new AtomicReference<>(new BigDecimal("70000"));
  private final HttpServer server;

  TestExchange() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/info", h -> {
      final byte[] body = ("{\"BTC\":\"" + btc.get().toPlainString() + "\",\"ETH\":\"3500\",\"SOL\":\"150\"}")
          .getBytes(StandardCharsets.UTF_8);
      h.sendResponseHeaders(200, body.length);
      h.getResponseBody().write(body);
      h.close();
    });
    server.start();
  }

  /** The devnet's price feed option for this exchange. */
  String feed() {
    return "hyperliquid:http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
