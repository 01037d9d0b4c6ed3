package org.annlib.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.annlib.bench.runner.AnnCommand;
import org.junit.jupiter.api.Test;

class MainTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    err.reset();
    PrintStream sink = new PrintStream(err, true, StandardCharsets.UTF_8);
    return AnnCommand.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), sink);
  }

  @Test
  void exitStatusesFollowTheContract() {
    assertEquals(2, run("nope"));
    assertEquals("ann: Unmatched argument at index 0: 'nope'", err.toString(StandardCharsets.UTF_8).lines().findFirst()
        .orElseThrow());
    assertEquals(2, run());
    assertEquals(2, run("bench", "--index", "nope"));
    assertEquals(2, run("bench", "--k", "x"));
    assertEquals(2, run("routing", "--sources", "log,web"));
    assertEquals("ann routing: unknown training-query source 'web'; known: log, base",
        err.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
    assertEquals(2, run("routing", "--nlist=0"));
    assertEquals(2, run("routing", "--data", "a.hdf5", "--dataset=b"));
    assertEquals("ann routing: --data and --dataset exclude each other",
        err.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
    assertEquals(1, run("bench", "--data", "/nonexistent/file.hdf5"));
    assertEquals("ann bench: no such file: /nonexistent/file.hdf5\n", err.toString(StandardCharsets.UTF_8));
    assertEquals(0, run("help"));
  }
}
