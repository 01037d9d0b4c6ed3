package org.annlib.bench.runner;

import picocli.CommandLine.Option;

/**
 * {@code -h}/{@code --help} on every command, mixed in rather than inherited: picocli's {@code help}
 * subcommand declares {@code -h} itself and an inherited one would clash with it.
 */
final class HelpOption {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;
}
