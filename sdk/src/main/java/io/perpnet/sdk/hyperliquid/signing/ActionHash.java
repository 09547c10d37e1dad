package io.perpnet.sdk.hyperliquid.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import org.web3j.crypto.Hash;

/**
 * The hash an L1 action is signed over (the official SDK's {@code action_hash}):
 * {@code keccak256(msgpack(action) || nonce (8 bytes, big-endian) || vault flag (1 byte: 0 none,
 * 1 then the vault's 20-byte address) || [0x00 || expiresAfter (8 bytes)])}.
 */
public final class ActionHash {
  private ActionHash() {}

  /**
   * @param vault the vault or subaccount the action trades for, a 0x-prefixed 20-byte address
   * @param expiresAfter unix ms after which the exchange refuses the action
   */
  public static byte[] of(final JsonNode action, final Optional<String> vault, final long nonce,
      final OptionalLong expiresAfter) {
    final ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(Msgpack.pack(action));
    b.writeBytes(longBytes(nonce));
    if (vault.isEmpty()) {
      b.write(0);
    } else {
      b.write(1);
      b.writeBytes(address(vault.get()));
    }
    if (expiresAfter.isPresent()) {
      b.write(0);
      b.writeBytes(longBytes(expiresAfter.getAsLong()));
    }
    return Hash.sha3(b.toByteArray());
  }

  /** A 0x-prefixed (or bare) 40-hex-digit address as its 20 bytes. */
  public static byte[] address(final String address) {
    final String hex = address.startsWith("0x") || address.startsWith("0X") ? address.substring(2) : address;
    if (hex.length() != 40) {
      throw new IllegalArgumentException("an address is 20 bytes (40 hex digits), not '" + address + "'");
    }
    return HexFormat.of().parseHex(hex);
  }

  private static byte[] longBytes(final long v) {
    return java.nio.ByteBuffer.allocate(8).putLong(v).array();
  }
}
