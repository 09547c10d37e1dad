package io.perpnet.sbf.elf;

/** A REL entry (BPF uses implicit addends stored at the patched location). */
public record Relocation(long offset, int symbol, int type) {}
