package io.perpnet.node.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.node.Node;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ErrorCode;
import io.perpnet.node.api.http.Request;
import io.perpnet.node.api.http.Route;
import io.perpnet.node.api.json.Body;
import io.perpnet.node.api.json.Field;
import io.perpnet.node.api.json.Views;
import io.perpnet.node.chain.OpenPosition;
import io.perpnet.node.risk.Switches;
import io.perpnet.node.store.StoreException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@code /v1/risk}: the agent's limits and their use, the kill switch, and {@code /v1/deadman}. */
public final class RiskRoutes {
  static final List<Field> KILL = List.of(Field.bool("on", true, "true halts every new commitment"),
      Field.bool("closePositions", false, "with on: also close every position at mark"));
  static final List<Field> DEADMAN = List.of(Field.integer("timeoutMs", true, 0, 86_400_000,
      "renew within this many ms, or every open intent is cancelled and nothing new is signed; 0 disarms"),
      Field.bool("closePositions", false, "a trip also closes every position at mark"));

  static final List<Field> LIMITS = List.of(
      Field.integer("maxLeverage", false, 1, 1_000, "1 to 50"),
      Field.decimal("maxPositionNotional", false, "USDC, 100 to 1,000,000"),
      Field.integer("maxOpenPositions", false, 0, 1_000_000, "1 to 50"),
      Field.decimal("maxDailyLoss", false, "USDC, 10 to 100,000"),
      Field.decimal("maxMarketExposure", false, "USDC, 100 to 10,000,000: our positions' notional in one market"));

  private final Node node;

  public RiskRoutes(final Node node) {
    this.node = node;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/v1/risk", Scope.READ, "Limits, their use, the kill switch and the dead-man switch", "the risk state",
            this::state),
        Route.post("/v1/risk/kill-switch", Scope.FULL, KILL, "Turn the kill switch on (cancels every open intent,"
            + " refuses every new commitment, survives restarts; optionally closes every position at mark) or off",
            "the risk state", this::kill),
        Route.post("/v1/deadman", Scope.TRADE, DEADMAN, "Arm or renew the dead-man switch; 0 disarms",
            "the risk state", this::deadman),
        Route.put("/v1/risk/limits", Scope.FULL, LIMITS, "Change the agent's limits (each field optional; kept across"
            + " restarts, over the settings)", "the risk state", this::setLimits));
  }

  private JsonNode setLimits(final Request r) throws ApiError {
    final Body b = Body.check(r.body(), LIMITS);
    final var now = node.risk().limits().current();
    final var a = now.agent();
    final var next = new io.perpnet.node.risk.Limits.Values(new io.perpnet.consensus.commitment.AgentLimits(
        (int) b.integer("maxLeverage", a.maxLeverage()),
        b.units("maxPositionNotional", Views.USDC_DECIMALS).orElse(a.maxPositionNotional()),
        (int) b.integer("maxOpenPositions", a.maxOpenPositions())),
        b.units("maxDailyLoss", Views.USDC_DECIMALS).orElse(now.maxDailyLoss()),
        b.units("maxMarketExposure", Views.USDC_DECIMALS).orElse(now.maxMarketExposure()));
    final String wrong = io.perpnet.node.risk.Limits.check(next);
    if (wrong != null) {
      throw ApiError.field(wrong.substring(0, wrong.indexOf(':')), wrong.substring(wrong.indexOf(':') + 2));
    }
    try {
      node.risk().limits().set(next);
    } catch (StoreException e) {
      throw new ApiError(ErrorCode.INTERNAL, "the limits could not be stored: " + e.getMessage());
    }
    return state(r);
  }

  /** Refuses a new commitment while the agent is halted, with the halt's own code. */
  public static void checkNotHalted(final Node node) throws ApiError {
    final Optional<String> halted = node.gate().halted();
    if (halted.isPresent()) {
      final String h = halted.get();
      if (h.startsWith("CIRCUIT_BREAKER")) {
        final var s = node.breakers().state();
        throw new ApiError(ErrorCode.CIRCUIT_BREAKER, h, java.util.Map.of("breaker", s.reason(), "untilMs",
            s.pausedUntilMs()));
      }
      throw new ApiError(h.startsWith("DEADMAN") ? ErrorCode.DEADMAN : ErrorCode.KILL_SWITCH, h);
    }
  }

  private JsonNode state(final Request r) {
    final Switches s = node.switches();
    final ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("killSwitch", s.killSwitch());
    o.putObject("deadman").put("armed", s.deadline() != 0).put("deadlineMs", s.deadline()).put("tripped", s.tripped())
        .put("closePositions", s.closesOnTrip());
    o.put("halted", node.gate().halted().orElse(null));
    final var b = node.breakers().state();
    final var bs = node.breakers().settings();
    o.putObject("breakers").put("paused", b.pausedUntilMs() > System.currentTimeMillis())
        .put("pausedUntilMs", b.pausedUntilMs()).put("lastTripped", b.reason().isEmpty() ? null : b.reason())
        .put("dailyLoss", Views.usdc(Math.max(0, b.dailyLoss()))).put("maxDailyLoss", Views.usdc(node.breakers().maxDailyLoss()))
        .put("lossStreak", b.streak()).put("lossStreakLimit", bs.lossStreak());
    final var limits = node.limits();
    o.putObject("limits").put("maxLeverage", limits.maxLeverage())
        .put("maxPositionNotional", Views.usdc(limits.maxPositionNotional()))
        .put("maxOpenPositions", limits.maxOpenPositions())
        .put("maxDailyLoss", Views.usdc(node.risk().limits().current().maxDailyLoss()))
        .put("maxMarketExposure", Views.usdc(node.risk().limits().current().maxMarketExposure()));
    o.putObject("usage").put("openPositions", node.reservations().openCount())
        .put("pendingMargin", Views.usdc(node.reservations().pendingMargin()));
    return o;
  }

  private JsonNode kill(final Request r) throws ApiError {
    final Body b = Body.check(r.body(), KILL);
    final boolean on = b.bool("on", false);
    if (!on && b.bool("closePositions", false)) {
      throw ApiError.field("closePositions", "only with on");
    }
    try {
      node.switches().setKillSwitch(on);
    } catch (StoreException e) {
      throw new ApiError(ErrorCode.INTERNAL, "the switch could not be stored: " + e.getMessage());
    }
    final ObjectNode state = (ObjectNode) state(r);
    if (on && b.bool("closePositions", false)) {
      final ArrayNode closes = state.putArray("closes");
      final List<OpenPosition> open;
      try {
        open = node.positions();
      } catch (StoreException e) {
        throw new ApiError(ErrorCode.INTERNAL, "cannot read the positions: " + e.getMessage());
      }
      for (final OpenPosition p : open) {
        final ObjectNode c = closes.addObject().put("id", p.matchId().toHex());
        try {
          c.put("status", node.closeAtMark(p.match()).get(60, TimeUnit.SECONDS).closed() ? "closed" : "open");
        } catch (Exception e) {
          c.put("status", "failed").put("error", Refusals.of(e).json().path("code").asText());
        }
      }
    }
    return state;
  }

  private JsonNode deadman(final Request r) throws ApiError {
    final Body b = Body.check(r.body(), DEADMAN);
    final long timeout = b.integer("timeoutMs", 0);
    try {
      node.switches().deadman(timeout, b.bool("closePositions", false));
    } catch (StoreException e) {
      throw new ApiError(ErrorCode.INTERNAL, "the switch could not be stored: " + e.getMessage());
    }
    return state(r);
  }
}
