package io.perpnet.sdk.cli;

import io.perpnet.sdk.agents.HedgeVenue;
import io.perpnet.sdk.agents.PaperVenue;
import io.perpnet.sdk.agents.ReferencePrice;
import io.perpnet.sdk.hyperliquid.exchange.ExchangeClient;
import io.perpnet.sdk.hyperliquid.http.HyperliquidHttp;
import io.perpnet.sdk.hyperliquid.info.InfoClient;
import io.perpnet.sdk.hyperliquid.signing.HyperliquidSigner;
import io.perpnet.sdk.hyperliquid.signing.Network;
import io.perpnet.sdk.hyperliquid.signing.NonceClock;
import io.perpnet.sdk.hyperliquid.venue.HyperliquidPrices;
import io.perpnet.sdk.hyperliquid.venue.HyperliquidVenue;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the arbitrage maker hedges and what price it quotes around ({@code perp agent run arbitrage-maker}). */
final class HedgeOptions {
  @Option(names = "--hedge", defaultValue = "paper",
      description = "paper (fills in memory at the reference price) or hyperliquid[:BASE_URL] (default: the network's)")
  String hedge;

  @Option(names = "--hl-key", description = "a file holding the Hyperliquid signer's private key (hex): the account's"
      + " own or an API wallet's")
  Path key;

  @Option(names = "--hl-account", description = "the master account an API wallet trades for (default: the key's)")
  String account;

  @Option(names = "--hl-network", defaultValue = "testnet", description = "testnet or mainnet")
  String network;

  @Option(names = "--hedge-slippage-bps", defaultValue = "50", description = "how far past the reference a hedge may"
      + " fill")
  int slippageBps;

  @Option(names = "--reference", defaultValue = "oracle", description = "oracle, hedge (the venue's mid) or"
      + " hedge-mark (its mark price)")
  String reference;

  private InfoClient info;

  HedgeVenue venue() throws IOException {
    if (hedge.equals("paper")) {
      return new PaperVenue();
    }
    if (!hedge.startsWith("hyperliquid")) {
      throw new IllegalArgumentException("--hedge is paper or hyperliquid[:BASE_URL], not '" + hedge + "'");
    }
    if (key == null) {
      throw new IllegalArgumentException("--hedge hyperliquid needs --hl-key FILE");
    }
    final Network n = Network.valueOf(network.toUpperCase(java.util.Locale.ROOT));
    final HyperliquidHttp http = new HyperliquidHttp(hedge.contains(":") && hedge.indexOf(':') < hedge.length() - 1
        ? URI.create(hedge.substring(hedge.indexOf(':') + 1)) : n.defaultBaseUrl());
    final HyperliquidSigner signer = HyperliquidSigner.fromPrivateKey(Files.readString(key).strip());
    info = new InfoClient(http);
    return new HyperliquidVenue(info, new ExchangeClient(http, signer, account == null ? signer.address() : account,
        Optional.empty(), n, NonceClock.system()), slippageBps);
  }

  /** After {@link #venue()}: the oracle's price, or the venue's mid. */
  ReferencePrice reference() {
    if (reference.equals("oracle")) {
      return ReferencePrice.ORACLE;
    }
    if (!reference.equals("hedge") && !reference.equals("hedge-mark")) {
      throw new IllegalArgumentException("--reference is oracle, hedge or hedge-mark, not '" + reference + "'");
    }
    if (info == null) {
      throw new IllegalArgumentException("--reference " + reference + " needs --hedge hyperliquid");
    }
    return new HyperliquidPrices(info, System::currentTimeMillis, 1_000, reference.equals("hedge-mark")
        ? HyperliquidPrices.Price.MARK : HyperliquidPrices.Price.MID);
  }
}
