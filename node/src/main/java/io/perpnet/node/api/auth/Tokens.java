package io.perpnet.node.api.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The API's bearer tokens, one per {@link Scope}, in {@code <data-dir>/api/token-<scope>} (created
 * at first start, mode 0600, 32 random bytes as 64 hex characters). Compared in constant time.
 */
public final class Tokens {
  private final Map<Scope, byte[]> tokens = new EnumMap<>(Scope.class);
  private final Path dir;

  private Tokens(final Path dir) {
    this.dir = dir;
  }

  /** Reads the token files in {@code dir}, creating the missing ones. */
  public static Tokens loadOrCreate(final Path dir) throws IOException {
    final Tokens t = new Tokens(dir);
    Files.createDirectories(dir);
    for (final Scope s : Scope.values()) {
      final Path file = dir.resolve(s.fileName());
      if (!Files.exists(file)) {
        final byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(file, HexFormat.of().formatHex(random) + "\n");
        } catch (FileAlreadyExistsException e) {
          // another start made it meanwhile: read it
        }
      }
      final String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (token.length() < 32) {
        throw new IOException(file + " holds a token shorter than 32 characters");
      }
      t.tokens.put(s, token.getBytes(StandardCharsets.US_ASCII));
    }
    return t;
  }

  /** The scope of a presented token, if it is one of ours; every token is compared, in constant time. */
  public Optional<Scope> scopeOf(final String presented) {
    final byte[] p = presented.getBytes(StandardCharsets.US_ASCII);
    Scope found = null;
    for (final Map.Entry<Scope, byte[]> e : tokens.entrySet()) {
      if (MessageDigest.isEqual(e.getValue(), p)) {
        found = e.getKey();
      }
    }
    return Optional.ofNullable(found);
  }

  /** The file holding the token of {@code scope}. */
  public Path file(final Scope scope) {
    return dir.resolve(scope.fileName());
  }

  public String token(final Scope scope) {
    return new String(tokens.get(scope), StandardCharsets.US_ASCII);
  }
}
