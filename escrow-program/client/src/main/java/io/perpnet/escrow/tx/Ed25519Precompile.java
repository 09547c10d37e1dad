package io.perpnet.escrow.tx;

import io.perpnet.consensus.identity.Ed25519PublicKey;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;

/**
 * An instruction for Solana's Ed25519 signature-verification precompile carrying the public key,
 * signature and message in its own data. The escrow finds it through the instructions sysvar and
 * checks that it covers exactly the consensus bytes it is given.
 *
 * <pre>
 * offset size field
 *  0     1    number of signatures (1)
 *  1     1    padding
 *  2     2    signature offset (u16 LE)          = 16 + 32
 *  4     2    signature instruction index        = 0xFFFF (this instruction)
 *  6     2    public key offset                  = 16
 *  8     2    public key instruction index       = 0xFFFF
 * 10     2    message offset                     = 16 + 32 + 64
 * 12     2    message size
 * 14     2    message instruction index          = 0xFFFF
 * 16    32    public key
 * 48    64    signature
 * 112    n    message
 * </pre>
 */
public final class Ed25519Precompile {
  public static final PublicKey PROGRAM_ID = new PublicKey("Ed25519SigVerify111111111111111111111111111");
  private static final short THIS_INSTRUCTION = (short) 0xFFFF;

  private Ed25519Precompile() {}

  public static TransactionInstruction verify(final Ed25519PublicKey key, final byte[] signature, final byte[] message) {
    return verify(key.bytes(), signature, message);
  }

  /** With raw key bytes, which need not be a key our side accepts (the parity tests send edge cases). */
  public static TransactionInstruction verify(final byte[] key, final byte[] signature, final byte[] message) {
    if (key.length != 32 || signature.length != 64 || message.length > 0xFFFF - 112) {
      throw new IllegalArgumentException("a 32-byte key, a 64-byte signature and a message under 65,423 bytes are needed");
    }
    final ByteBuffer b = ByteBuffer.allocate(112 + message.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 1).put((byte) 0)
        .putShort((short) 48).putShort(THIS_INSTRUCTION)
        .putShort((short) 16).putShort(THIS_INSTRUCTION)
        .putShort((short) 112).putShort((short) message.length).putShort(THIS_INSTRUCTION);
    b.put(key).put(signature).put(message);
    return new TransactionInstruction(PROGRAM_ID, List.of(), b.array());
  }
}
