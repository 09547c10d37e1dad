package io.perpnet.devnet;

import io.perpnet.sdk.client.ApiException;
import io.perpnet.sdk.client.NodeClient;
import io.perpnet.sdk.model.IntentRequest;
import io.perpnet.sdk.model.PlacedIntent;
import io.perpnet.sdk.stream.Event;
import io.perpnet.sdk.stream.StreamState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** What an SDK event stream delivered, for a test to wait on a specific event or state. */
final class Events {
  private static final long WAIT_MS = 120_000;
  private final List<Event> events = new ArrayList<>();
  private final List<StreamState> states = new ArrayList<>();

  synchronized void add(final Event e) {
    events.add(e);
    notifyAll();
  }

  synchronized void state(final StreamState s, final String why) {
    states.add(s);
    notifyAll();
  }

  /** Waits until the stream's latest state is {@code name}. */
  synchronized void awaitState(final String name) throws InterruptedException {
    await(() -> !states.isEmpty() && states.getLast().name().equals(name), "the stream " + name + " (" + states + ")");
  }

  /**
   * Places the intent until it fills (at most five times: a node just started may publish before its
   * gossip mesh has formed, and then nobody quotes), then waits for its position's
   * {@code position.opened} on the stream; its match id.
   */
  String awaitOpened(final IntentRequest request, final NodeClient api) throws ApiException, InterruptedException {
    PlacedIntent i = null;
    for (int attempt = 0; attempt < 5 && (i == null || i.matched().isEmpty()); attempt++) {
      i = api.place(request);
      while (i.isOpen()) {
        i = api.awaitIntent(i.id(), 30_000);
      }
    }
    if (i.matched().isEmpty()) {
      throw new AssertionError("the intent did not fill in five attempts: " + i);
    }
    final String match = i.matched().getFirst().id();
    synchronized (this) {
      await(() -> events.stream().anyMatch(e -> e.kind().equals("position.opened") && match.equals(e.subjectId())),
          "position.opened " + match);
    }
    return match;
  }

  /** The sequence numbers delivered, once the stream has reached {@code upTo}, up to it. */
  synchronized List<Long> seqs(final long upTo) throws InterruptedException {
    await(() -> !events.isEmpty() && events.getLast().seq() >= upTo, "seq " + upTo);
    return events.stream().map(Event::seq).filter(s -> s <= upTo).toList();
  }

  private void await(final BooleanSupplier done, final String what) throws InterruptedException {
    final long deadline = System.currentTimeMillis() + WAIT_MS;
    while (!done.getAsBoolean()) {
      final long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new AssertionError("no " + what + " within " + WAIT_MS + " ms");
      }
      wait(left);
    }
  }
}
