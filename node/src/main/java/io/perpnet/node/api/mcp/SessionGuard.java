package io.perpnet.node.api.mcp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ErrorCode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One MCP session's guard rails for model-driven trading, on top of the node's risk engine (which
 * applies unchanged): an optional notional budget (each open counts its notional at the limit
 * price or the oracle price; closing gives nothing back; an open the node refuses is given back)
 * and a confirmation mode in which {@code open_position} only proposes and {@code confirm_open}
 * places the proposal, once.
 */
final class SessionGuard {
  /** At most this many proposals wait for confirmation in one session (the oldest is dropped). */
  static final int MAX_PROPOSALS = 64;

  /** What a session is opened with: {@code ?budgetUsdc=} and {@code ?confirm=} on the MCP URL. */
  record Config(Optional<BigDecimal> budgetUsdc, boolean confirm) {
    static final Config NONE = new Config(Optional.empty(), false);

    /** A session's guard rails from the URL: {@code ?budgetUsdc=500&confirm=true}. */
    static Config of(final Map<String, List<String>> query) throws ApiError {
      for (final String name : query.keySet()) {
        if (!name.equals("budgetUsdc") && !name.equals("confirm")) {
          throw ApiError.field(name, "unknown parameter (the MCP URL takes budgetUsdc and confirm)");
        }
      }
      Optional<BigDecimal> budget = Optional.empty();
      final List<String> b = query.get("budgetUsdc");
      if (b != null && !b.isEmpty()) {
        try {
          budget = Optional.of(new BigDecimal(b.getFirst()));
        } catch (NumberFormatException e) {
          throw ApiError.field("budgetUsdc", "must be a decimal string such as \"500\"");
        }
        if (budget.get().signum() <= 0) {
          throw ApiError.field("budgetUsdc", "must be above 0");
        }
      }
      final List<String> c = query.get("confirm");
      final String confirm = c == null || c.isEmpty() ? "false" : c.getFirst();
      if (!confirm.equals("true") && !confirm.equals("false")) {
        throw ApiError.field("confirm", "must be true or false");
      }
      return new Config(budget, confirm.equals("true"));
    }
  }

  /** An open held for confirmation: the arguments to place and what it commits. */
  record Proposal(String id, ObjectNode arguments, BigDecimal notional) {}

  private final Config config;
  private final Map<String, Proposal> proposals = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private BigDecimal spent = BigDecimal.ZERO;

  SessionGuard(final Config config) {
    this.config = config;
  }

  boolean confirmationMode() {
    return config.confirm();
  }

  /** Whether opens need their notional worked out (a budget to count it against, or a proposal to show it). */
  boolean needsNotional() {
    return config.confirm() || config.budgetUsdc().isPresent();
  }

  Proposal propose(final ObjectNode arguments, final BigDecimal notional) {
    final long n = ids.incrementAndGet();
    final Proposal p = new Proposal("proposal-" + n, arguments.deepCopy(), notional);
    proposals.put(p.id(), p);
    proposals.remove("proposal-" + (n - MAX_PROPOSALS));
    return p;
  }

  /** The proposal, removed: each is placed at most once. */
  Optional<Proposal> take(final String id) {
    return Optional.ofNullable(proposals.remove(id));
  }

  /** Counts {@code notional} against the budget, or refuses with {@code BUDGET}. */
  synchronized void spend(final BigDecimal notional) throws ApiError {
    final Optional<BigDecimal> budget = config.budgetUsdc();
    if (budget.isPresent() && spent.add(notional).compareTo(budget.get()) > 0) {
      throw new ApiError(ErrorCode.BUDGET, "this open's notional " + notional.toPlainString()
          + " USDC would take the session past its budget of " + budget.get().toPlainString() + " USDC ("
          + spent.toPlainString() + " spent)", Map.of("budgetUsdc", budget.get().toPlainString(), "spentUsdc",
          spent.toPlainString()));
    }
    spent = spent.add(notional);
  }

  /** Gives back what {@link #spend} counted for an open the node refused. */
  synchronized void refund(final BigDecimal notional) {
    spent = spent.subtract(notional).max(BigDecimal.ZERO);
  }

  synchronized ObjectNode state() {
    final ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("budgetUsdc", config.budgetUsdc().map(BigDecimal::toPlainString).orElse(null))
        .put("spentUsdc", spent.toPlainString()).put("confirmationMode", config.confirm())
        .put("proposalsWaiting", proposals.size());
    return o;
  }
}
