package org.annlib.bench.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import org.annlib.Bits;
import org.annlib.SearchParams;
import org.annlib.datasets.Dataset;
import org.annlib.exact.FlatIndex;
import org.annlib.testkit.TestData;
import org.junit.jupiter.api.Test;

/** {@code --condition}: which ids a cell excludes, and the ground truth it is scored against. */
class ConditionTest {
  @Test
  void namesParseAndBadOnesSayWhatIsExpected() {
    assertEquals(Condition.ALL, Condition.parse("all"));
    assertEquals(new Condition("deleted-1", Condition.Kind.DELETED, 1), Condition.parse("deleted-1"));
    assertEquals(new Condition("filter-0.5", Condition.Kind.FILTER, 0.5), Condition.parse("filter-0.5"));
    assertEquals(new Condition("churn-30", Condition.Kind.CHURN, 30), Condition.parse("churn-30"));
    for (String bad : new String[] {"deleted", "filter-0", "filter-100", "deleted-x", "drop-5"}) {
      assertEquals("--condition '" + bad + "': expected all, deleted-P, filter-P or churn-P with P a percentage"
          + " strictly between 0 and 100 (deleted-1, filter-10, churn-30)", assertThrows(IllegalArgumentException.class,
              () -> Condition.parse(bad)).getMessage());
    }
    assertEquals("crinn+filter-10", Condition.parse("filter-10").label("crinn"));
    assertEquals("crinn", Condition.ALL.label("crinn"));
  }

  @Test
  void theExcludedIdsAreExactlyThePercentageAndTheSameEveryTime() {
    Condition c = Condition.parse("filter-10");
    BitSet a = c.excluded(60_000);
    assertEquals(6_000, a.cardinality());
    assertEquals(a, c.excluded(60_000));
    Bits f = c.filter(60_000);
    assertEquals(54_000, f.cardinality());
    for (int id = 0; id < 60_000; id++) {
      assertEquals(!a.get(id), f.get(id));
    }
    assertEquals(600, Condition.parse("deleted-1").excluded(60_000).cardinality());
    assertEquals(null, Condition.parse("deleted-1").filter(60_000), "deletes are not a filter");
  }

  /** The cell's ground truth is exact search over the ids the condition keeps. */
  @Test
  void groundTruthIsExactSearchOverTheKeptIds() {
    Dataset d = TestData.embedded();
    Condition c = Condition.parse("deleted-20");
    Dataset kept = c.groundTruth(d, 30, 10, 2);
    BitSet drop = c.excluded(d.train().size());
    FlatIndex exact = FlatIndex.builder(d.metric()).build(d.train());
    SearchParams p = SearchParams.builder().filter(id -> !drop.get((int) id)).build();
    assertEquals(30, kept.test().size());
    for (int q = 0; q < 30; q++) {
      assertArrayEquals(exact.search(d.test().vector(q), 10, p).ids(), java.util.Arrays.stream(kept.neighbors()[q]).asLongStream().toArray(), "query " + q);
    }
  }

  @Test
  void deletingIsRefusedForAnIndexThatCannotDelete() {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
    assertEquals(2, AnnCommand.run(new String[] {"bench", "--index", "flat", "--condition", "all,deleted-1"}, ps, ps));
    assertEquals("ann bench: --condition deleted-1: index flat cannot delete ids; hnsw and ivf can\n",
        sink.toString(StandardCharsets.UTF_8));
  }

  /**
   * Rows carry the condition in their label; filtered, deleting and churned hnsw cells return only
   * accepted ids at high recall (the churned cell against the full set's ground truth).
   */
  @Test
  void conditionsBecomeLabelledRows() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    assertEquals(0, AnnCommand.run(new String[] {"bench", "--index", "hnsw", "--build", "M=8,efConstruction=50",
        "--search", "ef=64", "--queries", "50", "--condition", "all,deleted-5,filter-30,churn-30"}, ps, ps));
    String text = out.toString(StandardCharsets.UTF_8);
    for (String label : new String[] {"default ", "default+deleted-5 ", "default+filter-30 ", "default+churn-30 "}) {
      String row = text.lines().filter(l -> l.startsWith("hnsw ") && l.contains(" " + label)).findFirst()
          .orElseThrow(() -> new AssertionError(label + " missing in " + text));
      double recall = Double.parseDouble(row.trim().split("\\s+")[4]);
      assertTrue(recall >= 0.95, label + ": " + row);
    }
  }
}
