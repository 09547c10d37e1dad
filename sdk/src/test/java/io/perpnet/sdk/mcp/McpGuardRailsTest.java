package io.perpnet.sdk.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.spec.McpSchema;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class McpGuardRailsTest {
  @Test
  void argumentsAreCheckedByNameBeforeTheNodeIsAsked() throws Exception {
    final Set<String> known = Set.of("size", "side", "leverage");
    assertEquals("sizee", assertThrows(Args.Bad.class, () -> Args.of(Map.of("sizee", "1"), known)).field);
    final Args a = Args.of(Map.of("size", "0.015", "side", "long", "leverage", 5), known);
    assertEquals(new BigDecimal("0.015"), a.decimal("size").orElseThrow());
    assertEquals(5L, a.integer("leverage", 1, 50).orElseThrow());
    assertEquals("long", a.oneOf("side", Set.of("long", "short")));
    assertEquals("side", assertThrows(Args.Bad.class,
        () -> Args.of(Map.of("side", "up"), known).oneOf("side", Set.of("long", "short"))).field);
    assertEquals("size", assertThrows(Args.Bad.class, () -> Args.of(Map.of("size", 0.1), known).decimal("size")).field,
        "a fractional JSON number is refused: it may not be the decimal the model meant");
    assertEquals(new BigDecimal("2"), Args.of(Map.of("size", 2), known).decimal("size").orElseThrow());
    assertEquals("leverage", assertThrows(Args.Bad.class,
        () -> Args.of(Map.of("leverage", 60), known).integer("leverage", 1, 50)).field);
    assertEquals("size", assertThrows(Args.Bad.class, () -> Args.of(Map.of("size", "1e3x"), known).decimal("size"))
        .field);
  }

  @Test
  void theBudgetRefusesWhatWouldPassItAndARefusedOpenIsGivenBack() {
    final SessionGuard g = new SessionGuard(Optional.of(new BigDecimal("1000")), false);
    assertNull(g.spend(new BigDecimal("600")));
    assertTrue(g.spend(new BigDecimal("500")).contains("budget of 1000 USDC (600 spent)"));
    g.refund(new BigDecimal("600"));
    assertNull(g.spend(new BigDecimal("1000")));
    assertNull(new SessionGuard(Optional.empty(), false).spend(new BigDecimal("1e12")), "no budget: no limit");
  }

  @Test
  void aProposalIsPlacedOnce() {
    final SessionGuard g = new SessionGuard(Optional.empty(), true);
    final SessionGuard.Proposal p = g.propose(Map.of("market", "BTC-PERP"), BigDecimal.TEN);
    assertEquals(p, g.take(p.id()).orElseThrow());
    assertTrue(g.take(p.id()).isEmpty());
  }

  @Test
  void aToolErrorCarriesTheCodeTheFieldAndWhatToDo() {
    final McpSchema.CallToolResult r = ToolResults.error("STALE_ORACLE", "the BTC-PERP price is 75 s old", null);
    assertTrue(r.isError());
    assertEquals("STALE_ORACLE: the BTC-PERP price is 75 s old. Retry after the next oracle update (a few seconds)",
        ((McpSchema.TextContent) r.content().getFirst()).text());
    assertEquals("VALIDATION: size is required (field: size). Fix the argument and call again",
        ((McpSchema.TextContent) ToolResults.error("VALIDATION", "size is required", "size").content().getFirst())
            .text());
  }
}
