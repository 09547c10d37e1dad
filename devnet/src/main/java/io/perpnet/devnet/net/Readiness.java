package io.perpnet.devnet.net;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.devnet.DevnetState;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.EscrowClient;
import io.perpnet.escrow.client.EscrowProgram;
import io.perpnet.escrow.client.MarketConfig;
import io.perpnet.escrow.rpc.SolanaRpc;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.p2p.solanaj.core.PublicKey;

/**
 * When a devnet is trading: every market has a fresh oracle price on chain, and the first trader
 * buys 0.001 BTC-PERP through its API from one of the makers (the intent filled, and its position
 * confirmed open on chain).
 */
public final class Readiness {
  private static final Duration PRICES = Duration.ofSeconds(90);
  private static final int FIRST_TRADE_ATTEMPTS = 5;

  private Readiness() {}

  /** Waits for fresh prices on every market; then the first trade; returns what it bought. */
  public static JsonNode await(final DevnetState s) throws IOException, InterruptedException {
    final EscrowClient client = new EscrowClient(new SolanaRpc(s.rpcUrl()),
        new EscrowProgram(new PublicKey(s.programId())));
    final long since = System.currentTimeMillis();
    final long deadline = System.nanoTime() + PRICES.toNanos();
    for (final MarketConfig m : Genesis.MARKETS) {
      while (true) {
        final Optional<EscrowAccounts.Market> onChain = read(client, m.id());
        if (onChain.isPresent() && onChain.get().price() > 0 && onChain.get().priceTimeMs() >= since - 1_000) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("no fresh " + m.symbol() + " price on chain within " + PRICES.toSeconds()
              + " s: see the oracles' logs");
        }
        Thread.sleep(100); // polling the chain for the oracles' first posts
      }
    }
    final DevnetState.NodeEntry trader = s.nodes().stream().filter(n -> n.roles().contains("trader")).findFirst()
        .orElseThrow();
    final NodeApi api = new NodeApi(trader.apiUrl(), Path.of(trader.tokenFile()));
    JsonNode done = null;
    for (int attempt = 1; attempt <= FIRST_TRADE_ATTEMPTS; attempt++) { // makers just started may miss a window
      final JsonNode placed = api.post("/v1/intents", "{\"market\": \"BTC-PERP\", \"side\": \"long\", "
          + "\"size\": \"0.001\", \"leverage\": 5, \"slippageBps\": 200, \"quoteWindowMs\": 1000}");
      done = api.get("/v1/intents/" + placed.path("id").asText() + "?waitMs=30000");
      if (done.path("status").asText().equals("filled")) {
        break;
      }
    }
    if (!done.path("status").asText().equals("filled")) {
      throw new IOException("the first trade did not fill in " + FIRST_TRADE_ATTEMPTS + " attempts: " + done);
    }
    final String match = done.path("fills").get(0).path("id").asText();
    final long opening = System.nanoTime() + PRICES.toNanos();
    while (true) {
      final String state = api.get("/v1/matches/" + match).path("state").asText();
      if (state.equals("confirmed")) {
        return done;
      }
      if (!state.equals("countersigned") && !state.equals("submitted") || System.nanoTime() > opening) {
        throw new IOException("the first trade's position did not open on chain (" + state + "): see "
            + trader.process().log());
      }
      Thread.sleep(100); // polling the node for its submission's outcome
    }
  }

  private static Optional<EscrowAccounts.Market> read(final EscrowClient c, final int id) throws IOException {
    try {
      return c.market(id);
    } catch (io.perpnet.escrow.rpc.RpcError e) {
      throw new IOException("cannot read market " + id + ": " + e.getMessage());
    }
  }
}
