package io.perpnet.sbf.elf;

/** A section of a relocatable object, with its bytes (empty for NOBITS). */
public record Section(
    int index, String name, int type, long flags, long size, long align, int link, int info, long entsize, byte[] data) {

  public boolean isAlloc() {
    return (flags & Elf.SHF_ALLOC) != 0;
  }

  public boolean isWritable() {
    return (flags & Elf.SHF_WRITE) != 0;
  }

  public boolean isExecutable() {
    return (flags & Elf.SHF_EXECINSTR) != 0;
  }
}
