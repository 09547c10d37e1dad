package io.perpnet.node.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The node's state in RocksDB: one column family per {@link Column}, and an append-only event log
 * written in the same atomic batch as the state changes it records. RocksDB's lock file refuses a
 * second node on the same directory; a schema version newer than ours is refused.
 *
 * <p>{@link Durability#SYNCED} appends are on disk (the write-ahead log fsync'd) when
 * {@link #append} returns: reservations and nonces go that way before any signature that depends on
 * them leaves the node. Appends are serialised; reads may run concurrently with them.
 */
public final class Store implements AutoCloseable {
  /** The layout this code reads and writes; bump it with a migration when a column's encoding changes. */
  public static final int SCHEMA_VERSION = 1;
  static final byte[] SCHEMA_KEY = "schema-version".getBytes(StandardCharsets.US_ASCII);

  /** Whether an append waits for the disk. */
  public enum Durability { SYNCED, BUFFERED }

  static {
    RocksDB.loadLibrary();
  }

  private final Path dir;
  private final RocksDB db;
  private final DBOptions options;
  private final List<ColumnFamilyHandle> handles;
  private final Map<Column, ColumnFamilyHandle> columns = new EnumMap<>(Column.class);
  private final WriteOptions synced = new WriteOptions().setSync(true);
  private final WriteOptions buffered = new WriteOptions();
  private long nextSequence;
  private final java.util.List<java.util.function.Consumer<Event>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private Store(final Path dir, final RocksDB db, final DBOptions options, final List<ColumnFamilyHandle> handles) {
    this.dir = dir;
    this.db = db;
    this.options = options;
    this.handles = handles;
    for (int i = 0; i < Column.values().length; i++) {
      columns.put(Column.values()[i], handles.get(i + 1));
    }
  }

  /** Opens (creating if needed) the store in {@code dir}. */
  public static Store open(final Path dir) throws StoreException {
    final List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
    for (final Column c : Column.values()) {
      descriptors.add(new ColumnFamilyDescriptor(c.familyName()));
    }
    final DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
    final List<ColumnFamilyHandle> handles = new ArrayList<>();
    final RocksDB db;
    try {
      Files.createDirectories(dir);
      db = RocksDB.open(options, dir.toString(), descriptors, handles);
    } catch (RocksDBException e) {
      options.close();
      final String msg = String.valueOf(e.getMessage());
      if (msg.toLowerCase(java.util.Locale.ROOT).contains("lock")) {
        throw new StoreException("data directory " + dir + " is in use by another node (" + msg + ")", e);
      }
      throw new StoreException("cannot open the store in " + dir + ": " + msg, e);
    } catch (java.io.IOException e) {
      options.close();
      throw new StoreException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
    }
    final Store store = new Store(dir, db, options, handles);
    try {
      store.checkSchema();
      store.nextSequence = store.lastSequence() + 1;
      return store;
    } catch (StoreException e) {
      store.close();
      throw e;
    }
  }

  private void checkSchema() throws StoreException {
    final Optional<byte[]> stored = get(Column.META, SCHEMA_KEY);
    if (stored.isEmpty()) {
      try {
        db.put(columns.get(Column.META), synced, SCHEMA_KEY, ByteBuffer.allocate(4).putInt(SCHEMA_VERSION).array());
      } catch (RocksDBException e) {
        throw new StoreException("cannot write the schema version in " + dir + ": " + e.getMessage(), e);
      }
      return;
    }
    final int version = ByteBuffer.wrap(stored.get()).getInt();
    if (version > SCHEMA_VERSION) {
      throw new StoreException("data directory " + dir + " has schema version " + version
          + ", written by a newer node; this node reads up to version " + SCHEMA_VERSION + ": upgrade it");
    }
    if (version < SCHEMA_VERSION) {
      throw new StoreException("data directory " + dir + " has schema version " + version
          + " and this node has no migration from it to " + SCHEMA_VERSION);
    }
  }

  private long lastSequence() {
    try (RocksIterator it = db.newIterator(columns.get(Column.EVENTS))) {
      it.seekToLast();
      return it.isValid() ? ByteBuffer.wrap(it.key()).getLong() : 0;
    }
  }

  public Path directory() {
    return dir;
  }

  /** The sequence number the next event gets (the first is 1). */
  public synchronized long nextSequence() {
    return nextSequence;
  }

  /**
   * Appends an event and applies its changes, atomically: after a crash either both are on disk
   * or neither is.
   */
  public synchronized Event append(final String kind, final byte[] payload, final List<Event.Change> changes,
      final Durability durability) throws StoreException {
    final Event e = new Event(nextSequence, kind, payload, changes);
    try (WriteBatch batch = new WriteBatch()) {
      batch.put(columns.get(Column.EVENTS), sequenceKey(e.sequence()), e.encode());
      for (final Event.Change c : e.changes()) {
        if (c.isDelete()) {
          batch.delete(columns.get(c.column()), c.key());
        } else {
          batch.put(columns.get(c.column()), c.key(), c.value());
        }
      }
      db.write(durability == Durability.SYNCED ? synced : buffered, batch);
    } catch (RocksDBException ex) {
      throw new StoreException("cannot append event " + e.sequence() + " (" + kind + "): " + ex.getMessage(), ex);
    }
    nextSequence++;
    for (final java.util.function.Consumer<Event> l : listeners) {
      l.accept(e);
    }
    return e;
  }

  /** Told of each event once it is written, on the appending thread (keep it quick: metrics, say). */
  public void addListener(final java.util.function.Consumer<Event> listener) {
    listeners.add(listener);
  }

  /** As {@link #addListener}; returns the sequence number of the first event it will be told of. */
  synchronized long addListenerAtNext(final java.util.function.Consumer<Event> listener) {
    listeners.add(listener);
    return nextSequence;
  }

  public void removeListener(final java.util.function.Consumer<Event> listener) {
    listeners.remove(listener);
  }

  /**
   * Every event from {@code from} on, stored ones first, then each new one as it is written: in
   * order, none missed, none twice ({@link EventFeed}).
   */
  public EventFeed follow(final long from, final Consumer<Event> consumer) throws StoreException {
    return EventFeed.start(this, from, consumer);
  }

  public Optional<byte[]> get(final Column column, final byte[] key) throws StoreException {
    try {
      return Optional.ofNullable(db.get(columns.get(column), key));
    } catch (RocksDBException e) {
      throw new StoreException("cannot read " + column + ": " + e.getMessage(), e);
    }
  }

  /** Every entry of {@code column} in key order. */
  public void forEach(final Column column, final BiConsumer<byte[], byte[]> action) {
    try (RocksIterator it = db.newIterator(columns.get(column))) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        action.accept(it.key(), it.value());
      }
    }
  }

  /** Every entry of {@code column} whose key starts with {@code prefix}, in key order. */
  public void forEachWithPrefix(final Column column, final byte[] prefix, final BiConsumer<byte[], byte[]> action) {
    try (RocksIterator it = db.newIterator(columns.get(column))) {
      for (it.seek(prefix); it.isValid(); it.next()) {
        final byte[] k = it.key();
        if (k.length < prefix.length || !java.util.Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)) {
          return;
        }
        action.accept(k, it.value());
      }
    }
  }

  /** Every event from {@code from} on, in order. */
  public void forEachEvent(final long from, final Consumer<Event> action) throws StoreException {
    try (RocksIterator it = db.newIterator(columns.get(Column.EVENTS))) {
      for (it.seek(sequenceKey(from)); it.isValid(); it.next()) {
        action.accept(Event.decode(ByteBuffer.wrap(it.key()).getLong(), it.value()));
      }
    }
  }

  /** At most {@code limit} events from {@code from} on, in order. */
  public List<Event> events(final long from, final int limit) throws StoreException {
    final List<Event> out = new ArrayList<>();
    try (RocksIterator it = db.newIterator(columns.get(Column.EVENTS))) {
      for (it.seek(sequenceKey(from)); it.isValid() && out.size() < limit; it.next()) {
        out.add(Event.decode(ByteBuffer.wrap(it.key()).getLong(), it.value()));
      }
    }
    return out;
  }

  /** Writes {@code value} to a derived column without an event: for tests of replay only. */
  void putWithoutEvent(final Column column, final byte[] key, final byte[] value) throws RocksDBException {
    db.put(columns.get(column), key, value);
  }

  static byte[] sequenceKey(final long sequence) {
    return ByteBuffer.allocate(8).putLong(sequence).array();
  }

  @Override
  public synchronized void close() {
    for (final ColumnFamilyHandle h : handles) {
      h.close();
    }
    db.close();
    options.close();
    synced.close();
    buffered.close();
  }
}
