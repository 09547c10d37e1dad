package io.perpnet.sbf.linker;

import static io.perpnet.sbf.elf.ObjectBuilder.code;
import static io.perpnet.sbf.elf.ObjectBuilder.insn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.sbf.elf.Elf;
import io.perpnet.sbf.elf.ElfFormatException;
import io.perpnet.sbf.elf.ElfReader;
import io.perpnet.sbf.elf.ObjectBuilder;
import io.perpnet.sbf.elf.RelocatableObject;
import io.perpnet.sbf.elf.SharedObjectView;
import io.perpnet.sbf.elf.SharedObjectWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The linker on hand-made objects: each supported relocation, each refusal. */
class LinkerTest {
  private static final byte[] EXIT = insn(0x95, 0, 0, 0, 0);
  private static final long TEXT = SharedObjectWriter.TEXT_OFFSET;

  private static RelocatableObject read(final ObjectBuilder b) throws ElfFormatException {
    return ElfReader.read("test.o", b.build());
  }

  private static SharedObjectView link(final ObjectBuilder... builders) throws Exception {
    final List<RelocatableObject> objects = new java.util.ArrayList<>();
    for (int i = 0; i < builders.length; i++) {
      objects.add(ElfReader.read("obj" + i + ".o", builders[i].build()));
    }
    final byte[] elf = Linker.link(objects).elf();
    final SharedObjectView view = new SharedObjectView(elf);
    assertEquals(Elf.ET_DYN, view.type());
    assertEquals(Elf.EM_BPF, view.machine());
    assertEquals(0, view.flags());
    return view;
  }

  private static String refusal(final ObjectBuilder... builders) {
    final LinkException e = assertThrows(LinkException.class, () -> link(builders));
    return e.getMessage();
  }

  @Test
  void anInternalCallBecomesAPcRelativeImmediate() throws Exception {
    final ObjectBuilder b = new ObjectBuilder();
    final int text = b.text(code(insn(0x85, 0, 1, 0, -1), EXIT, insn(0xb7, 0, 0, 0, 7), EXIT));
    b.function("entrypoint", text, 0).local("helper", Elf.STT_FUNC, text, 16)
        .relocation(text, 0, "helper", Elf.R_BPF_64_32);
    final SharedObjectView so = link(b);
    assertEquals(1, so.imm(TEXT)); // from instruction 0 to instruction 2: skip one
    assertEquals(TEXT, so.entry());
    assertNull(so.section(".rodata"));
  }

  @Test
  void anAddressLoadResolvesToTheVmAddressOfTheData() throws Exception {
    final ObjectBuilder b = new ObjectBuilder();
    final int text = b.text(code(insn(0x18, 1, 0, 0, 4), insn(0, 0, 0, 0, 0), EXIT));
    final int ro = b.rodata("abcdefgh".getBytes(StandardCharsets.US_ASCII));
    b.function("entrypoint", text, 0).sectionSymbol(".rodata", ro).relocation(text, 0, ".rodata", Elf.R_BPF_64_64);
    final SharedObjectView so = link(b);
    final long expected = SharedObjectWriter.PROGRAM_START + so.section(".rodata").offset() + 4;
    assertEquals((int) expected, so.imm(TEXT));
    assertEquals((int) (expected >>> 32), so.imm(TEXT + 8));
    assertEquals(so.section(".rodata").offset(), so.section(".rodata").addr());
    assertEquals("abcdefgh", new String(so.contents(".rodata"), StandardCharsets.US_ASCII));
  }

  @Test
  void aSyscallKeepsMinusOneAndGetsADynamicRelocation() throws Exception {
    final ObjectBuilder b = new ObjectBuilder();
    final int text = b.text(code(insn(0xb7, 2, 0, 0, 0), insn(0x85, 0, 1, 0, -1), EXIT));
    b.function("entrypoint", text, 0).undefined("sol_log_").relocation(text, 8, "sol_log_", Elf.R_BPF_64_32);
    final SharedObjectView so = link(b);
    assertEquals(-1, so.imm(TEXT + 8));
    final SharedObjectView.Header rel = so.section(".rel.dyn");
    assertEquals(16, rel.size());
    assertEquals(TEXT + 8, so.u64(rel.offset()));
    final long info = so.u64(rel.offset() + 8);
    assertEquals(Elf.R_BPF_64_32, (int) info);
    assertEquals("sol_log_", so.dynamicSymbolName((int) (info >>> 32)));
  }

  @Test
  void callxTakesItsRegisterFromTheImmediate() throws Exception {
    final ObjectBuilder b = new ObjectBuilder();
    // an lddw whose second slot looks like callx must not be touched
    final int text = b.text(code(insn(0x18, 3, 0, 0, 0), insn(0x8d, 5, 0, 0, 0), insn(0x8d, 2, 0, 0, 0), EXIT));
    b.function("entrypoint", text, 0);
    final SharedObjectView so = link(b);
    assertEquals(2, so.imm(TEXT + 16));
    assertEquals(0, so.regs(TEXT + 16) & 0x0F);
    assertEquals(5, so.regs(TEXT + 8) & 0x0F);
  }

  @Test
  void aPointerTableInReadOnlyDataPointsAtTheFunctions() throws Exception {
    final ObjectBuilder b = new ObjectBuilder();
    final int text = b.text(code(EXIT, insn(0xb7, 0, 0, 0, 1), EXIT));
    final byte[] table = new byte[16];
    table[8] = 8; // implicit addend: the second entry points 8 bytes into .text
    final int ro = b.rodata(table);
    b.function("entrypoint", text, 0).sectionSymbol(".text", text)
        .relocation(ro, 0, ".text", Elf.R_BPF_64_ABS64).relocation(ro, 8, ".text", Elf.R_BPF_64_ABS64);
    final SharedObjectView so = link(b);
    final long rodata = so.section(".rodata").offset();
    assertEquals(SharedObjectWriter.PROGRAM_START + TEXT, so.u64(rodata));
    assertEquals(SharedObjectWriter.PROGRAM_START + TEXT + 8, so.u64(rodata + 8));
  }

  @Test
  void objectsCallEachOtherAndLinkDeterministically() throws Exception {
    final ObjectBuilder a = new ObjectBuilder();
    final int ta = a.text(code(insn(0x85, 0, 1, 0, -1), EXIT));
    a.function("entrypoint", ta, 0).undefined("other").relocation(ta, 0, "other", Elf.R_BPF_64_32);
    final ObjectBuilder b = new ObjectBuilder();
    final int tb = b.text(code(insn(0xb7, 0, 0, 0, 3), EXIT));
    b.function("other", tb, 0);
    final SharedObjectView so = link(a, b);
    assertEquals(1, so.imm(TEXT)); // b's text follows a's 16 bytes
    final List<RelocatableObject> objs = List.of(ElfReader.read("a.o", a.build()), ElfReader.read("b.o", b.build()));
    assertArrayEquals(Linker.link(objs).elf(), Linker.link(objs).elf());
  }

  @Test
  void writableDataIsRefused() {
    final ObjectBuilder data = new ObjectBuilder();
    data.function("entrypoint", data.text(EXIT), 0);
    data.section(".data", Elf.SHT_PROGBITS, Elf.SHF_ALLOC | Elf.SHF_WRITE, new byte[8], 8);
    final String m = refusal(data);
    assertTrue(m.contains("writable data is not supported") && m.contains(".data"), m);

    final ObjectBuilder bss = new ObjectBuilder();
    bss.function("entrypoint", bss.text(EXIT), 0);
    bss.bss(8);
    assertTrue(refusal(bss).contains("section .bss (8 bytes)"));
  }

  @Test
  void unsupportedRelocationsAreRefused() {
    final ObjectBuilder b = new ObjectBuilder();
    final int text = b.text(code(insn(0xb7, 0, 0, 0, 0), EXIT));
    b.function("entrypoint", text, 0).relocation(text, 0, "entrypoint", Elf.R_BPF_64_ABS32);
    final String m = refusal(b);
    assertTrue(m.contains("R_BPF_64_ABS32") && m.contains("unsupported relocation"), m);
  }

  @Test
  void aRelocationOnTheWrongInstructionIsRefused() {
    final ObjectBuilder b = new ObjectBuilder();
    final int text = b.text(code(insn(0xb7, 0, 0, 0, 0), insn(0xb7, 0, 0, 0, 0), EXIT));
    b.function("entrypoint", text, 0).relocation(text, 0, "entrypoint", Elf.R_BPF_64_64);
    assertTrue(refusal(b).contains("expected a lddw instruction, found opcode 0xb7"));
  }

  @Test
  void anUndefinedFunctionThatIsNotASyscallIsRefused() {
    final ObjectBuilder b = new ObjectBuilder();
    final int text = b.text(code(insn(0x85, 0, 1, 0, -1), EXIT));
    b.function("entrypoint", text, 0).undefined("sol_logx_").relocation(text, 0, "sol_logx_", Elf.R_BPF_64_32);
    final String m = refusal(b);
    assertTrue(m.contains("undefined function sol_logx_") && m.contains("not a Solana syscall"), m);
  }

  @Test
  void theAddressOfASyscallIsRefused() {
    final ObjectBuilder b = new ObjectBuilder();
    final int text = b.text(code(insn(0x18, 1, 0, 0, 0), insn(0, 0, 0, 0, 0), EXIT));
    b.function("entrypoint", text, 0).undefined("sol_log_").relocation(text, 0, "sol_log_", Elf.R_BPF_64_64);
    assertTrue(refusal(b).contains("address of undefined symbol sol_log_"));
  }

  @Test
  void duplicateDefinitionsAreRefused() {
    final ObjectBuilder a = new ObjectBuilder();
    a.function("entrypoint", a.text(EXIT), 0);
    final ObjectBuilder b = new ObjectBuilder();
    b.function("entrypoint", b.text(EXIT), 0);
    assertTrue(refusal(a, b).contains("symbol entrypoint is defined in both obj0.o and obj1.o"));
  }

  @Test
  void aProgramNeedsAnEntrypoint() {
    final ObjectBuilder b = new ObjectBuilder();
    b.function("main", b.text(EXIT), 0);
    assertTrue(refusal(b).contains("no global function named 'entrypoint'"));
  }

  @Test
  void debugSectionsAndTheirRelocationsAreDropped() throws Exception {
    final ObjectBuilder b = new ObjectBuilder();
    final int text = b.text(EXIT);
    final int debug = b.section(".debug_info", Elf.SHT_PROGBITS, 0, new byte[16], 1);
    b.function("entrypoint", text, 0).relocation(debug, 0, "entrypoint", Elf.R_BPF_64_ABS32);
    final SharedObjectView so = link(b);
    assertNull(so.section(".debug_info"));
    assertNotNull(so.section(".text"));
  }

  @Test
  void inputsThatAreNotBpfRelocatableObjectsAreRefusedWithTheReason() {
    assertReadFails(new byte[10], "ELF header");
    assertReadFails(new byte[64], "bad magic");
    assertReadFails(new ObjectBuilder().machine(62).build(), "not a BPF object (e_machine 62)");
    assertReadFails(new ObjectBuilder().type(Elf.ET_DYN).build(), "not a relocatable object");
    final byte[] truncated = java.util.Arrays.copyOf(new ObjectBuilder().build(), 80);
    assertReadFails(truncated, "outside the 80-byte file");
  }

  private static void assertReadFails(final byte[] bytes, final String expected) {
    final ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfReader.read("bad.o", bytes));
    assertTrue(e.getMessage().startsWith("bad.o: ") && e.getMessage().contains(expected), e.getMessage());
  }
}
