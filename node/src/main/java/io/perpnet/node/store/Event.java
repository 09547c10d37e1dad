package io.perpnet.node.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the event log: what happened ({@code kind}, e.g. {@code intent.published}, and its
 * {@code payload}, typically the signed wire bytes) and the state changes it made, written in the
 * same batch. Replaying the changes of every event in order rebuilds every derived column.
 *
 * <p>Encoding (big-endian):
 * <pre>
 *   u8   version (1)
 *   u16  kind length, kind (UTF-8)
 *   u32  payload length, payload
 *   u16  change count, then per change:
 *        u8   column number ({@link Column#number()}, a derived column)
 *        u16  key length, key
 *        u8   1 = put, 0 = delete
 *        u32  value length, value        (put only)
 * </pre>
 */
public record Event(long sequence, String kind, byte[] payload, List<Change> changes) {
  static final int VERSION = 1;

  /** A put ({@code value} present) or a delete ({@code value} null) on a derived column. */
  public record Change(Column column, byte[] key, byte[] value) {
    public Change {
      if (!column.derived()) {
        throw new IllegalArgumentException("events change derived columns only, not " + column);
      }
      key = key.clone();
      value = value == null ? null : value.clone();
    }

    public boolean isDelete() {
      return value == null;
    }

    @Override
    public boolean equals(final Object o) {
      return o instanceof Change c && c.column == column && Arrays.equals(c.key, key) && Arrays.equals(c.value, value);
    }

    @Override
    public int hashCode() {
      return Objects.hash(column, Arrays.hashCode(key), Arrays.hashCode(value));
    }
  }

  public Event {
    Objects.requireNonNull(kind);
    payload = payload.clone();
    changes = List.copyOf(changes);
  }

  byte[] encode() {
    final byte[] k = kind.getBytes(StandardCharsets.UTF_8);
    int size = 1 + 2 + k.length + 4 + payload.length + 2;
    for (final Change c : changes) {
      size += 1 + 2 + c.key().length + 1 + (c.isDelete() ? 0 : 4 + c.value().length);
    }
    final ByteBuffer b = ByteBuffer.allocate(size);
    b.put((byte) VERSION).putShort(u16(k.length, "kind")).put(k).putInt(payload.length).put(payload);
    b.putShort(u16(changes.size(), "change count"));
    for (final Change c : changes) {
      b.put((byte) c.column().number()).putShort(u16(c.key().length, "key")).put(c.key());
      if (c.isDelete()) {
        b.put((byte) 0);
      } else {
        b.put((byte) 1).putInt(c.value().length).put(c.value());
      }
    }
    return b.array();
  }

  static Event decode(final long sequence, final byte[] bytes) throws StoreException {
    try {
      final ByteBuffer b = ByteBuffer.wrap(bytes);
      final int version = b.get() & 0xff;
      if (version != VERSION) {
        throw new StoreException("event " + sequence + " has encoding version " + version + ", not " + VERSION);
      }
      final String kind = new String(take(b, b.getShort() & 0xffff), StandardCharsets.UTF_8);
      final byte[] payload = take(b, b.getInt());
      final int n = b.getShort() & 0xffff;
      final List<Change> changes = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        final Column column = Column.ofNumber(b.get() & 0xff);
        final byte[] key = take(b, b.getShort() & 0xffff);
        final boolean put = b.get() == 1;
        changes.add(new Change(column, key, put ? take(b, b.getInt()) : null));
      }
      if (b.hasRemaining()) {
        throw new StoreException("event " + sequence + " has " + b.remaining() + " bytes after its changes");
      }
      return new Event(sequence, kind, payload, changes);
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
      throw new StoreException("event " + sequence + " is truncated or malformed: " + e);
    }
  }

  private static byte[] take(final ByteBuffer b, final int n) {
    final byte[] out = new byte[n];
    b.get(out);
    return out;
  }

  private static short u16(final int n, final String what) {
    if (n > 0xffff) {
      throw new IllegalArgumentException(what + " of " + n + " does not fit the event encoding");
    }
    return (short) n;
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Event e && e.sequence == sequence && e.kind.equals(kind) && Arrays.equals(e.payload, payload)
        && e.changes.equals(changes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sequence, kind, Arrays.hashCode(payload), changes);
  }
}
