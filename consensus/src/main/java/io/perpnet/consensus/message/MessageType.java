package io.perpnet.consensus.message;

import io.perpnet.consensus.codec.LeReader;
import io.perpnet.consensus.validation.RejectedException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The message types, each with its 8-byte domain tag, its payload length and its number of
 * signatures. The tag is the first 8 bytes of the signed bytes, so a signature over one type can
 * never be taken for another. Tags, lengths and order are part of the protocol (layout version 1).
 */
public enum MessageType {
  INTENT("PERPINTN", Intent.LENGTH, 1, Intent::decodeBody),
  QUOTE("PERPQUOT", Quote.LENGTH, 1, Quote::decodeBody),
  ACCEPT("PERPACPT", Accept.LENGTH, 1, Accept::decodeBody),
  MATCH_TERMS("PERPMTCH", MatchTerms.LENGTH, 2, MatchTerms::decodeBody),
  CANCEL("PERPCNCL", Cancel.LENGTH, 1, Cancel::decodeBody),
  CLOSE_TERMS("PERPCLOS", CloseTerms.LENGTH, 2, CloseTerms::decodeBody),
  PRICE_ATTESTATION("PERPPRIC", PriceAttestation.LENGTH, 1, PriceAttestation::decodeBody);

  public static final int DOMAIN_LENGTH = 8;

  /** Reads a body, given its already decoded header; the reader stands at the body's first byte. */
  @FunctionalInterface
  interface BodyDecoder {
    Payload decode(Header header, LeReader r) throws RejectedException;
  }

  private final byte[] domain;
  private final int length;
  private final int signatureCount;
  private final BodyDecoder decoder;

  MessageType(final String domain, final int length, final int signatureCount, final BodyDecoder decoder) {
    this.domain = domain.getBytes(StandardCharsets.US_ASCII);
    this.length = length;
    this.signatureCount = signatureCount;
    this.decoder = decoder;
    if (this.domain.length != DOMAIN_LENGTH) {
      throw new IllegalStateException("domain tags have 8 bytes");
    }
  }

  public byte[] domain() {
    return domain.clone();
  }

  public String domainText() {
    return new String(domain, StandardCharsets.US_ASCII);
  }

  /** Length of the signed payload in bytes. */
  public int length() {
    return length;
  }

  public int signatureCount() {
    return signatureCount;
  }

  /** Length on the wire: payload then 64 bytes per signature. */
  public int wireLength() {
    return length + 64 * signatureCount;
  }

  BodyDecoder decoder() {
    return decoder;
  }

  /** The type whose tag starts {@code bytes}, or null. */
  static MessageType byDomain(final byte[] bytes) {
    if (bytes.length < DOMAIN_LENGTH) {
      return null;
    }
    for (final MessageType t : values()) {
      if (Arrays.equals(bytes, 0, DOMAIN_LENGTH, t.domain, 0, DOMAIN_LENGTH)) {
        return t;
      }
    }
    return null;
  }
}
