package io.perpnet.escrow.rpc;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.consensus.identity.Base58;

/**
 * A filter of getProgramAccounts and programSubscribe, as the standard RPC defines them: the
 * account's data size, or bytes at an offset of its data.
 */
public sealed interface AccountFilter {
  /** Accounts whose data is exactly {@code size} bytes. */
  record DataSize(int size) implements AccountFilter {}

  /** Accounts whose data holds {@code bytes} at {@code offset}. */
  record Memcmp(int offset, byte[] bytes) implements AccountFilter {
    public Memcmp {
      bytes = bytes.clone();
    }
  }

  /** The filter as the JSON-RPC takes it ({@code {"dataSize": n}} or {@code {"memcmp": {...}}}). */
  default ObjectNode json() {
    final JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (this) {
      case DataSize d -> f.objectNode().put("dataSize", d.size());
      case Memcmp m -> {
        final ObjectNode o = f.objectNode();
        o.putObject("memcmp").put("offset", m.offset()).put("bytes", Base58.encode(m.bytes()));
        yield o;
      }
    };
  }
}
