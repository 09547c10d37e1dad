package io.perpnet.sbf.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads ELF64 little-endian BPF relocatable objects (what {@code clang -target bpfel -c} writes).
 * Every offset and size is checked against the file before use (check, read, advance, validate),
 * so a truncated or hostile file yields an {@link ElfFormatException} that says what is wrong.
 */
public final class ElfReader {
  private final String name;
  private final ByteBuffer buf;

  private ElfReader(final String name, final byte[] bytes) {
    this.name = name;
    this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  public static RelocatableObject read(final String name, final byte[] bytes) throws ElfFormatException {
    return new ElfReader(name, bytes).read();
  }

  private RelocatableObject read() throws ElfFormatException {
    need(0, Elf.EHDR_SIZE, "ELF header");
    if (buf.getInt(0) != 0x464c457f) {
      throw fail("not an ELF file (bad magic)");
    }
    if (buf.get(4) != Elf.ELFCLASS64 || buf.get(5) != Elf.ELFDATA2LSB) {
      throw fail("not a 64-bit little-endian ELF file");
    }
    final int type = u16(16);
    final int machine = u16(18);
    if (type != Elf.ET_REL) {
      throw fail("not a relocatable object (e_type " + type + "); pass the .o files clang -c writes");
    }
    if (machine != Elf.EM_BPF) {
      throw fail("not a BPF object (e_machine " + machine + "); compile with clang -target bpfel");
    }
    final long shoff = buf.getLong(40);
    final int shentsize = u16(58);
    final int shnum = u16(60);
    final int shstrndx = u16(62);
    if (shentsize != Elf.SHDR_SIZE) {
      throw fail("unexpected section header size " + shentsize);
    }
    if (shnum == 0 || shstrndx >= shnum) {
      throw fail("no section headers or no section name table");
    }
    need(shoff, (long) shnum * Elf.SHDR_SIZE, "section headers");

    final long[][] raw = new long[shnum][];
    for (int i = 0; i < shnum; i++) {
      final int at = (int) shoff + i * Elf.SHDR_SIZE;
      raw[i] = new long[] {
        u32(at), u32(at + 4), buf.getLong(at + 8), buf.getLong(at + 24), buf.getLong(at + 32),
        u32(at + 40), u32(at + 44), buf.getLong(at + 48), buf.getLong(at + 56)
      };
    }
    final byte[] shstr = contents(raw[shstrndx], "section name table");
    final List<Section> sections = new ArrayList<>(shnum);
    for (int i = 0; i < shnum; i++) {
      final long[] h = raw[i];
      final String sectionName = string(shstr, h[0], "section name");
      final byte[] data = h[1] == Elf.SHT_NOBITS ? new byte[0] : contents(h, sectionName);
      sections.add(new Section(i, sectionName, (int) h[1], h[2], h[4], h[7], (int) h[5], (int) h[6], h[8], data));
    }
    final List<Symbol> symbols = readSymbols(sections);
    return new RelocatableObject(name, List.copyOf(sections), symbols, readRelocations(sections, symbols.size()));
  }

  private List<Symbol> readSymbols(final List<Section> sections) throws ElfFormatException {
    final List<Section> tables = sections.stream().filter(s -> s.type() == Elf.SHT_SYMTAB).toList();
    if (tables.size() > 1) {
      throw fail("more than one symbol table");
    }
    if (tables.isEmpty()) {
      return List.of();
    }
    final Section symtab = tables.getFirst();
    if (symtab.link() <= 0 || symtab.link() >= sections.size()) {
      throw fail("the symbol table links to no string table");
    }
    final byte[] strtab = sections.get(symtab.link()).data();
    final ByteBuffer b = ByteBuffer.wrap(symtab.data()).order(ByteOrder.LITTLE_ENDIAN);
    if (symtab.data().length % Elf.SYM_SIZE != 0) {
      throw fail(".symtab size is not a multiple of 24");
    }
    final List<Symbol> symbols = new ArrayList<>();
    for (int i = 0; i < symtab.data().length / Elf.SYM_SIZE; i++) {
      final int at = i * Elf.SYM_SIZE;
      final int info = b.get(at + 4) & 0xFF;
      final int shndx = b.getShort(at + 6) & 0xFFFF;
      final String symbolName = string(strtab, Integer.toUnsignedLong(b.getInt(at)), "symbol name");
      if (shndx != Elf.SHN_UNDEF && shndx < 0xff00 && shndx >= sections.size()) {
        throw fail("symbol " + symbolName + " refers to section " + shndx + " of " + sections.size());
      }
      symbols.add(new Symbol(i, symbolName, info >>> 4, info & 0xF, shndx, b.getLong(at + 8), b.getLong(at + 16)));
    }
    return List.copyOf(symbols);
  }

  private Map<Integer, List<Relocation>> readRelocations(final List<Section> sections, final int symbolCount)
      throws ElfFormatException {
    final Map<Integer, List<Relocation>> all = new HashMap<>();
    for (final Section s : sections) {
      if (s.type() == Elf.SHT_RELA) {
        throw fail("RELA relocations in " + s.name() + " are not used by the BPF target and not supported");
      }
      if (s.type() != Elf.SHT_REL) {
        continue;
      }
      if (s.data().length % Elf.REL_SIZE != 0) {
        throw fail(s.name() + " size is not a multiple of 16");
      }
      if (s.info() <= 0 || s.info() >= sections.size()) {
        throw fail(s.name() + " patches no valid section (sh_info " + s.info() + ")");
      }
      final ByteBuffer b = ByteBuffer.wrap(s.data()).order(ByteOrder.LITTLE_ENDIAN);
      final List<Relocation> list = new ArrayList<>();
      for (int at = 0; at < s.data().length; at += Elf.REL_SIZE) {
        final long info = b.getLong(at + 8);
        final int symbol = (int) (info >>> 32);
        if (symbol >= symbolCount) {
          throw fail(s.name() + " refers to symbol " + symbol + " of " + symbolCount);
        }
        list.add(new Relocation(b.getLong(at), symbol, (int) info));
      }
      all.put(s.info(), List.copyOf(list));
    }
    return Map.copyOf(all);
  }

  private byte[] contents(final long[] header, final String what) throws ElfFormatException {
    need(header[3], header[4], what);
    return Arrays.copyOfRange(buf.array(), (int) header[3], (int) (header[3] + header[4]));
  }

  private String string(final byte[] table, final long offset, final String what) throws ElfFormatException {
    if (offset < 0 || offset >= table.length && !(offset == 0 && table.length == 0)) {
      throw fail(what + " offset " + offset + " is outside its string table");
    }
    int end = (int) offset;
    while (end < table.length && table[end] != 0) {
      end++;
    }
    if (end == table.length && table.length > 0) {
      throw fail(what + " at " + offset + " is not NUL-terminated");
    }
    return new String(table, (int) offset, end - (int) offset, StandardCharsets.UTF_8);
  }

  private void need(final long offset, final long length, final String what) throws ElfFormatException {
    if (offset < 0 || length < 0 || length > buf.capacity() || offset > buf.capacity() - length) {
      throw fail(what + " (" + length + " bytes at " + offset + ") lies outside the " + buf.capacity() + "-byte file");
    }
  }

  private int u16(final int at) {
    return buf.getShort(at) & 0xFFFF;
  }

  private long u32(final int at) {
    return Integer.toUnsignedLong(buf.getInt(at));
  }

  private ElfFormatException fail(final String problem) {
    return new ElfFormatException(name + ": " + problem);
  }
}
