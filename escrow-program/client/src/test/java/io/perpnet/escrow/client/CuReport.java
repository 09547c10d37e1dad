package io.perpnet.escrow.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Adds measured compute units to escrow-program/target/cu-report.json (instruction name to units). */
final class CuReport {
  private static final Path FILE = Path.of("..", "target", "cu-report.json");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CuReport() {}

  static synchronized void record(final String instruction, final long units) throws IOException {
    final ObjectNode report = Files.exists(FILE) ? (ObjectNode) JSON.readTree(FILE.toFile()) : JSON.createObjectNode();
    report.put(instruction, units);
    Files.createDirectories(FILE.getParent());
    Files.writeString(FILE, JSON.writeValueAsString(report) + "\n");
  }
}
