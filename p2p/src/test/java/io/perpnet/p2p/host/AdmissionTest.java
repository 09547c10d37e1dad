package io.perpnet.p2p.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdmissionTest {
  private static final InetAddress A = address(1);
  private static final InetAddress B = address(2);

  private static InetAddress address(final int last) {
    try {
      return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static PeerId peer() {
    return PeerId.of(Ed25519KeyPair.generate().publicKey());
  }

  private static Admission.Ticket admitted(final Admission.Decision<Admission.Ticket> d) {
    assertTrue(d.isAdmitted(), d.refusal());
    return d.value();
  }

  @Test
  void oneIpGetsAtMostItsShareAndGetsItBackWhenItsConnectionsClose() {
    final Admission a = new Admission(Admission.Limits.defaults().withMaxPerIp(2));
    final Admission.Ticket first = admitted(a.open(true, A));
    admitted(a.open(true, A));
    final Admission.Decision<Admission.Ticket> third = a.open(true, A);
    assertFalse(third.isAdmitted());
    assertTrue(third.refusal().contains("10.0.0.1"), third.refusal());
    admitted(a.open(true, B)); // another address is unaffected
    a.release(first);
    a.release(first); // releasing twice gives back once
    admitted(a.open(true, A));
    assertFalse(a.open(true, A).isAdmitted());
  }

  @Test
  void halfOpenConnectionsAreCappedAndLoadIsReportedPastHalf() {
    final Admission a = new Admission(Admission.Limits.defaults().withMaxPending(4).withMaxPerIp(100));
    admitted(a.open(true, A));
    admitted(a.open(true, A));
    assertFalse(a.loaded());
    admitted(a.open(true, A));
    assertTrue(a.loaded());
    admitted(a.open(true, B));
    assertTrue(a.open(true, B).refusal().contains("handshakes pending"));
    admitted(a.open(false, B)); // our own dials do not wait behind a flood of half-open connections
  }

  @Test
  void inboundFloodsLeaveOutboundSlotsAndReservedSlotsForTrustedPeers() {
    final Admission a = new Admission(new Admission.Limits(4, 2, 64, 100, 2, 2));
    final Set<PeerId> trusted = new HashSet<>();
    a.trust(trusted::contains);
    for (int i = 0; i < 2; i++) {
      final Admission.Ticket t = admitted(a.open(true, A));
      admitted(a.establish(t, peer()));
    }
    // the next two inbound slots are reserved: a stranger is refused after its handshake
    final Admission.Ticket stranger = admitted(a.open(true, A));
    assertTrue(a.establish(stranger, peer()).refusal().contains("trusted"), "reserved for trusted peers");
    final PeerId friend = peer();
    trusted.add(friend);
    admitted(a.establish(admitted(a.open(true, A)), friend));
    // dialled peers have their own budget, untouched by the inbound flood
    admitted(a.establish(admitted(a.open(false, B)), peer()));
    assertEquals(new Admission.Counts(1, 3, 1, 1, 4), a.counts());
  }

  @Test
  void onePeerHoldsAtMostItsConnections() {
    final Admission a = new Admission(Admission.Limits.defaults());
    final PeerId p = peer();
    admitted(a.establish(admitted(a.open(true, A)), p));
    admitted(a.establish(admitted(a.open(false, A)), p));
    final Admission.Ticket third = admitted(a.open(true, B));
    assertTrue(a.establish(third, p).refusal().contains("connections to"));
    a.release(third);
    assertEquals(0, a.counts().pending());
  }
}
