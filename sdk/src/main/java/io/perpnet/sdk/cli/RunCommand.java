package io.perpnet.sdk.cli;

import io.perpnet.sdk.agents.ArbitrageMaker;
import io.perpnet.sdk.agents.MakerParams;
import io.perpnet.sdk.agents.ReferencePrice;
import io.perpnet.sdk.agents.SpreadMaker;
import io.perpnet.sdk.agents.TraderAgent;
import io.perpnet.sdk.agents.TraderParams;
import io.perpnet.sdk.client.ApiException;
import io.perpnet.sdk.client.NodeClient;
import io.perpnet.sdk.strategy.MakerRunner;
import io.perpnet.sdk.strategy.MakerStrategy;
import io.perpnet.sdk.strategy.TradingHub;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code perp agent run NAME --node URL --token FILE [options]}: runs until stopped (SIGTERM or
 * Ctrl-C) or for {@code --seconds}. Options not given keep the agent's defaults ({@code perp agent list}).
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run an example agent against a node.")
final class RunCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "conservative-maker, aggressive-maker, arbitrage-maker or trader")
  String name;

  @Option(names = "--node", required = true, description = "the node's API, e.g. http://127.0.0.1:7300")
  String node;

  @Option(names = "--token", required = true, description = "a token file of the node (trade or full scope)")
  Path token;

  @Option(names = "--markets", split = ",", description = "markets to trade or quote")
  List<String> markets;

  @Option(names = "--spread-bps", description = "a maker's full bid-ask width")
  Integer spreadBps;

  @Option(names = "--max-notional", description = "a maker's largest quote, USDC")
  BigDecimal maxNotional;

  @Option(names = "--max-leverage", description = "a maker's own leverage at most")
  Integer maxLeverage;

  @Option(names = "--notional", description = "a trader's USDC per trade")
  BigDecimal notional;

  @Option(names = "--leverage", description = "a trader's leverage")
  Integer leverage;

  @Option(names = "--interval-ms", description = "a trader's pace")
  Long intervalMs;

  @Option(names = "--hold-ms", description = "how long a trader holds a position")
  Long holdMs;

  @Option(names = "--stop-loss-bps", description = "a trader's stop-loss from entry (0: none)")
  Integer stopLossBps;

  @Option(names = "--take-profit-bps", description = "a trader's take-profit from entry (0: none)")
  Integer takeProfitBps;

  @Option(names = "--max-open", description = "a trader's open positions at most")
  Integer maxOpen;

  @Option(names = "--seed", description = "a trader's coin")
  Long seed;

  @Option(names = "--seconds", description = "stop after this long (default: run until stopped)")
  Long seconds;

  @CommandLine.Mixin
  HedgeOptions hedge = new HedgeOptions();

  @Override
  public Integer call() throws Exception {
    final ExampleAgent which = ExampleAgent.parse(name).orElse(null);
    if (which == null) {
      spec.commandLine().getErr().println("no agent '" + name + "'; perp agent list shows them");
      return 2;
    }
    final AutoCloseable running;
    try {
      running = start(which);
    } catch (ApiException | IOException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("cannot start " + name + " on " + node + ": " + e.getMessage());
      return 1;
    }
    spec.commandLine().getOut().println("AGENT " + name + " on " + node); // the line perp devnet waits for
    spec.commandLine().getOut().flush();
    final CountDownLatch stop = new CountDownLatch(1);
    final Thread hook = new Thread(() -> {
      stop.countDown();
      close(running);
    });
    Runtime.getRuntime().addShutdownHook(hook);
    if (seconds != null) {
      stop.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
      Runtime.getRuntime().removeShutdownHook(hook);
      close(running);
    } else {
      stop.await();
    }
    return 0;
  }

  private AutoCloseable start(final ExampleAgent which) throws IOException, ApiException {
    return switch (which) {
      case CONSERVATIVE_MAKER -> maker(new SpreadMaker(maker(MakerParams.conservative()), ReferencePrice.ORACLE));
      case AGGRESSIVE_MAKER -> maker(new SpreadMaker(maker(MakerParams.aggressive()), ReferencePrice.ORACLE));
      case ARBITRAGE_MAKER -> {
        final var venue = hedge.venue();
        yield maker(new ArbitrageMaker(maker(ArbitrageMaker.defaults()), hedge.reference(), venue, 50));
      }
      case TRADER -> new TraderAgent(TradingHub.of(NodeClient.connect(node, token)), trader()).start();
    };
  }

  private AutoCloseable maker(final MakerStrategy s) throws IOException, ApiException {
    return MakerRunner.run(s, node, token);
  }

  private MakerParams maker(final MakerParams d) {
    MakerParams p = d;
    if (spreadBps != null) {
      p = p.withSpreadBps(spreadBps);
    }
    if (maxNotional != null) {
      p = p.withMaxNotional(maxNotional);
    }
    if (maxLeverage != null) {
      p = p.withMaxLeverage(maxLeverage);
    }
    if (markets != null) {
      p = p.withMarkets(Set.copyOf(markets));
    }
    return p;
  }

  private TraderParams trader() {
    final TraderParams d = TraderParams.defaults();
    return d.with(markets != null ? markets : d.markets(), notional != null ? notional : d.notional(),
        leverage != null ? leverage : d.leverage(), intervalMs != null ? intervalMs : d.intervalMs(),
        holdMs != null ? holdMs : d.holdMs(), stopLossBps != null ? stopLossBps : d.stopLossBps(),
        takeProfitBps != null ? takeProfitBps : d.takeProfitBps(), maxOpen != null ? maxOpen : d.maxOpen(),
        seed != null ? seed : d.seed());
  }

  private static void close(final AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      System.err.println("stopping: " + e);
    }
  }
}
