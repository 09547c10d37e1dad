package io.perpnet.node.cli;

import picocli.CommandLine.Command;

/** {@code perp}: the command line of an agent's node. */
@Command(
    name = "perp",
    mixinStandardHelpOptions = true,
    version = "perp 0.1.0",
    description = "Agent perpetual-futures network: keys, peer-to-peer, escrow and node operations.",
    subcommands = {KeysCommand.class, P2pCommand.class, NodeCommand.class,
        io.perpnet.node.cli.client.TradeCommand.class, io.perpnet.node.cli.client.IntentsCommand.class,
        io.perpnet.node.cli.client.PositionsCommand.class, io.perpnet.node.cli.client.AccountCommands.Balance.class,
        io.perpnet.node.cli.client.AccountCommands.Risk.class, io.perpnet.node.cli.client.AccountCommands.KillSwitch.class,
        picocli.CommandLine.HelpCommand.class},
    exitCodeOnInvalidInput = ExitCodes.USER_ERROR,
    exitCodeOnExecutionException = ExitCodes.FAILURE)
public final class PerpCommand {}
