package io.perpnet.consensus.bench;

import static io.perpnet.consensus.testing.Fixtures.*;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.message.MessageType;
import io.perpnet.consensus.message.Messages;
import io.perpnet.consensus.message.Payload;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.consensus.validation.MessageValidator;
import io.perpnet.consensus.validation.NonceRegistry;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.consensus.validation.ValidationContext;
import io.perpnet.consensus.validation.Verdict;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sign, validate (decode + every check + signature verification), encode and decode of each
 * message type, against raw BouncyCastle Ed25519 over the same number of bytes.
 * Run: {@code ./mvnw -q -pl consensus -Pbench test-compile exec:exec}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MessageBenchmark {
  @Param({"INTENT", "QUOTE", "ACCEPT", "MATCH_TERMS", "CANCEL", "CLOSE_TERMS", "PRICE_ATTESTATION"})
  public String type;

  private Signed<? extends Payload> message;
  private byte[] wire;
  private byte[] bytes;
  private byte[] signature;
  private byte[] rawPublicKey;
  private byte[] seed;
  private Ed25519KeyPair signer;
  private MessageValidator validator;

  /** Replays are the one check a benchmark loop must not trip: this registry remembers nothing. */
  private static final class ForgetfulNonces implements NonceRegistry {
    @Override
    public boolean isUsed(final MessageType t, final Ed25519PublicKey s, final long n) {
      return false;
    }

    @Override
    public boolean markUsed(final MessageType t, final Ed25519PublicKey s, final long n, final long e) {
      return true;
    }
  }

  @Setup
  public void setUp() {
    final Fixtures.Flow f = flow();
    message = switch (MessageType.valueOf(type)) {
      case INTENT -> f.intent();
      case QUOTE -> f.quote();
      case ACCEPT -> f.accept();
      case MATCH_TERMS -> f.match();
      case CANCEL -> cancel(f.intent());
      case CLOSE_TERMS -> close(f.match());
      case PRICE_ATTESTATION -> attestation(0, PRICE, NOW);
    };
    wire = message.toWire();
    bytes = message.bytes();
    signature = message.signature(0);
    signer = switch (MessageType.valueOf(type)) {
      case QUOTE -> MAKER;
      case PRICE_ATTESTATION -> ORACLES[0];
      default -> TRADER;
    };
    rawPublicKey = signer.publicKey().bytes();
    seed = signer.seed();
    validator = new MessageValidator(new ValidationContext(PROGRAM, Map.of(BTC.id(), BTC),
        ValidationContext.DEFAULT_MAX_LIFETIME_MS, new ForgetfulNonces()));
  }

  /** Baseline: BouncyCastle verifying one signature over the payload's bytes, key decoded each time. */
  @Benchmark
  public boolean rawEd25519Verify() {
    return Ed25519.verify(signature, 0, rawPublicKey, 0, bytes, 0, bytes.length);
  }

  /** Baseline: BouncyCastle signing the payload's bytes. */
  @Benchmark
  public byte[] rawEd25519Sign() {
    final byte[] sig = new byte[64];
    Ed25519.sign(seed, 0, bytes, 0, bytes.length, sig, 0);
    return sig;
  }

  /** Decode from the wire, check everything, verify every signature (two for match and close terms). */
  @Benchmark
  public Verdict validate() {
    return validator.validate(wire, NOW);
  }

  /** Encode and sign with every signer. */
  @Benchmark
  public Object sign() {
    return switch (message.payload()) {
      case io.perpnet.consensus.message.MatchTerms m -> Signed.sign(m, TRADER, MAKER);
      case io.perpnet.consensus.message.CloseTerms c -> Signed.sign(c, TRADER, MAKER);
      default -> Signed.sign(message.payload(), signer);
    };
  }

  @Benchmark
  public byte[] encode() {
    return Messages.encode(message.payload());
  }

  @Benchmark
  public Object decode() throws RejectedException {
    return Signed.decode(wire);
  }
}
