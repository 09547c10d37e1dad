package io.perpnet.sdk.hyperliquid.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * An action as Hyperliquid hashes it: the msgpack of its JSON, maps in their keys' insertion order
 * (as Python's {@code msgpack.packb} packs a dict), integers in their smallest encoding, strings as
 * str. A floating-point number is refused: Hyperliquid's wire carries prices and sizes as decimal
 * strings, and a float would hash differently from the server's reading of it.
 */
public final class Msgpack {
  private Msgpack() {}

  public static byte[] pack(final JsonNode action) {
    try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
      write(p, action);
      return p.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(final MessageBufferPacker p, final JsonNode n) throws IOException {
    switch (n.getNodeType()) {
      case OBJECT -> {
        p.packMapHeader(n.size());
        for (final Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
          final Map.Entry<String, JsonNode> e = it.next();
          p.packString(e.getKey());
          write(p, e.getValue());
        }
      }
      case ARRAY -> {
        p.packArrayHeader(n.size());
        for (final JsonNode item : n) {
          write(p, item);
        }
      }
      case STRING -> p.packString(n.textValue());
      case BOOLEAN -> p.packBoolean(n.booleanValue());
      case NULL -> p.packNil();
      case NUMBER -> {
        if (!n.isIntegralNumber()) {
          throw new IllegalArgumentException("Hyperliquid actions carry no floating-point numbers: " + n);
        }
        p.packBigInteger(n.bigIntegerValue());
      }
      default -> throw new IllegalArgumentException("cannot pack a " + n.getNodeType() + " node");
    }
  }
}
