package io.perpnet.p2p.attack;

import com.google.protobuf.ByteString;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.ping.Ping;
import io.perpnet.p2p.pubsub.GossipRouter;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlGraft;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlMessage;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlPrune;
import io.perpnet.p2p.pubsub.pb.RpcProtos.Message;
import io.perpnet.p2p.pubsub.pb.RpcProtos.RPC;
import io.perpnet.p2p.yamux.YamuxHeader;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The hostile peers of the attack suite, each as steps against an {@link UnderAttack} scene. The
 * regression tests run each for the length of a burst of honest traffic; the soak command runs
 * them in turn for as long as it is told.
 */
final class Attacks {
  private Attacks() {}

  static PeerId id(final RawPeer p) {
    return PeerId.of(p.identity.publicKey());
  }

  /** Our gossip stream to the node, subscribed to the topic and grafted into its mesh. */
  static byte[] joinMesh(final String topic) {
    final RPC rpc = RPC.newBuilder()
        .addSubscriptions(RPC.SubOpts.newBuilder().setSubscribe(true).setTopicid(topic))
        .setControl(ControlMessage.newBuilder().addGraft(ControlGraft.newBuilder().setTopicID(topic)))
        .build();
    return RawPeer.openStream(1, GossipRouter.MESHSUB_1_1, RawPeer.lengthPrefixed(rpc.toByteArray()));
  }

  static byte[] onGossipStream(final RPC rpc) {
    return RawPeer.data(1, 0, RawPeer.lengthPrefixed(rpc.toByteArray()));
  }

  /** Ping streams that send and never grant the node a byte of window for the echoes. */
  static UnderAttack.Attack pingEchoWithoutWindow(final RawPeer p) {
    for (int id = 1; id <= 7; id += 2) {
      p.offer(RawPeer.openStream(id, Ping.PROTOCOL, new byte[32]));
    }
    return () -> {
      if (p.backlog() < 256 * 1024) {
        for (int id = 1; id <= 7; id += 2) {
          p.offer(RawPeer.data(id, 0, new byte[64 * 1024]));
        }
      }
      return p.pump();
    };
  }

  /** Yamux pings as fast as the node takes them, never reading the answers. */
  static UnderAttack.Attack yamuxPingFlood(final RawPeer p) {
    final int[] value = new int[1];
    return () -> {
      if (p.backlog() < 64 * 1024) {
        for (int i = 0; i < 1000; i++) {
          p.offer(RawPeer.yamux(YamuxHeader.Type.PING, YamuxHeader.SYN, 0, value[0]++, null));
        }
      }
      return p.pump();
    };
  }

  /** In the mesh, with an unbounded window for gossip, and never reading a byte. */
  static UnderAttack.Attack hugeWindowNonReader(final RawPeer p, final String topic) {
    p.offer(joinMesh(topic));
    p.offer(RawPeer.answerNodeStreams(GossipRouter.MESHSUB_1_1, 1L << 34));
    return p::pump;
  }

  /** PRUNEs for topics the node never joined, each with an hour's backoff, all topics unique. */
  static UnderAttack.Attack pruneStorm(final RawPeer p, final String topic) {
    p.offer(joinMesh(topic));
    final int[] next = new int[1];
    return () -> {
      if (p.backlog() < 256 * 1024) {
        final ControlMessage.Builder c = ControlMessage.newBuilder();
        for (int i = 0; i < 500; i++) {
          c.addPrune(ControlPrune.newBuilder().setTopicID("never-joined-" + next[0]++).setBackoff(3600));
        }
        p.offer(onGossipStream(RPC.newBuilder().setControl(c).build()));
      }
      return p.pump() | p.drain();
    };
  }

  /** One valid message, replayed without end. */
  static UnderAttack.Attack duplicateReplay(final RawPeer p, final String topic, final byte[] data) {
    p.offer(joinMesh(topic));
    p.offer(RawPeer.answerNodeStreams(GossipRouter.MESHSUB_1_1, 1 << 20));
    final RPC rpc = RPC.newBuilder().addPublish(Message.newBuilder().setTopic(topic)
        .setData(ByteString.copyFrom(data))).build();
    return () -> {
      if (p.backlog() < 64 * 1024) {
        for (int i = 0; i < 50; i++) {
          p.offer(onGossipStream(rpc));
        }
      }
      return p.pump() & p.drain();
    };
  }

  /** TCP connections that never say a word, from one address. */
  static List<SocketChannel> halfOpen(final InetSocketAddress node, final String ip, final int n) throws Exception {
    final List<SocketChannel> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      final SocketChannel ch = SocketChannel.open();
      ch.bind(new InetSocketAddress(ip, 0));
      ch.connect(node);
      out.add(ch);
    }
    return out;
  }
}
