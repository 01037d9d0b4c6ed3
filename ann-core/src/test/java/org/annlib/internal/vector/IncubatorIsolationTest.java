package org.annlib.internal.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * On JDK 25, {@code javac --release 25} accepts incubator imports without {@code --add-modules};
 * the build compiles with source/target instead, and this scan closes the hole for good: no class
 * outside the Panama package may mention {@code jdk/incubator/vector}.
 */
class IncubatorIsolationTest {
  private static final String PANAMA_DIR = "org/annlib/internal/vector/panama/";

  @Test
  void onlyThePanamaPackageReferencesTheIncubatorModule() throws IOException {
    Path classes = Path.of("target/classes");
    assertTrue(Files.isDirectory(classes), "run from the module directory after compile");
    List<Path> all;
    try (Stream<Path> s = Files.walk(classes)) {
      all = s.filter(p -> p.toString().endsWith(".class")).toList();
    }
    int panama = 0;
    for (Path p : all) {
      String rel = classes.relativize(p).toString().replace('\\', '/');
      boolean mentions = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains("jdk/incubator/vector");
      if (rel.startsWith(PANAMA_DIR)) {
        panama += mentions ? 1 : 0;
      } else {
        assertEquals(false, mentions, rel + " references jdk.incubator.vector outside " + PANAMA_DIR);
      }
    }
    assertTrue(panama > 0, "the scan must see the Panama classes, or it proves nothing");
  }
}
