package io.perpnet.escrow.tx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;

/**
 * The compute budget of a transaction: the Compute Budget program's SetComputeUnitLimit
 * (instruction 2, a u32 limit) and SetComputeUnitPrice (instruction 3, a u64 price in
 * micro-lamports per unit), both little-endian, placed before the transaction's own instructions.
 * A limit near what the transaction needs makes it cheaper to schedule; a price buys priority.
 *
 * @param unitLimit compute units the transaction may use (0: the runtime's default)
 * @param microLamportsPerUnit the priority fee (0: none)
 */
public record ComputeBudget(int unitLimit, long microLamportsPerUnit) {
  public static final PublicKey PROGRAM = new PublicKey("ComputeBudget111111111111111111111111111111");
  public static final ComputeBudget NONE = new ComputeBudget(0, 0);

  public ComputeBudget {
    if (unitLimit < 0 || microLamportsPerUnit < 0) {
      throw new IllegalArgumentException("a compute budget is not negative");
    }
  }

  /** The instructions to put first; none for {@link #NONE}. */
  public List<TransactionInstruction> instructions() {
    final List<TransactionInstruction> out = new ArrayList<>(2);
    if (unitLimit > 0) {
      out.add(new TransactionInstruction(PROGRAM, List.of(),
          ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN).put((byte) 2).putInt(unitLimit).array()));
    }
    if (microLamportsPerUnit > 0) {
      out.add(new TransactionInstruction(PROGRAM, List.of(),
          ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).put((byte) 3).putLong(microLamportsPerUnit).array()));
    }
    return out;
  }

  /** {@code instructions} after this budget's. */
  public List<TransactionInstruction> before(final List<TransactionInstruction> instructions) {
    final List<TransactionInstruction> out = new ArrayList<>(instructions());
    out.addAll(instructions);
    return out;
  }
}
