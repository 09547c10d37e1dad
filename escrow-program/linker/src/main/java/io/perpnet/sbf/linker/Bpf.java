package io.perpnet.sbf.linker;

/**
 * The few BPF instruction facts the linker needs. An instruction is 8 bytes: opcode, registers
 * (dst in the low nibble, src in the high nibble), a 16-bit offset and a 32-bit immediate at
 * byte 4; {@code lddw} takes two slots, the second holding the high 32 bits of the immediate.
 */
final class Bpf {
  static final int INSN = 8;
  static final int LDDW = 0x18;
  static final int CALL = 0x85;
  static final int CALLX = 0x8d;

  private Bpf() {}

  static int opcode(final byte[] text, final long at) {
    return text[(int) at] & 0xFF;
  }

  static int imm(final byte[] text, final long at) {
    final int i = (int) at + 4;
    return (text[i] & 0xFF) | (text[i + 1] & 0xFF) << 8 | (text[i + 2] & 0xFF) << 16 | (text[i + 3] & 0xFF) << 24;
  }

  static void setImm(final byte[] text, final long at, final int value) {
    final int i = (int) at + 4;
    for (int k = 0; k < 4; k++) {
      text[i + k] = (byte) (value >>> (8 * k));
    }
  }

  /**
   * SBPF v0 reads callx's register from the immediate while LLVM writes it in the dst field:
   * move it, for every callx (skipping lddw's second slot, which is not an instruction).
   */
  static int fixCallx(final byte[] text) {
    int fixed = 0;
    for (int at = 0; at + INSN <= text.length; at += INSN) {
      final int op = opcode(text, at);
      if (op == LDDW) {
        at += INSN;
      } else if (op == CALLX) {
        final int dst = text[at + 1] & 0x0F;
        if (dst != 0) {
          setImm(text, at, dst);
          text[at + 1] &= (byte) 0xF0;
          fixed++;
        }
      }
    }
    return fixed;
  }

  static long u64(final byte[] data, final long at) {
    long v = 0;
    for (int k = 7; k >= 0; k--) {
      v = v << 8 | (data[(int) at + k] & 0xFF);
    }
    return v;
  }

  static void putU64(final byte[] data, final long at, final long value) {
    for (int k = 0; k < 8; k++) {
      data[(int) at + k] = (byte) (value >>> (8 * k));
    }
  }
}
