package io.perpnet.sbf.elf;

import java.util.List;
import java.util.Map;

/**
 * A parsed ELF64 little-endian BPF relocatable object.
 *
 * @param name where it came from, for messages
 * @param sections every section by index (index 0 is the null section)
 * @param symbols the .symtab entries by index
 * @param relocations REL entries, keyed by the index of the section they patch
 */
public record RelocatableObject(
    String name, List<Section> sections, List<Symbol> symbols, Map<Integer, List<Relocation>> relocations) {}
