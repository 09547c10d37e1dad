package io.perpnet.sbf.elf;

/** The input is not an ELF object this linker can read; the message names the file and the problem. */
public final class ElfFormatException extends Exception {
  public ElfFormatException(final String message) {
    super(message);
  }
}
