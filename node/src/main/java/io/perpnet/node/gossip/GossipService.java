package io.perpnet.node.gossip;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.MessageType;
import io.perpnet.consensus.message.Payload;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.validation.MessageValidator;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.node.service.Service;
import io.perpnet.p2p.P2pNetwork;
import io.perpnet.p2p.pubsub.GossipRouter;
import io.perpnet.p2p.pubsub.PubsubMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Part of the node's gossip: the topics of some kinds (the RFQ's intents, quotes and cancels; the
 * oracles' prices) of every market it follows, each
 * validated with the consensus rules on the network's validation threads before it is forwarded
 * or used, then handed to {@code sink} on the network thread in each sending peer's order (keep
 * the sink quick: it should queue). Publishes our own messages in an {@link Envelope} with our
 * listen addresses.
 */
public final class GossipService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(GossipService.class);

  /** A message that passed validation, as it arrived. */
  public record Received(Signed<Payload> message, Envelope envelope, PubsubMessage pubsub) {
    /** The message as its type, without decoding it again; the caller has checked the type. */
    @SuppressWarnings("unchecked")
    public <P extends Payload> Signed<P> as(final Class<P> type) {
      if (!type.isInstance(message.payload())) {
        throw new IllegalArgumentException("a " + message.payload().type() + ", not a " + type.getSimpleName());
      }
      return (Signed<P>) (Signed<?>) message;
    }
  }

  private final Supplier<P2pNetwork> network;
  private final Bytes32 program;
  private final Map<Integer, MarketParams> markets;
  private final MessageValidator rules;
  private final LongSupplier clock;
  private final Consumer<Received> sink;
  private final List<MessageType> kinds;
  private final GossipScreen screen;
  private final ValidationCounters counters = new ValidationCounters();
  private final List<String> topics = new ArrayList<>();

  public GossipService(final Supplier<P2pNetwork> network, final Bytes32 program, final Map<Integer, MarketParams> markets,
      final MessageValidator rules, final LongSupplier clock, final Consumer<Received> sink) {
    this(network, program, markets, Topics.RFQ, rules, GossipScreen.NONE, clock, sink);
  }

  /** For the topics of {@code kinds}, with {@code screen} after the consensus rules. */
  public GossipService(final Supplier<P2pNetwork> network, final Bytes32 program, final Map<Integer, MarketParams> markets,
      final List<MessageType> kinds, final MessageValidator rules, final GossipScreen screen, final LongSupplier clock,
      final Consumer<Received> sink) {
    this.kinds = List.copyOf(kinds);
    this.screen = screen;
    this.network = network;
    this.program = program;
    this.markets = Map.copyOf(markets);
    this.rules = rules;
    this.clock = clock;
    this.sink = sink;
  }

  @Override
  public String name() {
    return "gossip";
  }

  @Override
  public void start() {
    for (final int market : markets.keySet()) {
      for (final MessageType kind : kinds) {
        final String topic = Topics.topic(program, market, kind);
        network.get().subscribe(topic, new GossipValidator(kind, rules, screen, clock, counters), this::deliver);
        topics.add(topic);
      }
    }
    LOG.info("joined {} gossip topics for markets {}", topics.size(), markets.keySet());
  }

  private void deliver(final PubsubMessage m) {
    try {
      final Envelope envelope = Envelope.decode(m.data());
      sink.accept(new Received(Signed.decode(envelope.wire()), envelope, m));
    } catch (Envelope.MalformedEnvelope | RejectedException e) {
      // validation decoded the same bytes a moment ago; this cannot happen unless the rules changed
      LOG.warn("a validated message no longer decodes: {}", e.getMessage());
    }
  }

  /** Gossips one of our signed messages on its market's topic for its kind. */
  public CompletableFuture<GossipRouter.Published> publish(final Signed<? extends Payload> message) {
    final Payload p = message.payload();
    final byte[] data = new Envelope(message.toWire(), network.get().listenAddresses()).encode();
    return network.get().publish(Topics.topic(program, p.header().market(), p.type()), data);
  }

  public ValidationCounters counters() {
    return counters;
  }

  /**
   * Stops without leaving the topics: the network closes its connections right after, and leaving
   * would PRUNE every mesh peer with the 10 s unsubscribe backoff, so the same node restarted within
   * it would GRAFT into that backoff everywhere, be penalised for it (P7) past the graylist and be
   * refused for five minutes ({@code RestartRejoinTest}).
   */
  @Override
  public void stop() {
    topics.clear();
  }
}
