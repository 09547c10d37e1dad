package io.perpnet.sbf.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Reads back the parts of a linked shared object that tests check. */
public final class SharedObjectView {
  public record Header(String name, int type, long flags, long addr, long offset, long size) {}

  private final ByteBuffer buf;
  private final Map<String, Header> sections = new HashMap<>();

  public SharedObjectView(final byte[] elf) {
    buf = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
    final long shoff = buf.getLong(40);
    final int shnum = buf.getShort(60);
    final int shstrndx = buf.getShort(62);
    final int strAt = (int) buf.getLong((int) shoff + shstrndx * 64 + 24);
    for (int i = 1; i < shnum; i++) {
      final int at = (int) shoff + i * 64;
      final String name = cstring(strAt + buf.getInt(at));
      sections.put(name, new Header(name, buf.getInt(at + 4), buf.getLong(at + 8), buf.getLong(at + 16),
          buf.getLong(at + 24), buf.getLong(at + 32)));
    }
  }

  public Header section(final String name) {
    return sections.get(name);
  }

  public byte[] contents(final String name) {
    final Header h = sections.get(name);
    return Arrays.copyOfRange(buf.array(), (int) h.offset(), (int) (h.offset() + h.size()));
  }

  public int type() {
    return buf.getShort(16);
  }

  public int machine() {
    return buf.getShort(18);
  }

  public long entry() {
    return buf.getLong(24);
  }

  public int flags() {
    return buf.getInt(48);
  }

  public int imm(final long fileOffset) {
    return buf.getInt((int) fileOffset + 4);
  }

  public int regs(final long fileOffset) {
    return buf.get((int) fileOffset + 1) & 0xFF;
  }

  public long u64(final long fileOffset) {
    return buf.getLong((int) fileOffset);
  }

  /** Name of .dynsym entry {@code index}. */
  public String dynamicSymbolName(final int index) {
    final Header dynsym = sections.get(".dynsym");
    final Header dynstr = sections.get(".dynstr");
    return cstring((int) dynstr.offset() + buf.getInt((int) dynsym.offset() + index * 24));
  }

  private String cstring(final int at) {
    int end = at;
    while (buf.get(end) != 0) {
      end++;
    }
    return new String(buf.array(), at, end - at, StandardCharsets.US_ASCII);
  }
}
