package io.perpnet.escrow.tx;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.Message;
import org.p2p.solanaj.core.TransactionInstruction;

/**
 * Builds signed legacy transactions. Solanaj compiles the message (account ordering, header,
 * instruction indices); signatures are made with BouncyCastle and placed in the order of the
 * message's signer keys, not the order the signers are given (solanaj's Transaction.sign gets
 * that wrong when the two differ).
 *
 * <pre>
 * wire = compact-u16(signature count) || 64-byte signatures in signer-key order || message
 * message = [numRequiredSignatures, numReadonlySigned, numReadonlyUnsigned] || compact-u16(keys) || keys
 *           || recent blockhash || compact-u16(instructions) || instructions
 * </pre>
 */
public final class TransactionBuilder {
  private TransactionBuilder() {}

  /** Solanaj's Message takes its fee payer through a protected setter. */
  private static final class PayerMessage extends Message {
    PayerMessage(final Account payer) {
      setFeePayer(payer);
    }
  }

  /** The transaction's id: its first signature (the payer's), base58, as the RPC names it. */
  public static String signature(final byte[] wire) {
    return io.perpnet.consensus.identity.Base58.encode(java.util.Arrays.copyOfRange(wire, 1, 1 + 64));
  }

  /**
   * @param payer pays the fee and signs first
   * @param signers every other key that must sign (order does not matter)
   */
  public static byte[] build(final List<TransactionInstruction> instructions, final String recentBlockhash,
      final Ed25519KeyPair payer, final Ed25519KeyPair... signers) {
    final Message message = new PayerMessage(new Account(payer.solanaSecretKey()));
    instructions.forEach(message::addInstruction);
    message.setRecentBlockHash(recentBlockhash);
    final byte[] bytes = message.serialize();

    final Map<Ed25519PublicKey, Ed25519KeyPair> byKey = new HashMap<>();
    byKey.put(payer.publicKey(), payer);
    for (final Ed25519KeyPair s : signers) {
      byKey.put(s.publicKey(), s);
    }
    final int required = bytes[0] & 0xFF;
    final int keyCountLength = compactLength(bytes, 3);
    final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    writeCompactU16(required, wire);
    for (int i = 0; i < required; i++) {
      final int at = 3 + keyCountLength + 32 * i;
      final Ed25519PublicKey key = Ed25519PublicKey.of(Arrays.copyOfRange(bytes, at, at + 32));
      final Ed25519KeyPair signer = byKey.get(key);
      if (signer == null) {
        throw new IllegalArgumentException("the transaction needs a signature from " + key + ", which was not given");
      }
      wire.writeBytes(signer.sign(bytes));
    }
    wire.writeBytes(bytes);
    return wire.toByteArray();
  }

  static int compactLength(final byte[] b, final int at) {
    int n = 1;
    while ((b[at + n - 1] & 0x80) != 0) {
      n++;
    }
    return n;
  }

  static void writeCompactU16(final int value, final ByteArrayOutputStream out) {
    int v = value;
    do {
      int b = v & 0x7f;
      v >>>= 7;
      if (v != 0) {
        b |= 0x80;
      }
      out.write(b);
    } while (v != 0);
  }
}
