package io.perpnet.consensus.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.consensus.validation.Agreement;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Program-derived addresses: the curve test against reference answers (Euler's criterion with
 * exact integers, computed when the cases were made), and the position bump that derived match
 * terms carry. The escrow client's tests check the addresses against solanaj and the runtime.
 */
class ProgramAddressTest {
  @Test
  void theCurveTestAgreesWithTheReference() {
    for (final String c : List.of(
        "5866666666666666666666666666666666666666666666666666666666666666 1", // the base point
        "0000000000000000000000000000000000000000000000000000000000000000 1", // y = 0
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f 1", // y = p, non-canonical 0
        "52f22665a60c12d289185d950ee8813609166f6b113d178d6c0fd3901ff239a1 0",
        "a095f20f9395650cf9380b8edb224a6b248a1e924e8fd0ae2e1a9492a3305f18 0",
        "8cb610900f9e347fae886dc6507795ec745c4c3fcb2eb2c73e14934c867ee057 1",
        "ba72499bfa121e836b2ac15726ee7d6b0af6ab13c38e92cae0d15057b159987f 0",
        "94cc7411d717f14579b2aa100fbbb34fa593feaed27248b762e3ab5805f0765a 1",
        "2b9c1d7e0f37c44921bd3f6564eadf7f142a72668c47e223d16edd8c47b46afc 1",
        "5baee261f53b26152d263ba83b037cd4962e434801256b885e9c9051f320b0db 0",
        "83f39ea7adbd0d74e6dec7f3dfaecc8f646566641a7ba2660f3011fc3570291c 0",
        "57990d1a0091268919f25d9d0612df359d6026a240f4589a5d791f1dd97cfefa 1")) {
      final String[] parts = c.split(" ");
      assertEquals(parts[1].equals("1"), ProgramAddress.isOnCurve(HexFormat.of().parseHex(parts[0])), parts[0]);
    }
  }

  @Test
  void anAddressIsNeverOnTheCurveAndSeedsAreLimited() {
    final Bytes32 program = Fixtures.PROGRAM;
    int found = 0;
    for (int bump = 255; bump >= 0; bump--) {
      final var address = ProgramAddress.create(List.of(new byte[] {1, 2, 3}, new byte[] {(byte) bump}), program);
      if (address.isPresent()) {
        found++;
        assertTrue(!ProgramAddress.isOnCurve(address.get().bytes()));
      }
    }
    assertTrue(found > 64 && found < 192, "about half the bumps give an address: " + found);
    assertThrows(IllegalArgumentException.class, () -> ProgramAddress.create(List.of(new byte[33]), program));
  }

  @Test
  void derivedTermsCarryTheHighestBumpThatGivesTheirPositionAnAddress() {
    final MatchTerms terms = Fixtures.flow().match().payload();
    assertTrue(Agreement.positionAddress(terms).isPresent());
    for (int higher = terms.positionBump() + 1; higher <= 255; higher++) {
      final MatchTerms other = new MatchTerms(terms.header(), terms.trader(), terms.maker(), terms.intentHash(),
          terms.quoteHash(), terms.acceptHash(), terms.price(), terms.size(), terms.traderMargin(), terms.makerMargin(),
          terms.fundingPpm(), terms.leverage(), terms.side(), higher);
      assertTrue(Agreement.positionAddress(other).isEmpty(), "bump " + higher + " gives an address too");
    }
  }
}
