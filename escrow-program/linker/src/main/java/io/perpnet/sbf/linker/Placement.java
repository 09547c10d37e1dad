package io.perpnet.sbf.linker;

import io.perpnet.sbf.elf.Elf;
import io.perpnet.sbf.elf.RelocatableObject;
import io.perpnet.sbf.elf.Section;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each input section lands: the output .text concatenates every object's text sections,
 * the output .rodata every .rodata*, .data.rel.ro* section, in input order and aligned. Anything
 * else that would be loaded (writable data, unknown sections) is refused with a precise reason;
 * debug, BTF and other non-loaded sections are dropped.
 */
final class Placement {
  enum Kind { TEXT, RODATA }

  record Slot(Kind kind, long offset) {}

  private final Map<String, Slot> slots = new HashMap<>();
  final byte[] text;
  final byte[] rodata;

  Placement(final List<RelocatableObject> objects) throws LinkException {
    final ByteArrayOutputStream textOut = new ByteArrayOutputStream();
    final ByteArrayOutputStream rodataOut = new ByteArrayOutputStream();
    for (int o = 0; o < objects.size(); o++) {
      final RelocatableObject obj = objects.get(o);
      for (final Section s : obj.sections()) {
        final Kind kind = classify(obj, s);
        if (kind == null) {
          continue;
        }
        final ByteArrayOutputStream out = kind == Kind.TEXT ? textOut : rodataOut;
        if (kind == Kind.TEXT && s.size() % Bpf.INSN != 0) {
          throw new LinkException(obj.name() + ": " + s.name() + " is " + s.size() + " bytes, not whole instructions");
        }
        final long align = Math.max(kind == Kind.TEXT ? Bpf.INSN : 1, s.align());
        if (align > 4096 || Long.bitCount(align) != 1) {
          throw new LinkException(obj.name() + ": " + s.name() + " asks for alignment " + align);
        }
        while (out.size() % align != 0) {
          out.write(0);
        }
        slots.put(key(o, s.index()), new Slot(kind, out.size()));
        out.writeBytes(s.data());
      }
    }
    this.text = textOut.toByteArray();
    this.rodata = rodataOut.toByteArray();
  }

  /** Where section {@code section} of object {@code object} landed, or null when it was dropped. */
  Slot slot(final int object, final int section) {
    return slots.get(key(object, section));
  }

  private static String key(final int object, final int section) {
    return object + ":" + section;
  }

  /** TEXT, RODATA, or null for a section that is not loaded; refuses loaded sections it cannot place. */
  static Kind classify(final RelocatableObject obj, final Section s) throws LinkException {
    if (!s.isAlloc() || s.size() == 0 && s.type() != Elf.SHT_NOBITS) {
      return null;
    }
    final String name = s.name();
    if (s.isExecutable()) {
      if (name.equals(".text") || name.startsWith(".text.")) {
        return Kind.TEXT;
      }
      throw new LinkException(obj.name() + ": executable section " + name + " is not supported (only .text*)");
    }
    if (name.equals(".rodata") || name.startsWith(".rodata.") || name.equals(".data.rel.ro")
        || name.startsWith(".data.rel.ro.")) {
      return Kind.RODATA;
    }
    if (s.size() == 0) {
      return null;
    }
    if (s.isWritable() || s.type() == Elf.SHT_NOBITS) {
      throw new LinkException(obj.name() + ": writable data is not supported: section " + name + " (" + s.size()
          + " bytes); Solana programs cannot have mutable globals: make them const or keep state in accounts");
    }
    throw new LinkException(obj.name() + ": loaded section " + name + " is not supported");
  }
}
