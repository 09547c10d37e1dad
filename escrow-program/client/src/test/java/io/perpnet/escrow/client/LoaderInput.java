package io.perpnet.escrow.client;

import io.perpnet.escrow.rpc.SolanaRpc.AccountState;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * The SBPF v0 loader's serialization of one instruction's accounts and data (aligned layout; the
 * same one sol.h's sol_deserialize reads): u64 count; per account a duplicate marker (0xff new,
 * else the first occurrence's index, then 7 bytes), is_signer, is_writable, executable, 4 bytes,
 * key, owner, u64 lamports, u64 data length, data, 10,240 bytes of realloc space, padding to 8,
 * u64 rent epoch; then u64 data length, data and the program id.
 */
final class LoaderInput {
  /** An account as the instruction sees it. */
  record Account(byte[] key, boolean signer, boolean writable, AccountState state) {}

  private LoaderInput() {}

  static byte[] serialize(final List<Account> accounts, final byte[] data, final byte[] programId) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(u64(accounts.size()));
    for (int i = 0; i < accounts.size(); i++) {
      final Account a = accounts.get(i);
      int first = -1;
      for (int j = 0; j < i; j++) {
        if (Arrays.equals(accounts.get(j).key(), a.key())) {
          first = j;
          break;
        }
      }
      if (first >= 0) {
        out.write(first);
        out.writeBytes(new byte[7]);
        continue;
      }
      out.write(0xff);
      out.write(a.signer() ? 1 : 0);
      out.write(a.writable() ? 1 : 0);
      out.write(a.state().executable() ? 1 : 0);
      out.writeBytes(new byte[4]);
      out.writeBytes(a.key());
      out.writeBytes(a.state().owner());
      out.writeBytes(u64(a.state().lamports()));
      out.writeBytes(u64(a.state().data().length));
      out.writeBytes(a.state().data());
      out.writeBytes(new byte[10_240]);
      while (out.size() % 8 != 0) {
        out.write(0);
      }
      out.writeBytes(u64(-1L)); // rent epoch
    }
    out.writeBytes(u64(data.length));
    out.writeBytes(data);
    out.writeBytes(programId);
    return out.toByteArray();
  }

  static byte[] u64(final long v) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
  }
}
