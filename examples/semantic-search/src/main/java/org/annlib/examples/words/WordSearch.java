package org.annlib.examples.words;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.exact.FlatIndex;
import org.annlib.hnsw.HnswIndex;
import org.annlib.vector.VectorUtil;

/**
 * Semantic word search as an application would run it: words (String keys) mapped to our own
 * ids, an HNSW index over their GloVe vectors, queries served on one thread while another adds,
 * replaces and deletes words, then the index and the keys saved, loaded and memory-mapped again.
 * Every step is checked (recall against exact search, no deleted word returned after its delete,
 * the same answers after reload); a failed check exits with status 1.
 *
 * <p>Arguments: {@code [preset [ef]]}: an HNSW preset ({@code default}, {@code glass},
 * {@code crinn}) and the search beam width (64).
 */
public final class WordSearch {
  private static final int K = 10;
  /** Measured 0.995 to 1.000 with the default and crinn presets at ef 64 (see README). */
  private static final double MIN_RECALL = 0.98;
  private static SearchParams EF;
  private static int failures;

  public static void main(String[] args) throws Exception {
    String preset = args.length > 0 ? args[0] : "default";
    EF = SearchParams.builder().ef(args.length > 1 ? Integer.parseInt(args[1]) : 64).build();
    loadedAsExpected();
    Words all = Words.load();
    int initial = 4_000;
    Keys keys = new Keys();
    long[] ids = new long[initial];
    for (int i = 0; i < initial; i++) {
      ids[i] = keys.assign(all.words().get(i));
    }
    long start = System.nanoTime();
    HnswIndex index = HnswIndex.builder(Metric.COSINE).m(16).efConstruction(200).preset(preset)
        .build(all.vectors().subList(0, initial), ids);
    System.out.printf(Locale.ROOT, "built %s HNSW over %d words (%d-d) in %.2f s%n", preset, index.size(),
        index.dimension(), (System.nanoTime() - start) / 1e9);

    for (String w : List.of("king", "paris", "computer", "river", "happy")) {
      System.out.println(w + " -> " + String.join(", ", nearestWords(index, keys, all.vectors().get(
          all.words().indexOf(w)), w, 6)));
    }
    atLeast("recall@10 of the first build at ef " + EF.ef(), recall(index, keys, all, initial), MIN_RECALL);

    serveWhileUpdating(index, keys, all, initial);
    atLeast("recall@10 after adds, replacements and deletes", recall(index, keys, all, all.size()), MIN_RECALL);

    Path dir = Files.createTempDirectory("words");
    index.save(dir.resolve("words.hnsw"));
    keys.save(dir.resolve("keys.tsv"));
    Keys reloadedKeys = Keys.load(dir.resolve("keys.tsv"));
    try (HnswIndex loaded = HnswIndex.load(dir.resolve("words.hnsw"));
        HnswIndex mapped = HnswIndex.map(dir.resolve("words.hnsw"))) {
      int same = 0;
      for (int q = 0; q < 200; q++) {
        float[] v = all.vectors().get(q * 23 % all.size());
        SearchResult before = index.search(v, K, EF);
        same += sameAnswer(before, loaded.search(v, K, EF)) && sameAnswer(before, mapped.search(v, K, EF)) ? 1 : 0;
      }
      check("queries answered the same after load and map (of 200)", same, 200);
      check("words known again after reload", reloadedKeys.size(), keys.size());
      System.out.println("king after reload -> " + String.join(", ", nearestWords(mapped, reloadedKeys,
          all.vectors().get(all.words().indexOf("king")), "king", 6)));
    }
    if (failures > 0) {
      System.out.println(failures + " check(s) failed");
      System.exit(1);
    }
    System.out.println("all checks passed");
  }

  /**
   * One thread serves queries while this one adds the last 1,000 words, replaces 100 words'
   * vectors (upsert) and deletes 300; the server notes any result holding a word deleted before
   * its query began.
   */
  private static void serveWhileUpdating(HnswIndex index, Keys keys, Words all, int initial) throws Exception {
    Map<Long, Long> deletedAt = new ConcurrentHashMap<>();
    AtomicLong clock = new AtomicLong();
    AtomicLong served = new AtomicLong();
    AtomicLong stale = new AtomicLong();
    AtomicBoolean done = new AtomicBoolean();
    Thread server = new Thread(() -> {
      Random r = new Random(1);
      while (!done.get()) {
        long began = clock.get();
        SearchResult res = index.search(all.vectors().get(r.nextInt(initial)), K, EF);
        for (int i = 0; i < res.size(); i++) {
          Long at = deletedAt.get(res.id(i));
          if (at != null && at <= began) {
            stale.incrementAndGet();
          }
        }
        served.incrementAndGet();
      }
    }, "server");
    server.start();
    long t0 = System.nanoTime();
    for (int i = initial; i < all.size(); i++) {
      index.add(keys.assign(all.words().get(i)), all.vectors().get(i));
    }
    // "apple" the company: its vector moves halfway towards "computer"
    List<String> replaced = new ArrayList<>();
    for (int i = 200; i < 300; i++) {
      replaced.add(all.words().get(i));
    }
    replaced.set(0, "apple");
    for (String w : replaced) {
      float[] v = all.vectors().get(all.words().indexOf(w)).clone();
      float[] towards = all.vectors().get(all.words().indexOf("apple".equals(w) ? "computer" : "good"));
      for (int j = 0; j < v.length; j++) {
        v[j] = 0.5f * (v[j] + towards[j]);
      }
      index.upsert(keys.id(w), v);
    }
    List<String> deleted = new ArrayList<>();
    for (int i = 5; i < all.size(); i += 16) {
      String w = all.words().get(i);
      if (!replaced.contains(w) && deleted.size() < 300) {
        long id = keys.id(w);
        index.delete(id);
        deletedAt.put(id, clock.incrementAndGet());
        deleted.add(w);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Thread.sleep(200); // the server keeps querying the final state for a moment
    done.set(true);
    server.join();
    System.out.printf(Locale.ROOT, "updated while serving: %d added, %d replaced, %d deleted in %.2f s; "
        + "%d queries served meanwhile%n", all.size() - initial, replaced.size(), deleted.size(), seconds, served.get());
    check("results holding a word deleted before the query began", stale.get(), 0);
    for (String w : deleted) {
      if (index.contains(keys.id(w))) {
        check("deleted word still in the index: " + w, 1, 0);
      }
      keys.forget(w);
    }
    check("live words", index.liveCount(), keys.size());
    System.out.println("apple (replaced) -> " + String.join(", ",
        nearestWords(index, keys, index.vector(keys.id("apple")), "apple", 6)));
  }

  /**
   * The same ids in the same order and the same distances up to float rounding: the SIMD kernels
   * may sum lanes in another order once the JIT has recompiled them, which moves the last bit.
   */
  private static boolean sameAnswer(SearchResult a, SearchResult b) {
    if (!Arrays.equals(a.ids(), b.ids())) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (Math.abs(a.distance(i) - b.distance(i)) > 1e-6f) {
        return false;
      }
    }
    return true;
  }

  /** The words nearest to {@code v}, without {@code self}. */
  private static List<String> nearestWords(HnswIndex index, Keys keys, float[] v, String self, int n) {
    SearchResult r = index.search(v, n + 1, EF);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < r.size() && out.size() < n; i++) {
      String w = keys.word(r.id(i));
      if (!w.equals(self)) {
        out.add(w);
      }
    }
    return out;
  }

  /**
   * Mean recall@10 of 300 live words used as queries, against exact search over the live
   * words' stored vectors (taken back from the index by id).
   */
  private static double recall(HnswIndex index, Keys keys, Words all, int upTo) {
    List<float[]> live = new ArrayList<>();
    List<Long> liveIds = new ArrayList<>();
    for (int i = 0; i < upTo; i++) {
      Long id = keys.id(all.words().get(i));
      if (id != null && index.contains(id)) {
        live.add(index.vector(id));
        liveIds.add(id);
      }
    }
    FlatIndex exact = FlatIndex.builder(Metric.COSINE).build(live, liveIds.stream().mapToLong(Long::longValue).toArray());
    double sum = 0;
    int queries = 300;
    for (int q = 0; q < queries; q++) {
      float[] v = live.get(q * 13 % live.size());
      long[] truth = exact.search(v, K).ids();
      long[] got = index.search(v, K, EF).ids();
      int hits = 0;
      for (long t : truth) {
        for (long g : got) {
          hits += t == g ? 1 : 0;
        }
      }
      sum += hits / (double) K;
    }
    return sum / queries;
  }

  /**
   * Says where annlib was loaded from and, when the launch says which it means to test
   * ({@code -Dexample.path=module} or {@code class}), checks it: the module path must give the
   * named modules, and either way the Vector API kernels must be the ones in use, since the pom
   * starts the JVM with {@code --add-modules jdk.incubator.vector}.
   */
  private static void loadedAsExpected() {
    Module annlib = HnswIndex.class.getModule();
    String from = annlib.isNamed() ? "module path (" + annlib.getName() + ", " + SearchParams.class.getModule()
        .getName() + ")" : "class path";
    System.out.println("annlib from the " + from + ", kernels " + VectorUtil.provider());
    String expected = System.getProperty("example.path");
    if (expected != null) {
      check("annlib loaded from the " + expected + " path as named modules (1) or not (0)",
          annlib.isNamed() ? 1 : 0, expected.equals("module") ? 1 : 0);
      check("the Panama kernels in use (1)", VectorUtil.provider().equals("panama") ? 1 : 0, 1);
    }
  }

  private static void atLeast(String what, double measured, double required) {
    report(measured >= required, String.format(Locale.ROOT, "%s: %.4f (at least %.2f)", what, measured, required));
  }

  private static void check(String what, long measured, long expected) {
    report(measured == expected, what + ": " + measured + " (expected " + expected + ")");
  }

  private static void report(boolean ok, String line) {
    System.out.println((ok ? "ok   " : "FAIL ") + line);
    if (!ok) {
      failures++;
    }
  }
}
