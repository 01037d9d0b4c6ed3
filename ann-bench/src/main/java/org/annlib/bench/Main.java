package org.annlib.bench;

import java.util.Arrays;
import org.annlib.bench.runner.AnnCommand;

/**
 * Entry point of the benchmark jar, started by {@code ./ann}: {@code jmh} hands the rest of the
 * arguments to JMH (which has its own options); everything else is {@link AnnCommand}. Exit status
 * 0 on success, 2 for a usage error, 1 for any other failure, each with a one-line reason on stderr.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    // An application, not library code: plots are drawn without a display.
    System.setProperty("java.awt.headless", "true");
    if (args.length > 0 && args[0].equals("jmh")) {
      org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    System.exit(AnnCommand.run(args, System.out, System.err));
  }
}
