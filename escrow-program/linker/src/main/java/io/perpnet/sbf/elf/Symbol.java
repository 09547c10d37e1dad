package io.perpnet.sbf.elf;

/** A .symtab entry. */
public record Symbol(int index, String name, int bind, int type, int section, long value, long size) {
  public boolean isDefined() {
    return section != Elf.SHN_UNDEF;
  }

  public boolean isGlobal() {
    return bind == Elf.STB_GLOBAL || bind == Elf.STB_WEAK;
  }
}
