package io.perpnet.node.api.mcp;

import io.perpnet.node.api.auth.Scope;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The MCP sessions of streamable HTTP: {@code initialize} opens one and the answer names it in
 * {@code Mcp-Session-Id}, which the client sends with every request after. A session holds its
 * guard rails (budget spent, proposals waiting) and belongs to the token scope that opened it: a
 * request with another token, an unknown id or one idle for {@link #IDLE_MS} does not find it
 * (404: the client initializes again). At most {@link #MAX_SESSIONS}; the least recently used goes.
 */
public final class McpSessions {
  public static final int MAX_SESSIONS = 256;
  public static final long IDLE_MS = 24 * 3_600_000L;

  /** One session: its guard rails and its stream of resource changes. */
  public record Session(String id, Scope scope, SessionGuard guard, ResourceStream stream) {}

  private record Entry(Session session, long lastUsedMs) {}

  private final LongSupplier clock;
  private final SecureRandom random = new SecureRandom();
  private final LinkedHashMap<String, Entry> sessions = new LinkedHashMap<>(16, 0.75f, true);

  public McpSessions(final LongSupplier clock) {
    this.clock = clock;
  }

  synchronized Session open(final Scope scope, final SessionGuard.Config config) {
    final byte[] id = new byte[16];
    random.nextBytes(id);
    final Session s = new Session(HexFormat.of().formatHex(id), scope, new SessionGuard(config),
        new ResourceStream());
    sessions.put(s.id(), new Entry(s, clock.getAsLong()));
    expire();
    return s;
  }

  /** The session of this id opened with this scope, if it is still open (and now used). */
  synchronized Optional<Session> find(final String id, final Scope scope) {
    expire();
    final Entry e = sessions.get(id);
    if (e == null || e.session().scope() != scope) {
      return Optional.empty();
    }
    sessions.put(id, new Entry(e.session(), clock.getAsLong()));
    return Optional.of(e.session());
  }

  /** Ends the session (the client's {@code DELETE}); false when there was none of this scope. */
  synchronized boolean close(final String id, final Scope scope) {
    final Entry e = sessions.get(id);
    if (e == null || e.session().scope() != scope) {
      return false;
    }
    sessions.remove(id);
    e.session().stream().close();
    return true;
  }

  /** Every open session (a copy). */
  synchronized java.util.List<Session> all() {
    return sessions.values().stream().map(Entry::session).toList();
  }

  synchronized int size() {
    return sessions.size();
  }

  private void expire() {
    final long now = clock.getAsLong();
    for (final Iterator<Map.Entry<String, Entry>> it = sessions.entrySet().iterator(); it.hasNext(); ) {
      final Entry e = it.next().getValue();
      if (sessions.size() > MAX_SESSIONS || now - e.lastUsedMs() >= IDLE_MS) {
        it.remove();
        e.session().stream().close();
      } else {
        break; // access order: the rest were used later
      }
    }
  }
}
