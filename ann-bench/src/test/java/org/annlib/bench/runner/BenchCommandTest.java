package org.annlib.bench.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The runner's command-line contract, which outside acceptance checks rely on. */
class BenchCommandTest {
  @TempDir Path dir;

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] line = new String[args.length + 1];
    line[0] = "bench";
    System.arraycopy(args, 0, line, 1, args.length);
    int status = AnnCommand.run(line, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A refused command line: exit status 2, and the first stderr line after {@code ann bench: }. */
  private static String refused(String... args) throws Exception {
    Run r = run(args);
    assertEquals(2, r.status(), r.err());
    String first = r.err().lines().findFirst().orElseThrow();
    assertTrue(first.startsWith("ann bench: "), r.err());
    return first.substring("ann bench: ".length());
  }

  @Test
  void theDefaultRunIsTheFlatIndexOnTheEmbeddedDatasetWithPerfectRecall() throws Exception {
    Path jsonl = dir.resolve("runs/x.jsonl");
    Run r = run("--queries", "40", "--out", jsonl.toString(), "--runs", "3", "--threads", "2");
    assertEquals(0, r.status());
    assertTrue(r.out().startsWith("dataset fashion-mnist-784-euclidean-10k: 10,000 x 784, 40 queries, euclidean, k=10"),
        r.out());
    String row = r.out().lines().filter(l -> l.startsWith("flat ")).findFirst().orElseThrow();
    assertTrue(row.contains(" 1.0000 "), row);
    List<String> lines = Files.readAllLines(jsonl);
    assertEquals(1, lines.size());
    String json = lines.get(0);
    for (String field : List.of("\"index\":\"flat\"", "\"variant\":\"default\"", "\"params\":{}",
        "\"dataset\":\"fashion-mnist-784-euclidean-10k\"", "\"k\":10", "\"recall\":1", "\"qps\":",
        "\"build_seconds\":", "\"index_bytes\":", "\"qps_batch\":", "\"distance_computations\":10000")) {
      assertTrue(json.contains(field), field + " missing in " + json);
    }
    assertTrue(json.matches(".*\"qps_runs\":\\[[^,\\]]+,[^,\\]]+,[^,\\]]+\\].*"), "three timed runs: " + json);
  }

  @Test
  void unknownNamesFailWithTheKnownOnes() throws Exception {
    assertEquals("unknown index 'hnswx'; known: flat, hnsw, ivf, jvector, lucene-codec, lucene-hnsw, hnswlib, faiss-hnsw, faiss-ivf,"
        + " hnswlib-cpp, faiss-hnsw-cpp, faiss-ivf-cpp",
        refused("--index", "hnswx"));
    assertEquals("unknown variant 'fast' for index 'flat'; known: default",
        refused("--variant", "fast"));
    assertEquals("unknown build parameter 'M' for index 'flat'; known: (none)",
        refused("--build", "M=16"));
    assertEquals("unknown search parameter 'ef' for index 'flat'; known: (none)",
        refused("--search", "ef=10,20"));
  }

  /** A misspelt baseline fails at once, not after the whole run has been measured. */
  @Test
  void anUnknownBaselineFailsBeforeAnythingIsBuilt() throws Exception {
    assertEquals("--baseline hnsw/glass is none of the run's hnsw, hnsw/crinn, hnswlib-cpp/native",
        refused("--index", "hnsw,hnswlib-cpp", "--variant",
            "default,crinn", "--baseline", "hnsw/glass", "--data", "/nonexistent.hdf5"));
  }

  @Test
  void theDemoPlanSweepsHnswAndCrinnAgainstExactSearchAndComparesWithIt() throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of(BenchCommand.DEMO_ARGS.split(" ")));
    Path jsonl = dir.resolve("runs/demo.jsonl");
    args.addAll(List.of("--queries", "100", "--runs", "1", "--out", jsonl.toString()));
    Run r = run(args.toArray(new String[0]));
    assertEquals(0, r.status(), r.err());
    long flatRows = r.out().lines().filter(l -> l.startsWith("flat ")).count();
    assertEquals(1, flatRows, "exact search takes no ef: measured once\n" + r.out());
    assertEquals(7, r.out().lines().filter(l -> l.matches("hnsw +default .*")).count(), r.out());
    assertEquals(7, r.out().lines().filter(l -> l.matches("hnsw +crinn .*")).count(), r.out());
    assertTrue(r.out().contains("| hnsw / flat |"), r.out());
    assertTrue(r.out().contains("| hnsw/crinn / flat |"), r.out());
    assertTrue(Files.isRegularFile(dir.resolve("runs/demo.png")), "plot written beside the rows");
    assertEquals(15, Files.readAllLines(jsonl).size());
  }

  @Test
  void aKeyNoListedIndexTakesIsAnErrorButOneSomeTakeIsPassedToThoseOnly() throws Exception {
    assertEquals("unknown search parameter 'nprobe' for index 'flat'; known: (none)",
        refused("--index", "flat,hnsw", "--search", "nprobe=2"));
    List<Map<String, Object>> rows = List.of(Map.of("index", "flat", "variant", "default", "recall", 1.0, "qps", 9.0,
        "build_seconds", 0.0));
    assertEquals("--baseline ivf is none of the run's flat",
        assertThrows(IllegalArgumentException.class, () -> RecallQpsTable.markdown(rows, "ivf")).getMessage());
  }

  /** An index saved by one run is memory-mapped by the next and answers with the same recall. */
  @Test
  void aSavedIndexIsMappedAndSearchedByALaterRun() throws Exception {
    Path saved = dir.resolve("saved");
    String[] common = {"--index", "hnsw", "--variant", "default,crinn", "--build", "M=8,efConstruction=40", "--search",
        "ef=32", "--queries", "50"};
    Run first = run(concat(common, "--save", saved.toString()));
    assertTrue(Files.exists(saved.resolve("hnsw-default.hnsw")) && Files.exists(saved.resolve("hnsw-crinn.hnsw")));
    Run second = run(concat(common, "--load", saved.toString()));
    for (String variant : new String[] {"default ", "crinn "}) {
      assertEquals(recallOf(first.out(), variant), recallOf(second.out(), variant), variant);
    }
    assertEquals("--save and --load take hnsw indexes only; flat is listed", refused("--index", "flat", "--save", saved.toString()));
    assertEquals("--save and --load exclude each other", refused("--save", "a", "--load", "b"));
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String recallOf(String out, String variant) {
    return out.lines().filter(l -> l.startsWith("hnsw ") && l.contains(" " + variant)).findFirst().orElseThrow()
        .trim().split("\\s+")[4];
  }

  /** One parser for every command: its messages, {@code --x=v} and {@code --x v} alike, and a pointer to the help. */
  @Test
  void malformedOptionsAreUsageErrors() throws Exception {
    Run unknown = run("--kk", "3");
    assertEquals(2, unknown.status());
    assertEquals(List.of("ann bench: Unknown options: '--kk', '3'", "see ./ann bench --help"),
        unknown.err().lines().toList());
    assertEquals("Invalid value for option '--k': '0' is not a positive whole number", refused("--k", "0"));
    assertEquals("Invalid value for option '--k': 'ten' is not a positive whole number", refused("--k=ten"));
    assertEquals("Missing required parameter for option '--queries' (N)", refused("--queries"));
    assertEquals("--data and --dataset exclude each other", refused("--data=a.hdf5", "--dataset", "b"));
    assertEquals("--build takes key=value pairs separated by commas, got 'M'", refused("--build", "M"));
    assertEquals("--condition 'drop-5': expected all, deleted-P, filter-P or churn-P with P a percentage strictly"
        + " between 0 and 100 (deleted-1, filter-10, churn-30)", refused("--condition=all,drop-5"));
  }

  @Test
  void helpIsAvailableOnEveryCommandAndNamesEveryOption() throws Exception {
    Run bench = run("--help");
    assertEquals(0, bench.status(), bench.err());
    assertTrue(bench.out().startsWith("Usage: ann bench "), bench.out());
    for (String option : List.of("--data", "--dataset", "--index", "--variant", "--build", "--search", "--k",
        "--queries", "--threads", "--runs", "--metric", "--out", "--baseline", "--condition", "--save", "--load")) {
      assertTrue(bench.out().contains(option + "="), option + " missing in\n" + bench.out());
    }
    assertTrue(bench.out().replaceAll("\\s+", " ").contains(BenchCommand.DEMO_ARGS), bench.out());
    for (String[] line : List.of(new String[] {"--help"}, new String[] {"help", "routing"},
        new String[] {"routing", "-h"}, new String[] {"datasets", "get", "--help"})) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int status = AnnCommand.run(line, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
      assertEquals(0, status, String.join(" ", line));
      assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: ann"), out.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void searchSweepsAreTheProductOfTheirValues() {
    List<Map<String, String>> s = options("--search=nprobe=1,2;rerank=5,6,7").searchSettings();
    assertEquals(6, s.size());
    assertEquals(Map.of("nprobe", "1", "rerank", "5"), s.get(0));
    assertEquals(Map.of("nprobe", "2", "rerank", "7"), s.get(5));
    assertEquals(List.of(Map.of()), options().searchSettings());
    List<Map<String, String>> groups = options("--search", "ef=8,16", "--search", "recall=0.9").searchSettings();
    assertEquals(List.of(Map.of("ef", "8"), Map.of("ef", "16"), Map.of("recall", "0.9")), groups);
  }

  private static BenchOptions options(String... args) {
    BenchCommand command = new BenchCommand(System.out, System.err);
    new CommandLine(command).parseArgs(args);
    return command.options();
  }

  /**
   * A recall-target sweep calibrates each hnsw index on the test queries after the evaluated ones,
   * runs each target at the calibrated ef, and reports that ef and the share of queries below it.
   */
  @Test
  void recallTargetsAreCalibratedOnQueriesTheRunDoesNotEvaluate() throws Exception {
    Path jsonl = dir.resolve("targets.jsonl");
    Run r = run("--index", "hnsw", "--build", "M=8,efConstruction=40", "--search", "recall=0.9,0.99", "--queries",
        "300", "--calibration-queries", "400", "--out", jsonl.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith("dataset fashion-mnist-784-euclidean-10k: 10,000 x 784, 300 queries (shuffled, seed 1),"),
        r.out());
    assertTrue(r.err().contains("hnsw/default: calibrated on test queries 300-699 in "), r.err());
    assertTrue(r.err().contains("recall calibration on 400 queries, 10000 vectors:"), r.err());
    List<String> rows = Files.readAllLines(jsonl);
    assertEquals(2, rows.size());
    for (int i = 0; i < 2; i++) {
      String json = rows.get(i);
      double target = i == 0 ? 0.9 : 0.99;
      assertTrue(json.contains("\"search_params\":{\"recall\":\"" + target + "\"}"), json);
      for (String field : List.of("\"ef_for_target\":", "\"below_target\":", "\"below_target_less_0.1\":",
          "\"recall_p10\":")) {
        assertTrue(json.contains(field), field + " missing in " + json);
      }
      double recall = Double.parseDouble(json.replaceAll(".*\"recall\":([0-9.]+).*", "$1"));
      assertTrue(recall >= target, "held-out recall " + recall + " at target " + target);
    }
    assertTrue(r.out().lines().anyMatch(l -> l.matches("hnsw .*recall=0.99 ef \\d+ <t \\d+\\.\\d% .*")), r.out());
    assertEquals("--search recall=... calibrates hnsw on test queries the run does not evaluate:"
        + " fashion-mnist-784-euclidean-10k has 1000, --queries takes 950, which leaves 50 (at least 100 needed);"
        + " lower --queries", refused("--index", "hnsw", "--search", "recall=0.9", "--queries", "950"));
  }

  @Test
  void kBeyondTheGroundTruthIsRefused() throws Exception {
    assertEquals("fashion-mnist-784-euclidean-10k has ground truth for 100 neighbours; --k 101 needs more",
        refused("--k", "101"));
  }
}
