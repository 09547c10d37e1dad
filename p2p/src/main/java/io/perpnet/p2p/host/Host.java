package io.perpnet.p2p.host;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.AttributeKey;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.multiaddr.Multiaddr;
import io.perpnet.p2p.multistream.MultistreamNegotiator;
import io.perpnet.p2p.yamux.YamuxSession;
import io.perpnet.p2p.yamux.YamuxStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A libp2p host on TCP: owns the identity, listens and dials, upgrades every connection (see
 * {@link ConnectionUpgrader}), keeps the {@link AddressBook}, and routes each new stream to the
 * {@link StreamHandler} registered for the protocol multistream-select agreed on.
 *
 * <p>Thread-safe: public methods may be called from any thread. Everything of one connection
 * (its streams included) runs on that connection's event loop.
 */
public final class Host implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Host.class);
  private static final AttributeKey<CompletableFuture<Connection>> DIAL =
      AttributeKey.valueOf("perpnet.dial");

  private final Ed25519KeyPair identity;
  private final PeerId peerId;
  private final HostConfig config;
  private final MultiThreadIoEventLoopGroup group;
  private final boolean epoll;
  private final Map<String, StreamHandler> handlers = new ConcurrentHashMap<>();
  private final Map<PeerId, List<Connection>> connections = new HashMap<>();
  private final List<PeerListener> listeners = new CopyOnWriteArrayList<>();
  private final List<Channel> servers = new CopyOnWriteArrayList<>();
  private final List<Multiaddr> listenAddresses = new CopyOnWriteArrayList<>();
  private final AddressBook addressBook = new AddressBook();
  private final ConnectionGater gater = new ConnectionGater(System::currentTimeMillis);
  private final Admission admission;
  private static final AttributeKey<Admission.Ticket> TICKET = AttributeKey.valueOf("perpnet.admission");

  public Host(final Ed25519KeyPair identity, final HostConfig config) {
    this.identity = identity;
    this.peerId = PeerId.of(identity.publicKey());
    this.config = config;
    this.admission = new Admission(config.admission());
    this.epoll = Epoll.isAvailable();
    final IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.group = new MultiThreadIoEventLoopGroup(config.ioThreads(), io);
  }

  public PeerId peerId() {
    return peerId;
  }

  public HostConfig config() {
    return config;
  }

  Ed25519KeyPair identity() {
    return identity;
  }

  public AddressBook addressBook() {
    return addressBook;
  }

  /** An event loop of this host, for components that want to run single-threaded beside it. */
  public EventLoop nextEventLoop() {
    return group.next();
  }

  /** Where we listen, each ending in {@code /p2p/<our id>}. */
  public List<Multiaddr> listenAddresses() {
    return listenAddresses.stream().map(a -> a.withPeerId(peerId)).toList();
  }

  /** The protocols we answer on inbound streams. */
  public Set<String> protocols() {
    return Set.copyOf(handlers.keySet());
  }

  public void handle(final String protocol, final StreamHandler handler) {
    handlers.put(protocol, handler);
  }

  public void addListener(final PeerListener listener) {
    listeners.add(listener);
  }

  /** Listens on a TCP multiaddr (port 0 picks a free port); completes with the bound address. */
  public CompletableFuture<Multiaddr> listen(final Multiaddr address) {
    return resolve(address).thenCompose(this::bind);
  }

  /** The socket address of a TCP multiaddr (DNS resolved), or the reason it has none. */
  private static CompletableFuture<InetSocketAddress> resolve(final Multiaddr address) {
    try {
      return CompletableFuture.completedFuture(TcpAddresses.resolve(address));
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletableFuture<Multiaddr> bind(final InetSocketAddress socket) {
    final CompletableFuture<Multiaddr> result = new CompletableFuture<>();
    final Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    new ServerBootstrap().group(group).channel(type)
        .option(ChannelOption.SO_BACKLOG, 128)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
        .childHandler(new io.netty.channel.ChannelInitializer<>() {
          @Override
          protected void initChannel(final Channel ch) {
            if (!admit(ch, true, ((InetSocketAddress) ch.remoteAddress()).getAddress())) {
              return;
            }
            ch.pipeline().addLast(new ConnectionUpgrader(Host.this, false));
          }
        })
        .bind(socket).addListener(f -> {
          if (!f.isSuccess()) {
            result.completeExceptionally(f.cause());
            return;
          }
          final Channel server = ((io.netty.channel.ChannelFuture) f).channel();
          servers.add(server);
          final Multiaddr bound = TcpAddresses.of((InetSocketAddress) server.localAddress());
          listenAddresses.add(bound);
          result.complete(bound.withPeerId(peerId));
        });
    return result;
  }

  /**
   * Dials {@code address}. With a {@code /p2p/<id>} suffix the remote must prove that identity in
   * the Noise handshake; without one any identity is accepted. Completes when the connection is
   * secured and multiplexed.
   */
  public CompletableFuture<Connection> dial(final Multiaddr address) {
    return resolve(address).thenCompose(socket -> connect(address, socket));
  }

  private CompletableFuture<Connection> connect(final Multiaddr address, final InetSocketAddress socket) {
    final CompletableFuture<Connection> result = new CompletableFuture<>();
    final Optional<PeerId> expected = address.peerId();
    if (expected.isPresent() && expected.get().equals(peerId)) {
      result.completeExceptionally(new IllegalArgumentException("refusing to dial ourselves: " + address));
      return result;
    }
    new Bootstrap().group(group).channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.handshakeTimeout().toMillis())
        .attr(ConnectionUpgrader.EXPECTED_PEER, expected.orElse(null))
        .attr(DIAL, result)
        .handler(new io.netty.channel.ChannelInitializer<>() {
          @Override
          protected void initChannel(final Channel ch) {
            if (!admit(ch, false, socket.getAddress())) {
              result.completeExceptionally(new java.io.IOException("not dialling " + address + ": "
                  + ch.attr(REFUSAL).get()));
              return;
            }
            ch.closeFuture().addListener(f -> result.completeExceptionally(
                new java.io.IOException("connection to " + address + " closed before it was ready")));
            ch.pipeline().addLast(new ConnectionUpgrader(Host.this, true));
          }
        })
        .connect(socket).addListener(f -> {
          if (!f.isSuccess()) {
            result.completeExceptionally(f.cause());
          }
        });
    expected.ifPresent(p -> result.thenRun(() -> addressBook.addAddresses(p, List.of(address))));
    return result;
  }

  /** An open connection to {@code peer}, or a new one dialled from the address book. */
  public CompletableFuture<Connection> connect(final PeerId peer) {
    final Optional<Connection> open = connection(peer);
    if (open.isPresent()) {
      return CompletableFuture.completedFuture(open.get());
    }
    final List<Multiaddr> addresses = addressBook.addresses(peer);
    if (addresses.isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalStateException("no address known for " + peer));
    }
    CompletableFuture<Connection> attempt = dial(addresses.get(0).withPeerId(peer));
    for (final Multiaddr next : addresses.subList(1, addresses.size())) {
      attempt = attempt.exceptionallyCompose(e -> dial(next.withPeerId(peer)));
    }
    return attempt;
  }

  public synchronized Optional<Connection> connection(final PeerId peer) {
    final List<Connection> list = connections.get(peer);
    return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.getLast());
  }

  public synchronized List<PeerId> connectedPeers() {
    return List.copyOf(connections.keySet());
  }

  /**
   * Opens a stream to {@code peer} (dialling it if needed), negotiates the first protocol of
   * {@code protocols} the peer accepts, and lets {@code handler} set the stream up.
   */
  public CompletableFuture<YamuxStream> newStream(
      final PeerId peer, final List<String> protocols, final StreamHandler handler) {
    return connect(peer).thenCompose(c -> newStream(c, protocols, handler));
  }

  /** Opens a stream on {@code connection}; see {@link #newStream(PeerId, List, StreamHandler)}. */
  public CompletableFuture<YamuxStream> newStream(
      final Connection connection, final List<String> protocols, final StreamHandler handler) {
    final CompletableFuture<YamuxStream> result = new CompletableFuture<>();
    connection.session().openStream(stream -> {
      final MultistreamNegotiator.Selected selected = new MultistreamNegotiator.Selected() {
        @Override
        public void selected(final ChannelHandlerContext ctx, final String protocol) {
          handler.init(stream, connection, protocol);
          result.complete(stream);
        }

        @Override
        public void failed(final ChannelHandlerContext ctx, final String reason) {
          result.completeExceptionally(new ProtocolNegotiationException(reason));
        }
      };
      stream.pipeline().addLast("select", MultistreamNegotiator.initiator(protocols, selected));
      negotiationDeadline(stream, result);
    }).addListener(f -> {
      if (!f.isSuccess()) {
        result.completeExceptionally(f.cause());
      }
    });
    return result;
  }

  private void negotiationDeadline(final YamuxStream stream, final CompletableFuture<?> done) {
    final var timer = stream.eventLoop().schedule(() -> {
      if (!done.isDone()) {
        done.completeExceptionally(new ProtocolNegotiationException("no protocol agreed within " + config.negotiationTimeout()));
        stream.reset();
      }
    }, config.negotiationTimeout().toMillis(), TimeUnit.MILLISECONDS);
    done.whenComplete((v, e) -> timer.cancel(false));
    stream.closeFuture().addListener(f -> done.completeExceptionally(new ProtocolNegotiationException("stream closed")));
  }

  /** Called by the session for each stream the peer opens. */
  void acceptStream(final YamuxStream stream, final Channel connectionChannel) {
    final Connection connection = connectionOf(connectionChannel);
    final CompletableFuture<String> negotiated = new CompletableFuture<>();
    stream.pipeline().addLast("select", MultistreamNegotiator.responder(() -> handlers.keySet(),
        (ctx, protocol) -> {
          negotiated.complete(protocol);
          final StreamHandler handler = handlers.get(protocol);
          if (connection == null || handler == null) {
            stream.reset();
          } else {
            handler.init(stream, connection, protocol);
          }
        }));
    negotiationDeadline(stream, negotiated);
  }

  private static final AttributeKey<Connection> CONNECTION = AttributeKey.valueOf("perpnet.connection");

  private static Connection connectionOf(final Channel ch) {
    return ch.attr(CONNECTION).get();
  }

  private static final AttributeKey<String> REFUSAL = AttributeKey.valueOf("perpnet.refusal");

  private io.netty.channel.WriteBufferWaterMark waterMark() {
    return new io.netty.channel.WriteBufferWaterMark(config.writeBufferHigh() / 2, config.writeBufferHigh());
  }

  private boolean admit(final Channel ch, final boolean inbound, final java.net.InetAddress ip) {
    final Admission.Decision<Admission.Ticket> d = admission.open(inbound, ip);
    if (!d.isAdmitted()) {
      LOG.debug("refusing {}: {}", ch, d.refusal());
      ch.attr(REFUSAL).set(d.refusal());
      ch.close();
      return false;
    }
    ch.attr(TICKET).set(d.value());
    ch.closeFuture().addListener(f -> admission.release(d.value()));
    return true;
  }

  /** After the handshake: null if the connection to {@code remote} may stay, else why not. */
  String establish(final Channel ch, final PeerId remote) {
    if (gater.refuses(remote)) {
      return remote + " is banned for now";
    }
    final Admission.Ticket ticket = ch.attr(TICKET).get();
    return ticket == null ? "not admitted" : admission.establish(ticket, remote).refusal();
  }

  /** Connection budgets by direction, IP and peer; {@link Admission#trust} fills the reserved slots. */
  public Admission admission() {
    return admission;
  }

  void connectionReady(final Channel ch, final PeerId remote, final YamuxSession session, final boolean outbound) {
    final Connection connection = new Connection(remote, TcpAddresses.of((InetSocketAddress) ch.remoteAddress()),
        outbound ? Connection.Direction.OUTBOUND : Connection.Direction.INBOUND, ch, session);
    ch.attr(CONNECTION).set(connection);
    final boolean first;
    synchronized (this) {
      final List<Connection> list = connections.computeIfAbsent(remote, p -> new ArrayList<>());
      first = list.isEmpty();
      list.add(connection);
    }
    ch.closeFuture().addListener(f -> connectionClosed(connection));
    final var keepAlive = ch.eventLoop().scheduleAtFixedRate(() -> session.ping(rtt -> {}),
        config.keepAliveInterval().toMillis(), config.keepAliveInterval().toMillis(), TimeUnit.MILLISECONDS);
    ch.closeFuture().addListener(f -> keepAlive.cancel(false));
    LOG.debug("connection ready: {}", connection);
    if (first) {
      for (final PeerListener l : listeners) {
        l.connected(remote, connection);
      }
    }
    final CompletableFuture<Connection> dial = ch.attr(DIAL).get();
    if (dial != null) {
      dial.complete(connection);
    }
  }

  private void connectionClosed(final Connection connection) {
    final boolean last;
    synchronized (this) {
      final List<Connection> list = connections.get(connection.remotePeer());
      if (list == null || !list.remove(connection)) {
        return;
      }
      last = list.isEmpty();
      if (last) {
        connections.remove(connection.remotePeer());
      }
    }
    LOG.debug("connection closed: {}", connection);
    if (last) {
      for (final PeerListener l : listeners) {
        l.disconnected(connection.remotePeer());
      }
    }
  }

  /** Records what Identify learnt about a peer and tells the listeners. */
  public void identified(final PeerRecord record) {
    addressBook.identified(record);
    for (final PeerListener l : listeners) {
      l.identified(record.peer(), record);
    }
  }

  /** The peers this host refuses at the handshake for now. */
  public ConnectionGater gater() {
    return gater;
  }

  void upgradeFailed(final Channel ch, final String reason) {
    LOG.debug("{}: upgrade failed: {}", ch, reason);
    final CompletableFuture<Connection> dial = ch.attr(DIAL).get();
    if (dial != null) {
      dial.completeExceptionally(new ProtocolNegotiationException(reason));
    }
  }

  @Override
  public void close() {
    for (final Channel s : servers) {
      s.close().syncUninterruptibly();
    }
    final List<Connection> all;
    synchronized (this) {
      all = connections.values().stream().flatMap(List::stream).toList();
    }
    for (final Connection c : all) {
      c.close();
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
