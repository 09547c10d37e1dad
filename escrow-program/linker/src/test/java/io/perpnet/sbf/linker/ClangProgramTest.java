package io.perpnet.sbf.linker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.sbf.elf.ElfReader;
import io.perpnet.sbf.elf.SharedObjectView;
import io.perpnet.sbf.elf.SharedObjectWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links what clang-19 really emits (the BPF target's relocations, .rel sections, symbol tables)
 * and reads the result back with llvm-readelf-19. .ci/run installs both.
 */
class ClangProgramTest {
  private static final List<String> CFLAGS = List.of("-target", "bpfel", "-mcpu=v2", "-O2", "-ffreestanding",
      "-fno-builtin", "-fno-stack-protector", "-mllvm", "-bpf-stack-size=4096", "-mllvm", "-replexitval=never");

  @Test
  void linksARealProgramWithEveryFeature(@TempDir final Path dir) throws Exception {
    final Path source = dir.resolve("features.c");
    Files.copy(ClangProgramTest.class.getResourceAsStream("/programs/features.c"), source);
    final Path object = dir.resolve("features.o");
    final List<String> compile = new java.util.ArrayList<>(List.of("clang-19"));
    compile.addAll(CFLAGS);
    compile.addAll(List.of("-g", "-c", source.toString(), "-o", object.toString())); // -g: debug and BTF must be dropped
    run(compile);

    final Linker.Result result = Linker.link(List.of(ElfReader.read("features.o", Files.readAllBytes(object))));
    assertEquals(List.of("sol_log_", "sol_log_64_"), result.syscalls());
    assertEquals(1, result.callxFixed());
    final SharedObjectView so = new SharedObjectView(result.elf());
    // the pointer table in .rodata holds two distinct, instruction-aligned addresses inside .text
    final long rodata = so.section(".rodata").offset();
    final long textStart = SharedObjectWriter.PROGRAM_START + so.section(".text").offset();
    final long textEnd = textStart + so.section(".text").size();
    final java.util.Set<Long> pointers = new java.util.HashSet<>();
    for (long at = 0; at + 8 <= so.section(".rodata").size(); at += 8) {
      final long value = so.u64(rodata + at);
      if (value >= textStart && value < textEnd && (value - textStart) % 8 == 0) {
        pointers.add(value);
      }
    }
    assertEquals(2, pointers.size(), "function pointers found in .rodata: " + pointers);
    assertTrue(new String(so.contents(".rodata"), StandardCharsets.US_ASCII).contains("features: start"));

    final Path so1 = dir.resolve("features.so");
    Files.write(so1, result.elf());
    // devnet's validator tests deploy this program through the upgradeable loader and run it
    final Path shared = Path.of("..", "target", "test-programs", "features.so");
    Files.createDirectories(shared.getParent());
    Files.write(shared, result.elf());
    final String readelf = run(List.of("llvm-readelf-19", "--sections", "--relocations", so1.toString()));
    assertTrue(readelf.contains("sol_log_") && readelf.contains("sol_log_64_"), readelf);
    assertTrue(!readelf.contains(".debug") && !readelf.contains(".BTF"), readelf);
  }

  @Test
  void theSameSourcesGiveTheSameBytes(@TempDir final Path dir) throws Exception {
    final Path source = dir.resolve("features.c");
    Files.copy(ClangProgramTest.class.getResourceAsStream("/programs/features.c"), source);
    final byte[][] builds = new byte[2][];
    for (int i = 0; i < 2; i++) {
      final Path object = dir.resolve("features" + i + ".o");
      final List<String> compile = new java.util.ArrayList<>(List.of("clang-19"));
      compile.addAll(CFLAGS);
      compile.addAll(List.of("-c", source.toString(), "-o", object.toString()));
      run(compile);
      builds[i] = Linker.link(List.of(ElfReader.read("features.o", Files.readAllBytes(object)))).elf();
    }
    org.junit.jupiter.api.Assertions.assertArrayEquals(builds[0], builds[1]);
  }

  private static String run(final List<String> command) throws IOException, InterruptedException {
    final Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException(command.getFirst() + " is needed (apt-get install -y clang-19 llvm-19)", e);
    }
    final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " timed out");
    assertEquals(0, p.exitValue(), command + " failed:\n" + out);
    return out;
  }
}
