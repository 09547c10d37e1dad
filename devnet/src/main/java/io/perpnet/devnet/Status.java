package io.perpnet.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.devnet.net.Genesis;
import io.perpnet.devnet.net.NodeApi;
import io.perpnet.devnet.proc.Processes;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.EscrowClient;
import io.perpnet.escrow.client.EscrowProgram;
import io.perpnet.escrow.client.MarketConfig;
import io.perpnet.escrow.rpc.AccountFilter;
import io.perpnet.escrow.rpc.KeyedAccount;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.escrow.rpc.SolanaRpc;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.p2p.solanaj.core.PublicKey;

/**
 * The devnet as one JSON object ({@code perp devnet status --json}; the README documents its
 * fields): the chain, the markets, every node as its own API reports it, and whether the money
 * on chain adds up (the vault holds every margin's free and locked collateral, the insurance fund
 * and the fee treasury). What cannot be read is null, never a guess.
 */
public final class Status {
  private static final JsonNodeFactory J = JsonNodeFactory.instance;

  private Status() {}

  public static ObjectNode of(final Repo repo, final DevnetState s) {
    final ObjectNode o = J.objectNode().put("rpcUrl", s.rpcUrl()).put("wsUrl", s.wsUrl())
        .put("programId", s.programId()).put("usdcMint", s.usdcMint());
    final SolanaRpc rpc = new SolanaRpc(s.rpcUrl());
    final EscrowClient client = new EscrowClient(rpc, new EscrowProgram(new PublicKey(s.programId())));
    final boolean external = s.validator() == null;
    final boolean chainAlive = external || Processes.alive(s.validator());
    final ObjectNode chain = o.putObject("chain").put("alive", chainAlive).put("external", external)
        .put("programSha256", sha256(repo.escrowSo()));
    final ArrayNode markets = o.putArray("markets");
    if (chainAlive) {
      try {
        chain.put("slot", rpc.slot());
        chainState(client, rpc, markets, o.putObject("conservation"));
      } catch (RpcError | RuntimeException e) {
        chain.put("error", e.getMessage());
        if (external) {
          chain.put("alive", false); // the cluster does not answer
        }
      }
    }
    final ArrayNode nodes = o.putArray("nodes");
    for (final DevnetState.NodeEntry n : s.nodes()) {
      nodes.add(node(n));
    }
    Activity.recent(s.nodes(), o.putArray("recentTrades"), o.putArray("recentLiquidations"));
    return o;
  }

  private static void chainState(final EscrowClient client, final SolanaRpc rpc, final ArrayNode markets,
      final ObjectNode money) throws RpcError {
    final List<EscrowAccounts.Position> open = rpc.programAccounts(client.program().programId().toByteArray(),
        List.of(new AccountFilter.DataSize(EscrowAccounts.POSITION_SIZE))).stream()
        .map(a -> EscrowAccounts.position(a.data())).filter(p -> !p.closed()).toList();
    final long now = System.currentTimeMillis();
    for (final MarketConfig m : Genesis.MARKETS) {
      final ObjectNode j = markets.addObject().put("symbol", m.symbol());
      client.market(m.id()).ifPresent(onChain -> j.put("price", decimal(onChain.price(), 6))
          .put("ageMs", onChain.priceTimeMs() == 0 ? null : now - onChain.priceTimeMs()));
      final long oi = open.stream().filter(p -> p.market() == m.id()).mapToLong(EscrowAccounts.Position::size).sum();
      j.put("openInterest", decimal(oi, m.baseDecimals())).put("openPositions",
          open.stream().filter(p -> p.market() == m.id()).count());
    }
    long margins = 0;
    for (final KeyedAccount a : rpc.programAccounts(client.program().programId().toByteArray(),
        List.of(new AccountFilter.DataSize(EscrowAccounts.MARGIN_SIZE)))) {
      final EscrowAccounts.Margin mg = EscrowAccounts.margin(a.data());
      margins = Math.addExact(margins, Math.addExact(mg.free(), mg.locked()));
    }
    final EscrowAccounts.Config c = client.config().orElseThrow();
    final long vault = EscrowAccounts.tokenAmount(rpc.accountData(c.vault().toByteArray()).orElseThrow());
    money.put("vault", decimal(vault, 6)).put("margins", decimal(margins, 6))
        .put("insuranceFund", decimal(c.insuranceFund(), 6)).put("feeTreasury", decimal(c.feeTreasury(), 6))
        .put("balanced", vault == margins + c.insuranceFund() + c.feeTreasury());
  }

  private static ObjectNode node(final DevnetState.NodeEntry n) {
    final ObjectNode j = J.objectNode().put("name", n.name());
    final ArrayNode roles = j.putArray("roles");
    n.roles().forEach(roles::add);
    j.put("address", n.address()).put("peerId", n.peerId()).put("apiUrl", n.apiUrl()).put("tokenFile", n.tokenFile())
        .put("log", n.process().log()).put("alive", Processes.alive(n.process()));
    if (n.agentProcess() != null) {
      j.putObject("agent").put("name", n.agent()).put("log", n.agentProcess().log())
          .put("alive", Processes.alive(n.agentProcess()));
    }
    if (!j.path("alive").asBoolean()) {
      return j;
    }
    final NodeApi api = new NodeApi(n.apiUrl(), Path.of(n.tokenFile()));
    try {
      j.put("connectedPeers", api.get("/v1/peers").size());
      j.put("openPositions", api.get("/v1/positions").size());
      final JsonNode b = api.get("/v1/balance");
      j.put("free", b.path("free").asText()).put("locked", b.path("locked").asText());
      final JsonNode p = api.get("/v1/portfolio");
      j.put("equity", p.path("equity").asText()).put("unrealizedPnl", p.path("unrealizedPnl").asText());
    } catch (java.io.IOException e) {
      j.put("apiError", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return j;
  }

  static String decimal(final long units, final int decimals) {
    return BigDecimal.valueOf(units, decimals).stripTrailingZeros().toPlainString();
  }

  private static String sha256(final Path file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (Exception e) {
      return null;
    }
  }
}
