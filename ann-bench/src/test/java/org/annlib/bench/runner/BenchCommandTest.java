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

/** The runner's command-line contract, which outside acceptance checks rely on. */
class BenchCommandTest {
  @TempDir Path dir;

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = BenchCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
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
  void unknownNamesFailWithTheKnownOnes() {
    assertEquals("unknown index 'hnswx'; known: flat, hnsw, ivf, jvector, lucene-hnsw, hnswlib, faiss-hnsw, faiss-ivf,"
        + " hnswlib-cpp, faiss-hnsw-cpp, faiss-ivf-cpp",
        assertThrows(IllegalArgumentException.class, () -> run("--index", "hnswx")).getMessage());
    assertEquals("unknown variant 'fast' for index 'flat'; known: default",
        assertThrows(IllegalArgumentException.class, () -> run("--variant", "fast")).getMessage());
    assertEquals("unknown build parameter 'M' for index 'flat'; known: (none)",
        assertThrows(IllegalArgumentException.class, () -> run("--build", "M=16")).getMessage());
    assertEquals("unknown search parameter 'ef' for index 'flat'; known: (none)",
        assertThrows(IllegalArgumentException.class, () -> run("--search", "ef=10,20")).getMessage());
  }

  /** A misspelt baseline fails at once, not after the whole run has been measured. */
  @Test
  void anUnknownBaselineFailsBeforeAnythingIsBuilt() {
    assertEquals("--baseline hnsw/glass is none of the run's hnsw, hnsw/crinn, hnswlib-cpp/native",
        assertThrows(IllegalArgumentException.class, () -> run("--index", "hnsw,hnswlib-cpp", "--variant",
            "default,crinn", "--baseline", "hnsw/glass", "--data", "/nonexistent.hdf5")).getMessage());
  }

  @Test
  void theDemoPlanSweepsHnswAndCrinnAgainstExactSearchAndComparesWithIt() throws Exception {
    List<String> args = new java.util.ArrayList<>(BenchCommand.DEMO);
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
  void aKeyNoListedIndexTakesIsAnErrorButOneSomeTakeIsPassedToThoseOnly() {
    assertEquals("unknown search parameter 'nprobe' for index 'flat'; known: (none)",
        assertThrows(IllegalArgumentException.class, () -> run("--index", "flat,hnsw", "--search", "nprobe=2"))
            .getMessage());
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
    assertEquals("--save and --load take hnsw indexes only; flat is listed", assertThrows(
        IllegalArgumentException.class, () -> run("--index", "flat", "--save", saved.toString())).getMessage());
    assertEquals("--save and --load exclude each other", assertThrows(UsageException.class,
        () -> run("--save", "a", "--load", "b")).getMessage());
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

  @Test
  void malformedOptionsAreUsageErrors() {
    assertEquals("unknown option '--kk'; known: --data, --dataset, --index, --variant, --build, --search, --k,"
        + " --queries, --threads, --runs, --metric, --out, --baseline, --condition, --save, --load",
        assertThrows(UsageException.class, () -> run("--kk", "3")).getMessage());
    assertEquals("--k must be a positive integer, got '0'",
        assertThrows(UsageException.class, () -> run("--k", "0")).getMessage());
    assertEquals("--queries needs a value", assertThrows(UsageException.class, () -> run("--queries")).getMessage());
    assertEquals("--data and --dataset exclude each other",
        assertThrows(UsageException.class, () -> run("--data", "a.hdf5", "--dataset", "b")).getMessage());
    assertEquals("--build takes key=value pairs separated by commas, got 'M'",
        assertThrows(UsageException.class, () -> run("--build", "M")).getMessage());
  }

  @Test
  void searchSweepsAreTheProductOfTheirValues() throws UsageException {
    BenchOptions o = BenchOptions.parse(new String[] {"--search", "nprobe=1,2;rerank=5,6,7"});
    List<Map<String, String>> s = o.searchSettings();
    assertEquals(6, s.size());
    assertEquals(Map.of("nprobe", "1", "rerank", "5"), s.get(0));
    assertEquals(Map.of("nprobe", "2", "rerank", "7"), s.get(5));
    assertEquals(List.of(Map.of()), BenchOptions.parse(new String[0]).searchSettings());
  }

  @Test
  void kBeyondTheGroundTruthIsRefused() {
    assertEquals("fashion-mnist-784-euclidean-10k has ground truth for 100 neighbours; --k 101 needs more",
        assertThrows(IllegalArgumentException.class, () -> run("--k", "101")).getMessage());
  }
}
