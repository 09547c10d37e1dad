package io.perpnet.sbf.elf;

/** ELF64 constants this linker reads and writes (System V gABI; BPF relocation types from LLVM). */
public final class Elf {
  public static final int EHDR_SIZE = 64;
  public static final int SHDR_SIZE = 64;
  public static final int SYM_SIZE = 24;
  public static final int REL_SIZE = 16;
  public static final int DYN_SIZE = 16;

  public static final int ELFCLASS64 = 2;
  public static final int ELFDATA2LSB = 1;
  public static final int EV_CURRENT = 1;
  public static final int ET_REL = 1;
  public static final int ET_DYN = 3;
  public static final int EM_BPF = 247;

  public static final int SHT_NULL = 0;
  public static final int SHT_PROGBITS = 1;
  public static final int SHT_SYMTAB = 2;
  public static final int SHT_STRTAB = 3;
  public static final int SHT_RELA = 4;
  public static final int SHT_DYNAMIC = 6;
  public static final int SHT_NOBITS = 8;
  public static final int SHT_REL = 9;
  public static final int SHT_DYNSYM = 11;

  public static final long SHF_WRITE = 0x1;
  public static final long SHF_ALLOC = 0x2;
  public static final long SHF_EXECINSTR = 0x4;

  public static final int SHN_UNDEF = 0;
  public static final int SHN_ABS = 0xfff1;
  public static final int SHN_COMMON = 0xfff2;

  public static final int STB_LOCAL = 0;
  public static final int STB_GLOBAL = 1;
  public static final int STB_WEAK = 2;
  public static final int STT_NOTYPE = 0;
  public static final int STT_OBJECT = 1;
  public static final int STT_FUNC = 2;
  public static final int STT_SECTION = 3;

  public static final long DT_NULL = 0;
  public static final long DT_STRTAB = 5;
  public static final long DT_SYMTAB = 6;
  public static final long DT_STRSZ = 10;
  public static final long DT_SYMENT = 11;
  public static final long DT_REL = 17;
  public static final long DT_RELSZ = 18;
  public static final long DT_RELENT = 19;

  public static final int R_BPF_NONE = 0;
  public static final int R_BPF_64_64 = 1;
  public static final int R_BPF_64_ABS64 = 2;
  public static final int R_BPF_64_ABS32 = 3;
  public static final int R_BPF_64_NODYLD32 = 4;
  public static final int R_BPF_64_32 = 10;

  private Elf() {}

  public static String relocationName(final int type) {
    return switch (type) {
      case R_BPF_NONE -> "R_BPF_NONE";
      case R_BPF_64_64 -> "R_BPF_64_64";
      case R_BPF_64_ABS64 -> "R_BPF_64_ABS64";
      case R_BPF_64_ABS32 -> "R_BPF_64_ABS32";
      case R_BPF_64_NODYLD32 -> "R_BPF_64_NODYLD32";
      case R_BPF_64_32 -> "R_BPF_64_32";
      default -> "relocation type " + type;
    };
  }
}
