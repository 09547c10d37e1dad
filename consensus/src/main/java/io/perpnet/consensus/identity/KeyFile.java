package io.perpnet.consensus.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * Key files in the Solana CLI format: a JSON array of the 64 secret-key bytes, the 32-byte
 * Ed25519 seed followed by the 32-byte public key. Files written by {@code solana-keygen} load
 * unchanged, and files written here load in the Solana CLI.
 */
public final class KeyFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KeyFile() {}

  /** Thrown when a key file cannot be read, with a message that names the file and the problem. */
  public static final class InvalidKeyFileException extends IOException {
    InvalidKeyFileException(final Path path, final String problem) {
      super("invalid key file " + path + ": " + problem);
    }
  }

  public static Ed25519KeyPair read(final Path path) throws IOException {
    final String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new java.nio.file.NoSuchFileException(path.toString(), null, "no such key file");
    }
    return parse(path, text);
  }

  static Ed25519KeyPair parse(final Path path, final String text) throws InvalidKeyFileException {
    final JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidKeyFileException(path, "not JSON (" + e.getOriginalMessage() + ")");
    }
    if (node == null || !node.isArray()) {
      throw new InvalidKeyFileException(path, "expected a JSON array of 64 numbers");
    }
    if (node.size() != 64) {
      throw new InvalidKeyFileException(path, "expected 64 bytes, found " + node.size());
    }
    final byte[] secret = new byte[64];
    for (int i = 0; i < 64; i++) {
      final JsonNode element = node.get(i);
      if (!element.isIntegralNumber() || element.asInt() < 0 || element.asInt() > 255) {
        throw new InvalidKeyFileException(path, "element " + i + " is not a byte (0..255): " + element);
      }
      secret[i] = (byte) element.asInt();
    }
    final Ed25519KeyPair keys = Ed25519KeyPair.fromSeed(Arrays.copyOf(secret, 32));
    final byte[] declaredPublic = Arrays.copyOfRange(secret, 32, 64);
    Arrays.fill(secret, (byte) 0);
    if (!Arrays.equals(declaredPublic, keys.publicKey().bytes())) {
      throw new InvalidKeyFileException(path, "the public half does not belong to the seed");
    }
    return keys;
  }

  /**
   * Writes a new key file, readable only by its owner where the file system allows.
   *
   * @throws FileAlreadyExistsException if {@code path} exists: a key file is never overwritten
   */
  public static void write(final Path path, final Ed25519KeyPair keys) throws IOException {
    final byte[] secret = keys.solanaSecretKey();
    final StringJoiner json = new StringJoiner(",", "[", "]");
    for (final byte b : secret) {
      json.add(Integer.toString(b & 0xFF));
    }
    Arrays.fill(secret, (byte) 0);
    final Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(path, json.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the platform's defaults apply
    }
  }
}
