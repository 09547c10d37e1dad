package io.perpnet.consensus.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The child-process fixture returns only lines printed after the point a wait names. */
class ChildProcessTest {
  /** Prints "MESH old", then for every input line prints "other" and "MESH <line>". */
  private static ChildProcess echo() {
    return ChildProcess.start("echo", List.of("bash", "-c",
        "echo 'MESH old'; while read -r x; do echo other; echo \"MESH $x\"; done"));
  }

  @Test
  void aLinePrintedBeforeTheWaitIsNeverReturned() {
    try (ChildProcess child = echo()) {
      assertEquals("MESH old", child.awaitLine(l -> l.startsWith("MESH ")));
      final int mark = child.mark();
      child.send("new");
      assertEquals("MESH new", child.awaitLine(mark, l -> l.startsWith("MESH ")));
      final int again = child.mark();
      child.send("newer");
      assertEquals("MESH newer", child.awaitLine(again, l -> l.startsWith("MESH ")));
      assertEquals(List.of("MESH old", "other", "MESH new", "other", "MESH newer"), child.lines());
    }
  }

  @Test
  void aWaitEndsAtOnceWhenTheProcessDies() {
    try (ChildProcess child = ChildProcess.start("dies", List.of("bash", "-c", "echo boom; exit 3"))) {
      final AssertionError e = assertThrows(AssertionError.class,
          () -> child.awaitLine(0, "never"::equals, Duration.ofMinutes(10)));
      assertTrue(e.getMessage().contains("exit code 3") && e.getMessage().contains("boom"), e.getMessage());
    }
  }

  @Test
  void aWaitThatSeesNoLineTimesOutWithTheLastLines() {
    try (ChildProcess child = echo()) {
      child.awaitLine("MESH old"::equals);
      final AssertionError e = assertThrows(AssertionError.class,
          () -> child.awaitLine(child.mark(), l -> true, Duration.ofMillis(200)));
      assertTrue(e.getMessage().contains("within") && e.getMessage().contains("MESH old"), e.getMessage());
    }
  }

  @Test
  void stopEndsAProcessThatIgnoresItsInput() {
    final ChildProcess child = ChildProcess.start("stubborn", List.of("bash", "-c", "echo up; exec sleep 600"));
    child.awaitLine("up"::equals);
    child.stop(Duration.ofMillis(500));
    assertFalse(child.isAlive());
  }
}
