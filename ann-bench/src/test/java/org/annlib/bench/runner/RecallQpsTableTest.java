package org.annlib.bench.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecallQpsTableTest {
  @TempDir Path dir;

  private static Map<String, Object> row(String index, double recall, double qps) {
    return Map.of("index", index, "variant", "default", "recall", recall, "qps", qps, "build_seconds", 2.0);
  }

  @Test
  void qpsAtARecallLevelInterpolatesOnTheFrontier() {
    List<double[]> pts = List.of(new double[] {0.90, 1000}, new double[] {0.98, 600}, new double[] {0.999, 100},
        new double[] {0.97, 500}); // dominated by (0.98, 600)
    assertEquals(2, RecallQpsTable.frontier(pts).size() - 1);
    assertEquals(800, RecallQpsTable.qpsAt(pts, 0.94), 1e-9);
    assertEquals(1000, RecallQpsTable.qpsAt(pts, 0.85), 1e-9, "a level below every point takes the fastest");
    assertTrue(Double.isNaN(RecallQpsTable.qpsAt(pts, 0.9995)), "unreached level");
  }

  @Test
  void theTableGivesRatiosOfTheFirstIndexToEachOther() {
    String t = RecallQpsTable.markdown(List.of(row("a", 0.95, 200), row("a", 0.99, 100), row("b", 0.95, 100),
        row("b", 0.99, 50)));
    assertTrue(t.contains("| a | 2.00 | 200 | 200 | 100 | — |"), t);
    assertTrue(t.contains("| a / b | 1.00x | 2.00x | 2.00x | 2.00x | — |"), t);
  }

  @Test
  void plotsAreWrittenBesideTheJsonLinesAsSvgAndPng() throws Exception {
    Path out = dir.resolve("run.jsonl");
    System.setProperty("java.awt.headless", "true");
    RecallQpsPlot.write(List.of(row("a", 0.95, 200), row("a", 0.99, 100), row("b", 0.96, 150)), "test", out);
    BufferedImage png = ImageIO.read(dir.resolve("run.png").toFile());
    assertEquals(960, png.getWidth());
    String svg = Files.readString(dir.resolve("run.svg"));
    assertTrue(svg.contains("<svg"), "an SVG document");
  }

  @Test
  void nativePeerRowsAreParsed() {
    Map<String, Object> r = NativePeers.parse("{\"index\": \"hnswlib\", \"variant\": \"0.6.2\", \"params\": {},"
        + " \"search_params\": {\"ef\": \"16\"}, \"recall\": 0.985, \"qps\": 12451.6, \"build_seconds\": 0.97}");
    assertEquals("hnswlib", r.get("index"));
    assertEquals("0.6.2", r.get("variant"));
    assertEquals(0.985, (Double) r.get("recall"), 0);
    assertEquals(12451.6, (Double) r.get("qps"), 0);
    assertEquals("ef=16", r.get("search"));
  }
}
