package io.perpnet.sbf.linker;

import io.perpnet.sbf.elf.Elf;
import io.perpnet.sbf.elf.RelocatableObject;
import io.perpnet.sbf.elf.Relocation;
import io.perpnet.sbf.elf.SharedObjectWriter;
import io.perpnet.sbf.elf.SharedObjectWriter.SyscallSite;
import io.perpnet.sbf.elf.Symbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Links BPF relocatable objects into an SBPF v0 shared object.
 *
 * <ul>
 *   <li>merges .text* into .text and .rodata* / .data.rel.ro* into .rodata, refusing writable data;</li>
 *   <li>resolves address loads ({@code R_BPF_64_64} on lddw) and data pointers ({@code R_BPF_64_ABS64})
 *       statically to the VM address 0x1_0000_0000 + file offset;</li>
 *   <li>resolves internal calls ({@code R_BPF_64_32} to a defined function) to PC-relative immediates;</li>
 *   <li>keeps calls to Solana syscalls at imm = -1 with a dynamic {@code R_BPF_64_32} for the loader;</li>
 *   <li>moves callx's register from dst to imm as SBPF v0 expects;</li>
 *   <li>fails with a precise message on anything else.</li>
 * </ul>
 * The output depends only on the inputs and their order: the same objects give the same bytes.
 */
public final class Linker {
  public static final String ENTRYPOINT = "entrypoint";

  /** The linked program and what went into it. */
  public record Result(byte[] elf, int textBytes, int rodataBytes, List<String> syscalls, int callxFixed) {}

  private record Defined(int object, Symbol symbol) {}

  private final List<RelocatableObject> objects;
  private final Placement placement;
  private final Map<String, Defined> globals = new HashMap<>();
  private final List<SyscallSite> syscallSites = new ArrayList<>();

  private Linker(final List<RelocatableObject> objects) throws LinkException {
    if (objects.isEmpty()) {
      throw new LinkException("nothing to link: no input objects");
    }
    this.objects = objects;
    this.placement = new Placement(objects);
  }

  public static Result link(final List<RelocatableObject> objects) throws LinkException {
    return new Linker(objects).run();
  }

  private Result run() throws LinkException {
    collectGlobals();
    for (int o = 0; o < objects.size(); o++) {
      for (final Map.Entry<Integer, List<Relocation>> e : objects.get(o).relocations().entrySet()) {
        final Placement.Slot slot = placement.slot(o, e.getKey());
        if (slot == null) {
          continue; // relocations of dropped sections (debug info, BTF)
        }
        for (final Relocation r : e.getValue()) {
          apply(o, objects.get(o).sections().get(e.getKey()).name(), slot, r);
        }
      }
    }
    final int callx = Bpf.fixCallx(placement.text);
    final Defined entry = globals.get(ENTRYPOINT);
    if (entry == null || kindOf(entry) != Placement.Kind.TEXT) {
      throw new LinkException("no global function named '" + ENTRYPOINT + "' in .text");
    }
    final long entryOffset = textOffsetOf(entry);
    final byte[] elf = SharedObjectWriter.write(placement.text, placement.rodata, entryOffset, syscallSites);
    return new Result(elf, placement.text.length, placement.rodata.length,
        syscallSites.stream().map(SyscallSite::name).distinct().toList(), callx);
  }

  private void collectGlobals() throws LinkException {
    for (int o = 0; o < objects.size(); o++) {
      for (final Symbol s : objects.get(o).symbols()) {
        if (!s.isGlobal() || !s.isDefined()) {
          continue;
        }
        if (s.section() == Elf.SHN_COMMON) {
          throw new LinkException(objects.get(o).name() + ": common symbol " + s.name()
              + " is writable data, which is not supported");
        }
        final Defined previous = globals.get(s.name());
        if (previous != null && previous.symbol().bind() != Elf.STB_WEAK && s.bind() != Elf.STB_WEAK) {
          throw new LinkException("symbol " + s.name() + " is defined in both " + objects.get(previous.object()).name()
              + " and " + objects.get(o).name());
        }
        if (previous == null || previous.symbol().bind() == Elf.STB_WEAK) {
          globals.put(s.name(), new Defined(o, s));
        }
      }
    }
  }

  private void apply(final int o, final String section, final Placement.Slot slot, final Relocation r)
      throws LinkException {
    final RelocatableObject obj = objects.get(o);
    final Symbol sym = obj.symbols().get(r.symbol());
    final long at = slot.offset() + r.offset();
    final String where = obj.name() + ": " + Elf.relocationName(r.type()) + " at " + section + "+0x"
        + Long.toHexString(r.offset()) + " (" + (sym.name().isEmpty() ? "symbol " + r.symbol() : sym.name()) + ")";
    final byte[] data = slot.kind() == Placement.Kind.TEXT ? placement.text : placement.rodata;
    switch (r.type()) {
      case Elf.R_BPF_NONE -> { }
      case Elf.R_BPF_64_64 -> {
        requireText(slot, where);
        requireInstruction(data, at, 16, Bpf.LDDW, "lddw", where);
        final long addend = Integer.toUnsignedLong(Bpf.imm(data, at)) | Integer.toUnsignedLong(Bpf.imm(data, at + 8)) << 32;
        final long target = address(o, sym, where) + addend;
        Bpf.setImm(data, at, (int) target);
        Bpf.setImm(data, at + 8, (int) (target >>> 32));
      }
      case Elf.R_BPF_64_ABS64 -> {
        if (slot.kind() != Placement.Kind.RODATA) {
          throw new LinkException(where + ": absolute 64-bit relocations are supported in read-only data only");
        }
        if (at + 8 > data.length) {
          throw new LinkException(where + ": lies outside its section");
        }
        Bpf.putU64(data, at, address(o, sym, where) + Bpf.u64(data, at));
      }
      case Elf.R_BPF_64_32 -> {
        requireText(slot, where);
        requireInstruction(data, at, 8, Bpf.CALL, "call", where);
        call(o, sym, at, where);
      }
      default -> throw new LinkException(where + ": unsupported relocation in a loaded section");
    }
  }

  private void call(final int o, final Symbol sym, final long at, final String where) throws LinkException {
    final Defined target = resolve(o, sym);
    if (target == null) {
      if (!Syscalls.KNOWN.contains(sym.name())) {
        throw new LinkException(where + ": undefined function " + sym.name() + " (not defined in any input and "
            + "not a Solana syscall)");
      }
      Bpf.setImm(placement.text, at, -1);
      syscallSites.add(new SyscallSite(at, sym.name()));
      return;
    }
    if (target.symbol().type() == Elf.STT_SECTION) {
      throw new LinkException(where + ": calls through a section symbol are not supported");
    }
    if (kindOf(target) != Placement.Kind.TEXT) {
      throw new LinkException(where + ": call target is not in .text");
    }
    final long delta = textOffsetOf(target) - (at + Bpf.INSN);
    if (delta % Bpf.INSN != 0) {
      throw new LinkException(where + ": call target is not instruction-aligned");
    }
    Bpf.setImm(placement.text, at, Math.toIntExact(delta / Bpf.INSN));
  }

  /** The VM address of a symbol: 0x1_0000_0000 + its file offset in the output. */
  private long address(final int o, final Symbol sym, final String where) throws LinkException {
    if (sym.section() == Elf.SHN_ABS) {
      return sym.value();
    }
    final Defined d = resolve(o, sym);
    if (d == null) {
      throw new LinkException(where + ": address of undefined symbol " + sym.name());
    }
    final Placement.Slot slot = placement.slot(d.object(), d.symbol().section());
    if (slot == null) {
      throw new LinkException(where + ": refers to a section that is not linked");
    }
    final long value = d.symbol().type() == Elf.STT_SECTION ? 0 : d.symbol().value();
    final long fileOffset = slot.kind() == Placement.Kind.TEXT
        ? SharedObjectWriter.TEXT_OFFSET + slot.offset() + value
        : SharedObjectWriter.rodataOffset(placement.text.length) + slot.offset() + value;
    return SharedObjectWriter.PROGRAM_START + fileOffset;
  }

  /** The definition a symbol refers to: itself when defined, else the global of that name, else null. */
  private Defined resolve(final int o, final Symbol sym) {
    if (sym.isDefined()) {
      return new Defined(o, sym);
    }
    return globals.get(sym.name());
  }

  private Placement.Kind kindOf(final Defined d) {
    final Placement.Slot slot = placement.slot(d.object(), d.symbol().section());
    return slot == null ? null : slot.kind();
  }

  private long textOffsetOf(final Defined d) {
    return placement.slot(d.object(), d.symbol().section()).offset() + d.symbol().value();
  }

  private static void requireText(final Placement.Slot slot, final String where) throws LinkException {
    if (slot.kind() != Placement.Kind.TEXT) {
      throw new LinkException(where + ": instruction relocation outside .text");
    }
  }

  private static void requireInstruction(final byte[] text, final long at, final int length, final int opcode,
      final String name, final String where) throws LinkException {
    if (at < 0 || at + length > text.length || at % Bpf.INSN != 0) {
      throw new LinkException(where + ": lies outside .text or between instructions");
    }
    if (Bpf.opcode(text, at) != opcode) {
      throw new LinkException(where + ": expected a " + name + " instruction, found opcode 0x"
          + Integer.toHexString(Bpf.opcode(text, at)));
    }
  }
}
