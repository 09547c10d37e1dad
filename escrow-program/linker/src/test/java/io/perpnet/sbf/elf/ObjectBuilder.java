package io.perpnet.sbf.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds small ELF64 BPF relocatable objects by hand, for linker tests that need exact inputs. */
public final class ObjectBuilder {
  private record Sec(String name, int type, long flags, byte[] data, long align, long nobitsSize) {}

  private record Sym(String name, int bind, int type, int section, long value) {}

  private record Rel(int section, long offset, String symbol, int type) {}

  private final List<Sec> sections = new ArrayList<>();
  private final List<Sym> symbols = new ArrayList<>();
  private final List<Rel> relocations = new ArrayList<>();
  private int machine = Elf.EM_BPF;
  private int elfType = Elf.ET_REL;

  /** Adds a section; returns its index (1-based, after the null section). */
  public int section(final String name, final int type, final long flags, final byte[] data, final long align) {
    sections.add(new Sec(name, type, flags, data, align, 0));
    return sections.size();
  }

  public int text(final byte[] code) {
    return section(".text", Elf.SHT_PROGBITS, Elf.SHF_ALLOC | Elf.SHF_EXECINSTR, code, 8);
  }

  public int rodata(final byte[] data) {
    return section(".rodata", Elf.SHT_PROGBITS, Elf.SHF_ALLOC, data, 8);
  }

  public int bss(final long size) {
    sections.add(new Sec(".bss", Elf.SHT_NOBITS, Elf.SHF_ALLOC | Elf.SHF_WRITE, new byte[0], 8, size));
    return sections.size();
  }

  public ObjectBuilder function(final String name, final int section, final long value) {
    symbols.add(new Sym(name, Elf.STB_GLOBAL, Elf.STT_FUNC, section, value));
    return this;
  }

  public ObjectBuilder local(final String name, final int type, final int section, final long value) {
    symbols.add(new Sym(name, Elf.STB_LOCAL, type, section, value));
    return this;
  }

  public ObjectBuilder sectionSymbol(final String name, final int section) {
    return local(name, Elf.STT_SECTION, section, 0);
  }

  public ObjectBuilder undefined(final String name) {
    symbols.add(new Sym(name, Elf.STB_GLOBAL, Elf.STT_NOTYPE, Elf.SHN_UNDEF, 0));
    return this;
  }

  public ObjectBuilder relocation(final int section, final long offset, final String symbol, final int type) {
    relocations.add(new Rel(section, offset, symbol, type));
    return this;
  }

  public ObjectBuilder machine(final int m) {
    machine = m;
    return this;
  }

  public ObjectBuilder type(final int t) {
    elfType = t;
    return this;
  }

  public byte[] build() {
    // layout: header, section data, .symtab, .strtab, .rel.* sections, .shstrtab, section headers
    final ByteArrayOutputStream strtab = new ByteArrayOutputStream();
    strtab.write(0);
    final ByteBuffer symtab = le(Elf.SYM_SIZE * (symbols.size() + 1));
    for (int i = 0; i < symbols.size(); i++) {
      final Sym s = symbols.get(i);
      final int nameOff = strtab.size();
      strtab.writeBytes(s.name().getBytes(StandardCharsets.UTF_8));
      strtab.write(0);
      final int at = (i + 1) * Elf.SYM_SIZE;
      symtab.putInt(at, nameOff).put(at + 4, (byte) (s.bind() << 4 | s.type())).putShort(at + 6, (short) s.section())
          .putLong(at + 8, s.value());
    }
    final List<Sec> all = new ArrayList<>(sections);
    final int symtabIndex = all.size() + 1;
    all.add(new Sec(".symtab", Elf.SHT_SYMTAB, 0, symtab.array(), 8, 0));
    final int strtabIndex = all.size() + 1;
    all.add(new Sec(".strtab", Elf.SHT_STRTAB, 0, strtab.toByteArray(), 1, 0));
    final List<Integer> relTargets = relocations.stream().map(Rel::section).distinct().toList();
    final int firstRel = all.size() + 1;
    for (final int target : relTargets) {
      final List<Rel> rels = relocations.stream().filter(r -> r.section() == target).toList();
      final ByteBuffer b = le(rels.size() * Elf.REL_SIZE);
      for (int i = 0; i < rels.size(); i++) {
        final int symIndex = indexOf(rels.get(i).symbol());
        b.putLong(i * Elf.REL_SIZE, rels.get(i).offset())
            .putLong(i * Elf.REL_SIZE + 8, (long) symIndex << 32 | rels.get(i).type());
      }
      all.add(new Sec(".rel" + sections.get(target - 1).name(), Elf.SHT_REL, 0, b.array(), 8, 0));
    }
    final ByteArrayOutputStream shstr = new ByteArrayOutputStream();
    shstr.write(0);
    final int[] nameOffsets = new int[all.size() + 2];
    for (int i = 0; i < all.size(); i++) {
      nameOffsets[i + 1] = shstr.size();
      shstr.writeBytes(all.get(i).name().getBytes(StandardCharsets.UTF_8));
      shstr.write(0);
    }
    nameOffsets[all.size() + 1] = shstr.size();
    shstr.writeBytes(".shstrtab".getBytes(StandardCharsets.UTF_8));
    shstr.write(0);
    all.add(new Sec(".shstrtab", Elf.SHT_STRTAB, 0, shstr.toByteArray(), 1, 0));
    final int shnum = all.size() + 1;

    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[Elf.EHDR_SIZE]);
    final long[] offsets = new long[all.size()];
    for (int i = 0; i < all.size(); i++) {
      while (body.size() % 8 != 0) {
        body.write(0);
      }
      offsets[i] = body.size();
      body.writeBytes(all.get(i).data());
    }
    while (body.size() % 8 != 0) {
      body.write(0);
    }
    final long shoff = body.size();
    final ByteBuffer out = le((int) shoff + shnum * Elf.SHDR_SIZE);
    out.put(0, body.toByteArray());
    out.put(0, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
    out.putShort(16, (short) elfType).putShort(18, (short) machine).putInt(20, 1).putLong(40, shoff)
        .putShort(52, (short) 64).putShort(58, (short) 64).putShort(60, (short) shnum)
        .putShort(62, (short) (shnum - 1));
    for (int i = 0; i < all.size(); i++) {
      final Sec s = all.get(i);
      final int at = (int) shoff + (i + 1) * Elf.SHDR_SIZE;
      int link = 0;
      int info = 0;
      long entsize = 0;
      if (s.type() == Elf.SHT_SYMTAB) {
        link = strtabIndex;
        info = 1;
        entsize = Elf.SYM_SIZE;
      } else if (s.type() == Elf.SHT_REL) {
        link = symtabIndex;
        info = relTargets.get(i + 1 - firstRel);
        entsize = Elf.REL_SIZE;
      }
      final int nameOff = nameOffsets[i + 1];
      out.putInt(at, nameOff).putInt(at + 4, s.type()).putLong(at + 8, s.flags()).putLong(at + 24, offsets[i])
          .putLong(at + 32, s.type() == Elf.SHT_NOBITS ? s.nobitsSize() : s.data().length)
          .putInt(at + 40, link).putInt(at + 44, info).putLong(at + 48, s.align()).putLong(at + 56, entsize);
    }
    return out.array();
  }

  private int indexOf(final String symbol) {
    for (int i = 0; i < symbols.size(); i++) {
      if (symbols.get(i).name().equals(symbol)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no symbol " + symbol);
  }

  private static ByteBuffer le(final int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Assembles one instruction. */
  public static byte[] insn(final int opcode, final int dst, final int src, final int offset, final int imm) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).put((byte) opcode).put((byte) (src << 4 | dst))
        .putShort((short) offset).putInt(imm).array();
  }

  public static byte[] code(final byte[]... insns) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (final byte[] i : insns) {
      out.writeBytes(i);
    }
    return out.toByteArray();
  }
}
