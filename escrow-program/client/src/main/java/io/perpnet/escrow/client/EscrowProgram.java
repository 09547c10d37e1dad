package io.perpnet.escrow.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.p2p.solanaj.core.PublicKey;

/**
 * A deployment of the escrow program and its program-derived addresses (seeds in
 * escrow-program/program/include/escrow.h): config ["config"], vault ["vault"], margin
 * ["margin", owner]. Bumps are found once here and passed in instruction data, so the program
 * only verifies them.
 */
public record EscrowProgram(PublicKey programId) {
  public static final PublicKey SYSTEM_PROGRAM = new PublicKey("11111111111111111111111111111111");
  public static final PublicKey TOKEN_PROGRAM = new PublicKey("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
  public static final PublicKey UPGRADEABLE_LOADER = new PublicKey("BPFLoaderUpgradeab1e11111111111111111111111");

  /** An address and its bump. */
  public record Pda(PublicKey address, int bump) {}

  public Pda config() {
    return find(List.of(bytes("config")));
  }

  public Pda vault() {
    return find(List.of(bytes("vault")));
  }

  public Pda margin(final PublicKey owner) {
    return find(List.of(bytes("margin"), owner.toByteArray()));
  }

  /** ["market", u32 id little-endian]. */
  public Pda market(final int marketId) {
    final byte[] id = {(byte) marketId, (byte) (marketId >>> 8), (byte) (marketId >>> 16), (byte) (marketId >>> 24)};
    return find(List.of(bytes("market"), id));
  }

  /**
   * ["position", match id, bump]: the match id is SHA-256 of the MatchTerms bytes, the bump the one
   * they carry ({@code positionBump}, chosen by Agreement.derive): no search, and no other address.
   */
  public Pda position(final byte[] matchId, final int bump) {
    try {
      return new Pda(PublicKey.createProgramAddress(List.of(bytes("position"), matchId, new byte[] {(byte) bump}), programId),
          bump);
    } catch (Exception e) {
      throw new IllegalArgumentException("bump " + bump + " gives this match no position address", e);
    }
  }

  /** The position address the terms carry. */
  public Pda position(final io.perpnet.consensus.message.MatchTerms terms) {
    return position(io.perpnet.consensus.codec.Bytes32.sha256(io.perpnet.consensus.message.Messages.encode(terms)).bytes(),
        terms.positionBump());
  }

  public Pda position(final EscrowAccounts.Position position) {
    return position(position.matchId(), position.bump());
  }

  /** The upgradeable loader's ProgramData account of this program ([program id] under the loader): its upgrade authority. */
  public PublicKey programData() {
    return find(List.of(programId.toByteArray()), UPGRADEABLE_LOADER).address();
  }

  private Pda find(final List<byte[]> seeds) {
    return find(seeds, programId);
  }

  private static Pda find(final List<byte[]> seeds, final PublicKey owner) {
    final PublicKey.ProgramDerivedAddress pda;
    try {
      pda = PublicKey.findProgramAddress(seeds, owner);
    } catch (Exception e) {
      throw new IllegalStateException("no program-derived address for these seeds", e);
    }
    return new Pda(pda.getAddress(), pda.getNonce());
  }

  private static byte[] bytes(final String seed) {
    return seed.getBytes(StandardCharsets.US_ASCII);
  }
}
