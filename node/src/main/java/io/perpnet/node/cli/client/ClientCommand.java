package io.perpnet.node.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.node.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that makes one API call and prints its answer: a table or lines by default, the JSON
 * with {@code --json}; a refusal as {@code CODE: message} on standard error, exit 3.
 */
abstract class ClientCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions options;

  /** The call. */
  abstract JsonNode call(NodeApi api);

  /** The human form of the answer. */
  abstract void print(PrintWriter out, JsonNode answer);

  @Override
  public Integer call() {
    final PrintWriter out = spec.commandLine().getOut();
    try {
      final JsonNode answer = call(options.api());
      if (options.json) {
        out.println(answer.toString());
      } else {
        print(out, answer);
      }
      out.flush();
      return ExitCodes.OK;
    } catch (NodeApi.Refused e) {
      spec.commandLine().getErr().println(e.getMessage());
      return ExitCodes.REFUSED;
    }
  }
}
