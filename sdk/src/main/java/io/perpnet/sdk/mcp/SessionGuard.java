package io.perpnet.sdk.mcp;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Guard rails for model-driven trading, on top of the node's own risk engine (which applies
 * unchanged): an optional notional budget for the session (each open counts its notional, at
 * the limit price or the oracle price; closing gives nothing back) and a confirmation mode in
 * which {@code open_position} only proposes, and {@code confirm_open} with the proposal's id
 * places it.
 */
final class SessionGuard {
  /** An open held for confirmation. */
  record Proposal(String id, Map<String, Object> arguments, BigDecimal notional) {}

  private final Optional<BigDecimal> budget;
  private final boolean confirm;
  private BigDecimal spent = BigDecimal.ZERO;
  private final Map<String, Proposal> proposals = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  SessionGuard(final Optional<BigDecimal> budget, final boolean confirm) {
    this.budget = budget;
    this.confirm = confirm;
  }

  boolean confirmationMode() {
    return confirm;
  }

  Proposal propose(final Map<String, Object> arguments, final BigDecimal notional) {
    final Proposal p = new Proposal("proposal-" + ids.incrementAndGet(), Map.copyOf(arguments), notional);
    proposals.put(p.id(), p);
    return p;
  }

  Optional<Proposal> take(final String id) {
    return Optional.ofNullable(proposals.remove(id));
  }

  /** Counts {@code notional} against the budget, or says why not (null: allowed). */
  synchronized String spend(final BigDecimal notional) {
    if (budget.isPresent() && spent.add(notional).compareTo(budget.get()) > 0) {
      return "this open's notional " + notional.toPlainString() + " USDC would take the session past its budget of "
          + budget.get().toPlainString() + " USDC (" + spent.toPlainString() + " spent)";
    }
    spent = spent.add(notional);
    return null;
  }

  /** Gives back what {@link #spend} counted for an open the node refused. */
  synchronized void refund(final BigDecimal notional) {
    spent = spent.subtract(notional).max(BigDecimal.ZERO);
  }

  synchronized Map<String, Object> state() {
    return Map.of("budgetUsdc", budget.map(BigDecimal::toPlainString).orElse("none"), "spentUsdc",
        spent.toPlainString(), "confirmationMode", confirm);
  }
}
