package io.perpnet.p2p.pubsub;

import io.perpnet.p2p.pubsub.pb.RpcProtos.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recent messages in heartbeat windows: IWANT is answered from all {@code length} windows, IHAVE
 * advertises the newest {@code gossip} windows. Also counts how often each peer asked for each id,
 * so one peer cannot make us resend a message endlessly.
 */
final class MessageCache {
  static final int MAX_TRANSMISSIONS = 3;

  private record Entry(Message message, String topic, Map<Object, Integer> requests) {}

  private final Map<MessageId, Entry> messages = new HashMap<>();
  private final Deque<List<MessageId>> windows = new ArrayDeque<>();
  private final int length;
  private final int gossip;

  MessageCache(final int length, final int gossip) {
    this.length = length;
    this.gossip = gossip;
    windows.addFirst(new ArrayList<>());
  }

  void put(final MessageId id, final Message message) {
    if (messages.putIfAbsent(id, new Entry(message, message.getTopic(), new HashMap<>())) == null) {
      windows.getFirst().add(id);
    }
  }

  /** The message for an IWANT from {@code peer}, or null if gone or asked for too often. */
  Message forRequest(final MessageId id, final Object peer) {
    final Entry e = messages.get(id);
    if (e == null) {
      return null;
    }
    final int n = e.requests().merge(peer, 1, Integer::sum);
    return n > MAX_TRANSMISSIONS ? null : e.message();
  }

  boolean contains(final MessageId id) {
    return messages.containsKey(id);
  }

  /** Ids of {@code topic} in the gossip windows. */
  List<MessageId> gossipIds(final String topic) {
    final List<MessageId> out = new ArrayList<>();
    int i = 0;
    for (final List<MessageId> w : windows) {
      if (i++ >= gossip) {
        break;
      }
      for (final MessageId id : w) {
        final Entry e = messages.get(id);
        if (e != null && e.topic().equals(topic)) {
          out.add(id);
        }
      }
    }
    return out;
  }

  void shift() {
    windows.addFirst(new ArrayList<>());
    while (windows.size() > length) {
      for (final MessageId id : windows.removeLast()) {
        messages.remove(id);
      }
    }
  }

  int size() {
    return messages.size();
  }
}
