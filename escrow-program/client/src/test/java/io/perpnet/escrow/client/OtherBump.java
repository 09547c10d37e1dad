package io.perpnet.escrow.client;

import java.util.ArrayList;
import java.util.List;
import org.p2p.solanaj.core.PublicKey;

/** A second program address of the same seeds, at a lower bump than the one the program accepts: what an attacker tries. */
record OtherBump(int bump, PublicKey address) {
  /** The highest bump below {@code bump} that still gives {@code seeds} an address under {@code program}. */
  static OtherBump below(final List<byte[]> seeds, final int bump, final PublicKey program) {
    for (int b = bump - 1; b >= 0; b--) {
      final List<byte[]> withBump = new ArrayList<>(seeds);
      withBump.add(new byte[] {(byte) b});
      try {
        return new OtherBump(b, PublicKey.createProgramAddress(withBump, program));
      } catch (Exception onTheCurve) {
        // not an address a program can sign for: try the next bump
      }
    }
    throw new AssertionError("no second bump for these seeds");
  }
}
