package io.perpnet.node.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.KeyFile;
import io.perpnet.consensus.identity.PeerId;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perp keys}: create and inspect agent key files (Solana CLI format). */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Create and inspect agent key files (Solana CLI format: JSON array of 64 bytes).",
    subcommands = {KeysCommand.New.class, KeysCommand.Show.class})
public final class KeysCommand {

  @Command(name = "new", mixinStandardHelpOptions = true,
      description = "Write a new Ed25519 key file; never overwrites an existing file.")
  static final class New implements Runnable {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the key file.")
    Path out;

    @Override
    public void run() {
      final Ed25519KeyPair keys = Ed25519KeyPair.generate();
      try {
        KeyFile.write(out, keys);
      } catch (FileAlreadyExistsException e) {
        throw new UserError(out + " already exists; refusing to overwrite a key file");
      } catch (IOException e) {
        throw new UserError("cannot write " + out + ": " + e.getMessage(), e);
      }
      spec.commandLine().getOut().println(identityJson(keys));
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Print the Solana address and libp2p peer id of a key file as JSON.")
  static final class Show implements Runnable {
    @Spec CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The key file to read.")
    Path key;

    @Override
    public void run() {
      final Ed25519KeyPair keys;
      try {
        keys = KeyFile.read(key);
      } catch (NoSuchFileException e) {
        throw new UserError("no such key file: " + key);
      } catch (IOException e) {
        throw new UserError(e.getMessage(), e);
      }
      spec.commandLine().getOut().println(identityJson(keys));
    }
  }

  static String identityJson(final Ed25519KeyPair keys) {
    final ObjectNode json = new ObjectMapper().createObjectNode();
    json.put("address", keys.publicKey().toAddress());
    json.put("peerId", PeerId.of(keys.publicKey()).toBase58());
    return json.toString();
  }
}
