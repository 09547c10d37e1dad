package io.perpnet.escrow.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.escrow.tx.TransactionBuilder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.p2p.solanaj.core.AccountMeta;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;

/** Signatures land in the message's signer order whatever order the signers are given in. */
class TransactionBuilderTest {
  private static final String BLOCKHASH = "11111111111111111111111111111111";

  @Test
  void signaturesFollowTheMessagesKeyOrder() {
    final Ed25519KeyPair payer = Ed25519KeyPair.generate();
    final Ed25519KeyPair writableSigner = Ed25519KeyPair.generate();
    final Ed25519KeyPair readonlySigner = Ed25519KeyPair.generate();
    final TransactionInstruction ix = new TransactionInstruction(EscrowProgram.SYSTEM_PROGRAM, List.of(
        new AccountMeta(EscrowClient.key(readonlySigner), true, false),
        new AccountMeta(EscrowClient.key(writableSigner), true, true)), new byte[] {1});
    // signers deliberately given in the "wrong" order
    final byte[] wire = TransactionBuilder.build(List.of(ix), BLOCKHASH, payer, readonlySigner, writableSigner);
    assertEquals(3, wire[0]);
    final byte[] message = Arrays.copyOfRange(wire, 1 + 3 * 64, wire.length);
    assertEquals(3, message[0]);
    for (int i = 0; i < 3; i++) {
      final Ed25519PublicKey key = Ed25519PublicKey.of(Arrays.copyOfRange(message, 4 + 32 * i, 4 + 32 * (i + 1)));
      final byte[] signature = Arrays.copyOfRange(wire, 1 + 64 * i, 1 + 64 * (i + 1));
      assertTrue(key.verify(message, signature), "signature " + i);
    }
    assertEquals(payer.publicKey(), Ed25519PublicKey.of(Arrays.copyOfRange(message, 4, 36)));
    // the transaction's id is the payer's signature
    assertEquals(io.perpnet.consensus.identity.Base58.encode(Arrays.copyOfRange(wire, 1, 65)),
        TransactionBuilder.signature(wire));
    assertTrue(payer.publicKey().verify(message, io.perpnet.consensus.identity.Base58.decode(
        TransactionBuilder.signature(wire))));
  }

  @Test
  void aMissingSignerIsNamed() {
    final Ed25519KeyPair payer = Ed25519KeyPair.generate();
    final Ed25519KeyPair absent = Ed25519KeyPair.generate();
    final TransactionInstruction ix = new TransactionInstruction(EscrowProgram.SYSTEM_PROGRAM,
        List.of(new AccountMeta(new PublicKey(absent.publicKey().bytes()), true, false)), new byte[0]);
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TransactionBuilder.build(List.of(ix), BLOCKHASH, payer));
    assertTrue(e.getMessage().contains(absent.publicKey().toAddress()), e.getMessage());
  }
}
