package io.perpnet.sbf.linker;

import io.perpnet.sbf.elf.ElfFormatException;
import io.perpnet.sbf.elf.ElfReader;
import io.perpnet.sbf.elf.RelocatableObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code sbf-link IN.o... -o OUT.so}: links, writes OUT.so and prints its size and SHA-256 so a
 * deployed program can be checked against the source. Exit 0 on success, 2 on a link error.
 */
public final class Main {
  private Main() {}

  public static void main(final String[] args) throws IOException {
    final List<Path> inputs = new ArrayList<>();
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("-o") && i + 1 < args.length) {
        out = Path.of(args[++i]);
      } else {
        inputs.add(Path.of(args[i]));
      }
    }
    if (out == null || inputs.isEmpty()) {
      System.err.println("usage: sbf-link IN.o... -o OUT.so");
      System.exit(2);
    }
    try {
      final List<RelocatableObject> objects = new ArrayList<>();
      for (final Path p : inputs) {
        objects.add(ElfReader.read(p.toString(), Files.readAllBytes(p)));
      }
      final Linker.Result result = Linker.link(objects);
      if (out.toAbsolutePath().getParent() != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
      }
      Files.write(out, result.elf());
      System.out.printf("linked %s: %d bytes (.text %d, .rodata %d), syscalls %s%n", out, result.elf().length,
          result.textBytes(), result.rodataBytes(), result.syscalls());
      System.out.println("sha256 " + sha256(result.elf()) + "  " + out.getFileName());
    } catch (ElfFormatException | LinkException e) {
      System.err.println("sbf-link: " + e.getMessage());
      System.exit(2);
    }
  }

  static String sha256(final byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
