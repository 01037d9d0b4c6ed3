package org.annlib.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void exitStatusesFollowTheContract() throws Exception {
    assertEquals(2, Main.run(new String[] {"nope"}));
    assertEquals(2, Main.run(new String[] {"bench", "--index", "nope"}));
    assertEquals(2, Main.run(new String[] {"bench", "--k", "x"}));
    assertEquals(1, Main.run(new String[] {"bench", "--data", "/nonexistent/file.hdf5"}));
    assertEquals(0, Main.run(new String[] {"help"}));
  }
}
