package io.perpnet.node.api.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.modelcontextprotocol.spec.McpSchema;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ErrorCode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A session's budget and proposals, the sessions' lifetime (a fake clock), and a tool error's sentence. */
class GuardRailsTest {
  private static final SessionGuard.Config BUDGET_1000 = new SessionGuard.Config(Optional.of(new BigDecimal("1000")),
      false);

  @Test
  void theBudgetRefusesWhatWouldPassItAndARefusedOpenIsGivenBack() throws ApiError {
    final SessionGuard g = new SessionGuard(BUDGET_1000);
    g.spend(new BigDecimal("600"));
    final ApiError over = assertThrows(ApiError.class, () -> g.spend(new BigDecimal("500")));
    assertEquals(ErrorCode.BUDGET, over.code());
    assertTrue(over.getMessage().contains("budget of 1000 USDC (600 spent)"), over.getMessage());
    g.refund(new BigDecimal("600"));
    g.spend(new BigDecimal("1000"));
    assertEquals("1000", g.state().path("spentUsdc").asText());
    new SessionGuard(SessionGuard.Config.NONE).spend(new BigDecimal("1e12")); // no budget: no limit
  }

  @Test
  void aProposalIsPlacedOnceAndOnlyTheNewestWait() {
    final SessionGuard g = new SessionGuard(new SessionGuard.Config(Optional.empty(), true));
    final SessionGuard.Proposal first = g.propose(JsonNodeFactory.instance.objectNode().put("market", "BTC-PERP"),
        BigDecimal.TEN);
    assertEquals("BTC-PERP", g.take(first.id()).orElseThrow().arguments().path("market").asText());
    assertTrue(g.take(first.id()).isEmpty(), "placed once");
    final SessionGuard.Proposal oldest = g.propose(JsonNodeFactory.instance.objectNode(), BigDecimal.ONE);
    for (int i = 0; i < SessionGuard.MAX_PROPOSALS; i++) {
      g.propose(JsonNodeFactory.instance.objectNode(), BigDecimal.ONE);
    }
    assertTrue(g.take(oldest.id()).isEmpty(), "dropped beyond " + SessionGuard.MAX_PROPOSALS);
    assertEquals(SessionGuard.MAX_PROPOSALS, g.state().path("proposalsWaiting").asInt());
  }

  @Test
  void sessionsEndWhenIdleAndTheOldestGoFirst() {
    final AtomicLong now = new AtomicLong(1_000);
    final McpSessions sessions = new McpSessions(now::get);
    final McpSessions.Session a = sessions.open(Scope.TRADE, SessionGuard.Config.NONE);
    final McpSessions.Session b = sessions.open(Scope.TRADE, SessionGuard.Config.NONE);
    assertTrue(sessions.find(a.id(), Scope.READ).isEmpty(), "another scope");
    now.addAndGet(McpSessions.IDLE_MS - 1);
    assertEquals(a, sessions.find(a.id(), Scope.TRADE).orElseThrow()); // used: a's idle time starts again
    now.addAndGet(1);
    assertTrue(sessions.find(b.id(), Scope.TRADE).isEmpty(), "idle for a day");
    assertTrue(sessions.find(a.id(), Scope.TRADE).isPresent());
    for (int i = 0; i < McpSessions.MAX_SESSIONS; i++) {
      sessions.open(Scope.READ, SessionGuard.Config.NONE);
    }
    assertEquals(McpSessions.MAX_SESSIONS, sessions.size());
    assertTrue(sessions.find(a.id(), Scope.TRADE).isEmpty(), "the least recently used went");
  }

  @Test
  void theGuardRailsComeFromTheUrl() throws ApiError {
    final SessionGuard.Config c = SessionGuard.Config.of(Map.of("budgetUsdc", List.of("250.5"), "confirm", List.of("true")));
    assertEquals(new BigDecimal("250.5"), c.budgetUsdc().orElseThrow());
    assertTrue(c.confirm());
    assertEquals(SessionGuard.Config.NONE, SessionGuard.Config.of(Map.of()));
    for (final var bad : List.of(Map.of("budgetUsdc", List.of("0")), Map.of("budgetUsdc", List.of("1e")),
        Map.of("confirm", List.of("yes")), Map.of("budget", List.of("5")))) {
      assertEquals(ErrorCode.VALIDATION, assertThrows(ApiError.class, () -> SessionGuard.Config.of(bad)).code(), bad.toString());
    }
  }

  @Test
  void aToolErrorCarriesTheCodeTheFieldAndWhatToDo() {
    final McpSchema.CallToolResult r = ToolResults.error(new ApiError(ErrorCode.STALE_ORACLE,
        "the BTC-PERP price is 75 s old"));
    assertTrue(r.isError());
    assertEquals("STALE_ORACLE: the BTC-PERP price is 75 s old. Retry after the next oracle update (a few seconds)",
        ((McpSchema.TextContent) r.content().getFirst()).text());
    assertEquals("VALIDATION: size: required (field: size). Fix that argument and call again",
        ((McpSchema.TextContent) ToolResults.error(ApiError.field("size", "required")).content().getFirst()).text());
    assertEquals("PRICE_OUTSIDE_LIMIT: the fill is above the limit", ((McpSchema.TextContent) ToolResults.error(
        ApiError.passthrough("PRICE_OUTSIDE_LIMIT", "the fill is above the limit")).content().getFirst()).text(),
        "the escrow's reason by its own name");
    assertEquals("KILL_SWITCH: the agent's kill switch is on. Trading is paused for this agent; get_risk says why"
        + " and until when", ((McpSchema.TextContent) ToolResults.error(new ApiError(ErrorCode.KILL_SWITCH,
        "KILL_SWITCH: the agent's kill switch is on")).content().getFirst()).text(), "the code once");
  }
}
