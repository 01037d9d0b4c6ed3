package org.annlib.bench.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
  void qpsAtARecallLevelIsTheFastestMeasuredSettingThatReachesIt() {
    List<double[]> pts = List.of(new double[] {0.90, 1000, 0}, new double[] {0.98, 600, 0},
        new double[] {0.999, 100, 0}, new double[] {0.97, 500, 0}); // dominated by (0.98, 600)
    assertEquals(3, RecallQpsTable.frontier(pts).size());
    assertEquals(600, RecallQpsTable.qpsAt(pts, 0.94), 0, "no interpolation between 0.90 and 0.98");
    assertEquals(600, RecallQpsTable.qpsAt(pts, 0.98), 0, "a setting exactly at the level reaches it");
    assertEquals(100, RecallQpsTable.qpsAt(pts, 0.981), 0);
    assertEquals(1000, RecallQpsTable.qpsAt(pts, 0.85), 0, "a level below every point takes the fastest");
    assertTrue(Double.isNaN(RecallQpsTable.qpsAt(pts, 0.9995)), "unreached level");
  }

  @Test
  void theTableGivesRatiosOfTheFirstIndexToEachOtherAndEachSettingsSpread() {
    Map<String, Object> spread = new java.util.HashMap<>(row("a", 0.99, 100));
    spread.put("qps_spread", 0.1);
    Map<String, Object> runs = new java.util.HashMap<>(row("b", 0.95, 100));
    runs.put("qps_runs", List.of(90.0, 100.0, 130.0));
    String t = RecallQpsTable.markdown(List.of(row("a", 0.95, 200), spread, runs, row("b", 0.99, 50)));
    assertTrue(t.contains("| a | 2.00 | 200 ±0% | 200 ±0% | 100 ±5% | — |"), t);
    assertTrue(t.contains("| b | 2.00 | 100 ±20% | 100 ±20% | 50 ±0% | — |"), t);
    assertTrue(t.contains("| a / b | 1.00x | 2.00x | 2.00x | 2.00x | — |"), t);
  }

  @Test
  void aBaselineIsNamedAsTheTableNamesItOrByIndexOrWithItsDefaultVariant() {
    List<String> names = List.of("hnsw", "hnsw/crinn", "lucene-hnsw/10.5.0", "lucene-hnsw/10.5.0-int7");
    assertEquals("hnsw", RecallQpsTable.resolve("hnsw/default", names));
    assertEquals("hnsw/crinn", RecallQpsTable.resolve("hnsw/crinn", names));
    assertEquals("lucene-hnsw/10.5.0", RecallQpsTable.resolve("lucene-hnsw", names));
    assertEquals("--baseline jvector is none of the run's hnsw, hnsw/crinn, lucene-hnsw/10.5.0, lucene-hnsw/10.5.0-int7",
        assertThrows(IllegalArgumentException.class, () -> RecallQpsTable.resolve("jvector", names)).getMessage());
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
