package io.perpnet.escrow.client;

import io.perpnet.escrow.rpc.SolanaRpc.AccountState;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.p2p.solanaj.core.AccountMeta;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;

/**
 * The instructions sysvar as the runtime fills it for a transaction: u16 count, a u16 offset per
 * instruction, then each instruction (u16 account count, per account a u8 flags byte, bit 0
 * signer and bit 1 writable, and the 32-byte key; the program id; u16 data length and the data),
 * and at the end the u16 index of the instruction running. For the native side of the
 * differential test.
 */
final class InstructionsSysvar {
  static final byte[] ADDRESS = EscrowInstructions.INSTRUCTIONS_SYSVAR.toByteArray();
  private static final byte[] OWNER = new PublicKey("Sysvar1111111111111111111111111111111111111").toByteArray();

  private InstructionsSysvar() {}

  static AccountState account(final List<TransactionInstruction> ixs, final int current) {
    return new AccountState(1, OWNER, false, data(ixs, current));
  }

  static byte[] data(final List<TransactionInstruction> ixs, final int current) {
    final List<byte[]> encoded = new ArrayList<>();
    for (final TransactionInstruction ix : ixs) {
      final ByteArrayOutputStream b = new ByteArrayOutputStream();
      u16(b, ix.getKeys().size());
      for (final AccountMeta m : ix.getKeys()) {
        b.write((m.isSigner() ? 1 : 0) | (m.isWritable() ? 2 : 0));
        b.writeBytes(m.getPublicKey().toByteArray());
      }
      b.writeBytes(ix.getProgramId().toByteArray());
      u16(b, ix.getData().length);
      b.writeBytes(ix.getData());
      encoded.add(b.toByteArray());
    }
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    u16(out, ixs.size());
    int offset = 2 + 2 * ixs.size();
    for (final byte[] e : encoded) {
      u16(out, offset);
      offset += e.length;
    }
    encoded.forEach(out::writeBytes);
    u16(out, current);
    return out.toByteArray();
  }

  private static void u16(final ByteArrayOutputStream out, final int v) {
    out.write(v & 0xFF);
    out.write(v >>> 8 & 0xFF);
  }
}
