package io.perpnet.escrow.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.consensus.identity.Base58;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Solana JSON-RPC calls the escrow client needs, over java.net.http. Unlike solanaj's
 * RpcClient it keeps error codes, transaction errors and logs, sends with preflight on (so a
 * failing transaction is reported with its logs instead of being dropped), and base64-encodes
 * transactions.
 */
public final class SolanaRpc {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI endpoint;
  private final AtomicLong ids = new AtomicLong();

  public SolanaRpc(final String endpoint) {
    this.endpoint = URI.create(endpoint);
  }

  private static final long POLL_MS = 20;

  /** The current slot at confirmed commitment. */
  public long slot() throws RpcError {
    return call("getSlot", List.of(commitment())).asLong();
  }

  public String latestBlockhash() throws RpcError {
    return call("getLatestBlockhash", List.of(commitment())).path("value").path("blockhash").asText();
  }

  /** The latest blockhash once it is another than {@code previous} (a new one comes with every slot). */
  public String awaitNewBlockhash(final String previous, final Duration timeout) throws RpcError {
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      final String latest = latestBlockhash();
      if (!latest.equals(previous)) {
        return latest;
      }
      pause("a new blockhash");
    }
    throw new RpcError(-1, "no new blockhash within " + timeout, null, List.of());
  }

  /** Sends a signed wire transaction with preflight simulation; returns its signature. */
  public String sendTransaction(final byte[] wire) throws RpcError {
    final ObjectNode config = JSON.createObjectNode().put("encoding", "base64").put("skipPreflight", false)
        .put("preflightCommitment", "confirmed");
    return call("sendTransaction", List.of(Base64.getEncoder().encodeToString(wire), config)).asText();
  }

  /** Sends without preflight, so a failing transaction lands and its logs can be read. */
  public String sendTransactionSkippingPreflight(final byte[] wire) throws RpcError {
    final ObjectNode config = JSON.createObjectNode().put("encoding", "base64").put("skipPreflight", true);
    return call("sendTransaction", List.of(Base64.getEncoder().encodeToString(wire), config)).asText();
  }

  /** What a simulation says: the units the transaction used, and its error (null: it would succeed). */
  public record Simulation(long unitsConsumed, RpcError error) {}

  /**
   * Simulates a signed wire transaction against the latest state (signatures not checked, the
   * blockhash replaced), for its compute units and whether it would fail.
   */
  public Simulation simulate(final byte[] wire) throws RpcError {
    final ObjectNode config = JSON.createObjectNode().put("encoding", "base64").put("sigVerify", false)
        .put("replaceRecentBlockhash", true).put("commitment", "confirmed");
    final JsonNode value = call("simulateTransaction", List.of(Base64.getEncoder().encodeToString(wire), config))
        .path("value");
    final JsonNode err = value.get("err");
    RpcError error = null;
    if (err != null && !err.isNull()) {
      final List<String> logs = new ArrayList<>();
      value.path("logs").forEach(l -> logs.add(l.asText()));
      error = new RpcError(0, "simulation failed: " + err, err, logs);
    }
    return new Simulation(value.path("unitsConsumed").asLong(), error);
  }

  /** The priority fees (micro-lamports per compute unit) paid in recent slots by transactions writing these accounts. */
  public List<Long> recentPrioritizationFees(final List<byte[]> accounts) throws RpcError {
    final ArrayNode keys = JSON.createArrayNode();
    accounts.forEach(a -> keys.add(Base58.encode(a)));
    final List<Long> fees = new ArrayList<>();
    call("getRecentPrioritizationFees", List.of(keys)).forEach(f -> fees.add(f.path("prioritizationFee").asLong()));
    return fees;
  }

  /**
   * Waits until the transaction is confirmed, polling its status.
   *
   * @throws RpcError code 0 with the transaction error and logs if it failed; code -1 on timeout
   */
  public void awaitConfirmation(final String signature, final Duration timeout) throws RpcError {
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      final ArrayNode list = JSON.createArrayNode().add(signature);
      final JsonNode status = call("getSignatureStatuses", List.of(list)).path("value").path(0);
      if (!status.isNull() && !status.isMissingNode()) {
        if (!status.path("err").isNull()) {
          throw new RpcError(0, "transaction " + signature + " failed: " + status.path("err"), status.path("err"),
              transactionLogs(signature));
        }
        final String level = status.path("confirmationStatus").asText();
        if (level.equals("confirmed") || level.equals("finalized")) {
          return;
        }
      }
      pause(signature);
    }
    throw new RpcError(-1, "transaction " + signature + " not confirmed within " + timeout, null, List.of());
  }

  /** The polling interval of a wait on the chain with a deadline (HTTP JSON-RPC has no push). */
  private static void pause(final String awaited) throws RpcError {
    try {
      Thread.sleep(POLL_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RpcError(-1, "interrupted waiting for " + awaited, null, List.of());
    }
  }

  public List<String> transactionLogs(final String signature) throws RpcError {
    final JsonNode tx = transaction(signature);
    final List<String> logs = new ArrayList<>();
    tx.path("meta").path("logMessages").forEach(l -> logs.add(l.asText()));
    return logs;
  }

  /** A landed transaction as getTransaction tells it: when, whether it failed, its logs. */
  public record Landed(String signature, long slot, long blockTimeMs, boolean failed, List<String> logs) {}

  /** The transaction at confirmed commitment, or empty if the node does not know it (yet). */
  public Optional<Landed> landed(final String signature) throws RpcError {
    final JsonNode tx = transaction(signature);
    if (tx.isNull() || tx.isMissingNode()) {
      return Optional.empty();
    }
    final List<String> logs = new ArrayList<>();
    tx.path("meta").path("logMessages").forEach(l -> logs.add(l.asText()));
    final JsonNode err = tx.path("meta").path("err");
    return Optional.of(new Landed(signature, tx.path("slot").asLong(), tx.path("blockTime").asLong() * 1000,
        !(err.isNull() || err.isMissingNode()), logs));
  }

  /** One entry of getSignaturesForAddress: a transaction that named the address, newest first. */
  public record AddressSignature(String signature, long slot, boolean failed) {}

  /** Up to {@code limit} transactions that named {@code address}, newest first, at confirmed commitment. */
  public List<AddressSignature> signaturesFor(final byte[] address, final int limit) throws RpcError {
    final ObjectNode config = JSON.createObjectNode().put("limit", limit).put("commitment", "confirmed");
    final List<AddressSignature> out = new ArrayList<>();
    for (final JsonNode s : call("getSignaturesForAddress", List.of(Base58.encode(address), config))) {
      final JsonNode err = s.path("err");
      out.add(new AddressSignature(s.path("signature").asText(), s.path("slot").asLong(),
          !(err.isNull() || err.isMissingNode())));
    }
    return out;
  }

  public long computeUnits(final String signature) throws RpcError {
    return transaction(signature).path("meta").path("computeUnitsConsumed").asLong();
  }

  private JsonNode transaction(final String signature) throws RpcError {
    final ObjectNode config = JSON.createObjectNode().put("encoding", "json").put("maxSupportedTransactionVersion", 0)
        .put("commitment", "confirmed");
    return call("getTransaction", List.of(signature, config));
  }

  /** The account's data, or empty if there is no such account. */
  public Optional<byte[]> accountData(final byte[] address) throws RpcError {
    final ObjectNode config = JSON.createObjectNode().put("encoding", "base64").put("commitment", "confirmed");
    final JsonNode value = call("getAccountInfo", List.of(Base58.encode(address), config)).path("value");
    return value.isNull() ? Optional.empty() : Optional.of(Base64.getDecoder().decode(value.path("data").path(0).asText()));
  }

  /** Several accounts' data in one round trip (getMultipleAccounts); empty for a missing account. */
  public List<Optional<byte[]>> accountsData(final List<byte[]> addresses) throws RpcError {
    final ArrayNode keys = JSON.createArrayNode();
    addresses.forEach(a -> keys.add(Base58.encode(a)));
    final ObjectNode config = JSON.createObjectNode().put("encoding", "base64").put("commitment", "confirmed");
    final List<Optional<byte[]>> out = new ArrayList<>();
    for (final JsonNode v : call("getMultipleAccounts", List.of(keys, config)).path("value")) {
      out.add(v.isNull() ? Optional.empty() : Optional.of(Base64.getDecoder().decode(v.path("data").path(0).asText())));
    }
    return out;
  }

  /**
   * The program's accounts that pass every filter (getProgramAccounts), at confirmed commitment.
   * Without a filter a real cluster may refuse or take long: give at least one.
   */
  public List<KeyedAccount> programAccounts(final byte[] program, final List<AccountFilter> filters) throws RpcError {
    final ObjectNode config = JSON.createObjectNode().put("encoding", "base64").put("commitment", "confirmed");
    final ArrayNode list = config.putArray("filters");
    filters.forEach(f -> list.add(f.json()));
    final List<KeyedAccount> out = new ArrayList<>();
    for (final JsonNode a : call("getProgramAccounts", List.of(Base58.encode(program), config))) {
      out.add(new KeyedAccount(Base58.decode(a.path("pubkey").asText()),
          Base64.getDecoder().decode(a.path("account").path("data").path(0).asText())));
    }
    return out;
  }

  /** An account as the chain holds it. */
  public record AccountState(long lamports, byte[] owner, boolean executable, byte[] data) {}

  /** Several accounts' full state in one round trip; empty for a missing account. */
  public List<Optional<AccountState>> accounts(final List<byte[]> addresses) throws RpcError {
    final ArrayNode keys = JSON.createArrayNode();
    addresses.forEach(a -> keys.add(Base58.encode(a)));
    final ObjectNode config = JSON.createObjectNode().put("encoding", "base64").put("commitment", "confirmed");
    final List<Optional<AccountState>> out = new ArrayList<>();
    for (final JsonNode v : call("getMultipleAccounts", List.of(keys, config)).path("value")) {
      out.add(v.isNull() ? Optional.empty() : Optional.of(new AccountState(v.path("lamports").asLong(),
          Base58.decode(v.path("owner").asText()), v.path("executable").asBoolean(),
          Base64.getDecoder().decode(v.path("data").path(0).asText()))));
    }
    return out;
  }

  public long balance(final byte[] address) throws RpcError {
    return call("getBalance", List.of(Base58.encode(address), commitment())).path("value").asLong();
  }

  public String requestAirdrop(final byte[] address, final long lamports) throws RpcError {
    return call("requestAirdrop", List.of(Base58.encode(address), lamports)).asText();
  }

  public long minimumBalanceForRentExemption(final long size) throws RpcError {
    return call("getMinimumBalanceForRentExemption", List.of(size)).asLong();
  }

  private static ObjectNode commitment() {
    return JSON.createObjectNode().put("commitment", "confirmed");
  }

  private JsonNode call(final String method, final List<Object> params) throws RpcError {
    final ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", ids.incrementAndGet())
        .put("method", method);
    request.set("params", JSON.valueToTree(params));
    final JsonNode response;
    try {
      final HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
          .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      response = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new RpcError(-1, method + " failed: " + e.getMessage(), null, List.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RpcError(-1, method + " interrupted", null, List.of());
    }
    final JsonNode error = response.get("error");
    if (error != null) {
      final List<String> logs = new ArrayList<>();
      error.path("data").path("logs").forEach(l -> logs.add(l.asText()));
      final JsonNode err = error.path("data").get("err");
      throw new RpcError(error.path("code").asInt(), method + ": " + error.path("message").asText(), err, logs);
    }
    return response.path("result");
  }
}
