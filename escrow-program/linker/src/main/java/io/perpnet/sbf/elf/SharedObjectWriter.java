package io.perpnet.sbf.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the SBPF v0 shared object Solana's loaders accept (read in anza-xyz/sbpf's elf.rs):
 *
 * <pre>
 * offset            content
 * 0                 ELF64 header: ET_DYN, EM_BPF, e_flags 0, e_entry = entrypoint's file offset
 * 64                .text      (AX)  instructions, relocated
 * align 8           .rodata    (A)   read-only data, relocated (absent when empty)
 * align 8           .dynamic   (WA)  DT_REL, DT_RELSZ, DT_RELENT, DT_SYMTAB, DT_SYMENT, DT_STRTAB, DT_STRSZ, DT_NULL
 * align 8           .dynsym    (A)   null symbol, then one undefined global per syscall name
 * align 8           .dynstr    (A)
 * align 8           .rel.dyn   (A)   one R_BPF_64_32 per syscall call site (r_offset = the call's file offset)
 * align 8           .shstrtab
 * align 8           section headers
 * </pre>
 *
 * Every loaded section has sh_addr == sh_offset; the VM maps file offset X at 0x1_0000_0000 + X.
 * No program headers: the v0 loader works from section headers.
 */
public final class SharedObjectWriter {
  /** Where the VM maps file offset 0 (MM_PROGRAM_START). */
  public static final long PROGRAM_START = 0x1_0000_0000L;
  public static final int TEXT_OFFSET = Elf.EHDR_SIZE;

  /** A syscall call site: the call instruction's offset in .text and the syscall's name. */
  public record SyscallSite(long textOffset, String name) {}

  private SharedObjectWriter() {}

  /** File offset of .rodata for a .text of {@code textLength} bytes. */
  public static long rodataOffset(final long textLength) {
    return align8(TEXT_OFFSET + textLength);
  }

  public static byte[] write(final byte[] text, final byte[] rodata, final long entryTextOffset,
      final List<SyscallSite> syscalls) {
    final Map<String, Integer> dynsymIndex = new LinkedHashMap<>();
    final ByteArrayOutputStream dynstr = new ByteArrayOutputStream();
    dynstr.write(0);
    for (final SyscallSite s : syscalls) {
      dynsymIndex.computeIfAbsent(s.name(), n -> {
        final int nameOffset = dynstr.size();
        dynstr.writeBytes(n.getBytes(StandardCharsets.US_ASCII));
        dynstr.write(0);
        return nameOffset;
      });
    }
    final List<String> names = new ArrayList<>(dynsymIndex.keySet());

    final long rodataOff = rodataOffset(text.length);
    final boolean hasRodata = rodata.length > 0;
    final long dynamicOff = align8(hasRodata ? rodataOff + rodata.length : rodataOff);
    final int dynamicEntries = syscalls.isEmpty() ? 5 : 8;
    final long dynsymOff = align8(dynamicOff + (long) dynamicEntries * Elf.DYN_SIZE);
    final long dynsymSize = (long) (names.size() + 1) * Elf.SYM_SIZE;
    final long dynstrOff = align8(dynsymOff + dynsymSize);
    final long relOff = align8(dynstrOff + dynstr.size());
    final long relSize = (long) syscalls.size() * Elf.REL_SIZE;
    final String[] sectionNames = hasRodata
        ? new String[] {"", ".text", ".rodata", ".dynamic", ".dynsym", ".dynstr", ".rel.dyn", ".shstrtab"}
        : new String[] {"", ".text", ".dynamic", ".dynsym", ".dynstr", ".rel.dyn", ".shstrtab"};
    final ByteArrayOutputStream shstr = new ByteArrayOutputStream();
    final int[] nameOffsets = new int[sectionNames.length];
    for (int i = 0; i < sectionNames.length; i++) {
      nameOffsets[i] = shstr.size();
      if (i > 0) {
        shstr.writeBytes(sectionNames[i].getBytes(StandardCharsets.US_ASCII));
        shstr.write(0);
      } else {
        shstr.write(0);
      }
    }
    final long shstrOff = align8(relOff + relSize);
    final long shOff = align8(shstrOff + shstr.size());
    final int shnum = sectionNames.length;
    final ByteBuffer out = ByteBuffer.allocate((int) (shOff + (long) shnum * Elf.SHDR_SIZE)).order(ByteOrder.LITTLE_ENDIAN);

    // ELF header
    out.put(0, new byte[] {0x7f, 'E', 'L', 'F', Elf.ELFCLASS64, Elf.ELFDATA2LSB, Elf.EV_CURRENT});
    out.putShort(16, (short) Elf.ET_DYN).putShort(18, (short) Elf.EM_BPF).putInt(20, Elf.EV_CURRENT);
    out.putLong(24, TEXT_OFFSET + entryTextOffset).putLong(32, 0).putLong(40, shOff).putInt(48, 0);
    out.putShort(52, (short) Elf.EHDR_SIZE).putShort(54, (short) 56).putShort(56, (short) 0);
    out.putShort(58, (short) Elf.SHDR_SIZE).putShort(60, (short) shnum).putShort(62, (short) (shnum - 1));

    out.put(TEXT_OFFSET, text);
    if (hasRodata) {
      out.put((int) rodataOff, rodata);
    }
    int d = (int) dynamicOff;
    if (!syscalls.isEmpty()) {
      d = dyn(out, d, Elf.DT_REL, relOff);
      d = dyn(out, d, Elf.DT_RELSZ, relSize);
      d = dyn(out, d, Elf.DT_RELENT, Elf.REL_SIZE);
    }
    d = dyn(out, d, Elf.DT_SYMTAB, dynsymOff);
    d = dyn(out, d, Elf.DT_SYMENT, Elf.SYM_SIZE);
    d = dyn(out, d, Elf.DT_STRTAB, dynstrOff);
    d = dyn(out, d, Elf.DT_STRSZ, dynstr.size());
    dyn(out, d, Elf.DT_NULL, 0);
    for (int i = 0; i < names.size(); i++) {
      final int at = (int) dynsymOff + (i + 1) * Elf.SYM_SIZE;
      out.putInt(at, dynsymIndex.get(names.get(i))).put(at + 4, (byte) (Elf.STB_GLOBAL << 4 | Elf.STT_NOTYPE));
    }
    out.put((int) dynstrOff, dynstr.toByteArray());
    for (int i = 0; i < syscalls.size(); i++) {
      final SyscallSite s = syscalls.get(i);
      final long symbol = names.indexOf(s.name()) + 1;
      out.putLong((int) relOff + i * Elf.REL_SIZE, TEXT_OFFSET + s.textOffset());
      out.putLong((int) relOff + i * Elf.REL_SIZE + 8, symbol << 32 | Elf.R_BPF_64_32);
    }
    out.put((int) shstrOff, shstr.toByteArray());

    int s = 1;
    final int dynstrIndex = hasRodata ? 5 : 4;
    final int dynsymIdx = dynstrIndex - 1;
    header(out, shOff, s, nameOffsets[s++], Elf.SHT_PROGBITS, Elf.SHF_ALLOC | Elf.SHF_EXECINSTR, TEXT_OFFSET, text.length, 0, 0, 8, 0);
    if (hasRodata) {
      header(out, shOff, s, nameOffsets[s++], Elf.SHT_PROGBITS, Elf.SHF_ALLOC, rodataOff, rodata.length, 0, 0, 8, 0);
    }
    header(out, shOff, s, nameOffsets[s++], Elf.SHT_DYNAMIC, Elf.SHF_ALLOC | Elf.SHF_WRITE, dynamicOff,
        (long) dynamicEntries * Elf.DYN_SIZE, dynstrIndex, 0, 8, Elf.DYN_SIZE);
    header(out, shOff, s, nameOffsets[s++], Elf.SHT_DYNSYM, Elf.SHF_ALLOC, dynsymOff, dynsymSize, dynstrIndex, 1, 8,
        Elf.SYM_SIZE);
    header(out, shOff, s, nameOffsets[s++], Elf.SHT_STRTAB, Elf.SHF_ALLOC, dynstrOff, dynstr.size(), 0, 0, 1, 0);
    header(out, shOff, s, nameOffsets[s++], Elf.SHT_REL, Elf.SHF_ALLOC, relOff, relSize, dynsymIdx, 0, 8, Elf.REL_SIZE);
    headerAt(out, shOff, s, nameOffsets[s], Elf.SHT_STRTAB, 0, 0, shstrOff, shstr.size(), 0, 0, 1, 0);
    return out.array();
  }

  private static int dyn(final ByteBuffer out, final int at, final long tag, final long value) {
    out.putLong(at, tag).putLong(at + 8, value);
    return at + Elf.DYN_SIZE;
  }

  /** A loaded section: sh_addr equals sh_offset. */
  private static void header(final ByteBuffer out, final long shOff, final int index, final int name, final int type,
      final long flags, final long offset, final long size, final int link, final int info, final long align,
      final long entsize) {
    headerAt(out, shOff, index, name, type, flags, offset, offset, size, link, info, align, entsize);
  }

  private static void headerAt(final ByteBuffer out, final long shOff, final int index, final int name, final int type,
      final long flags, final long addr, final long offset, final long size, final int link, final int info,
      final long align, final long entsize) {
    final int at = (int) shOff + index * Elf.SHDR_SIZE;
    out.putInt(at, name).putInt(at + 4, type).putLong(at + 8, flags).putLong(at + 16, addr).putLong(at + 24, offset)
        .putLong(at + 32, size).putInt(at + 40, link).putInt(at + 44, info).putLong(at + 48, align)
        .putLong(at + 56, entsize);
  }

  public static long align8(final long v) {
    return (v + 7) & ~7L;
  }
}
