package org.annlib.bench.peers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Stream;
import org.annlib.Index;
import org.annlib.IndexProvider;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.datasets.Dataset;
import org.annlib.exact.GroundTruth;
import org.annlib.exact.Neighbors;
import org.annlib.exact.Recall;
import org.annlib.testkit.TestData;
import org.annlib.vectors.FlatVectorValues;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JVM peers (every variant, full-precision and quantized) against exact ground truth on 5,000
 * embedded Fashion-MNIST vectors and 200 of its queries: the ids come back distinct, in range and
 * with recall@10 at ef 16 close to what was measured, so a broken adapter (wrong id mapping, a
 * wrong similarity, a re-rank that never runs) fails here and not in a published table. Margins:
 * measured at M=16, efConstruction=100 (on 2026-12-06 for lucene-codec), minus 0.02 (the builds are seeded; JVector's is two-thread).
 */
class PeerAdaptersTest {
  private static FlatVectorValues base;
  private static FlatVectorValues queries;
  private static Neighbors truth;

  @BeforeAll
  static void data() {
    Dataset d = TestData.embedded();
    base = TestData.head(d.train(), 5_000);
    queries = TestData.head(d.test(), 200);
    truth = GroundTruth.compute(base, queries, Metric.EUCLIDEAN, 10, 2, ProgressListener.NONE);
  }

  static Stream<Arguments> peers() {
    return Stream.of(
        Arguments.of("jvector", "4.0.0-rc.7", "", 0.97), // measured 0.9955
        Arguments.of("jvector", "4.0.0-rc.7-pq", "", 0.97), // 0.9970
        Arguments.of("lucene-hnsw", "10.5.1", "", 0.97), // 0.9910
        Arguments.of("lucene-hnsw", "10.5.1-int7", "", 0.97), // 0.9915
        Arguments.of("lucene-hnsw", "10.5.1-int4", "", 0.96), // 0.9885
        Arguments.of("lucene-codec", "lucene99", "", 0.97), // 0.9910
        Arguments.of("lucene-codec", "lucene104-int7", "", 0.97), // 0.9915
        Arguments.of("lucene-codec", "annlib", "", 0.97), // 0.9915
        Arguments.of("lucene-codec", "annlib-glass", "", 0.97), // 0.9915
        Arguments.of("lucene-codec", "annlib-crinn", "", 0.97), // 0.9955
        // three unmerged segments: ids must map back through every leaf's doc base
        Arguments.of("lucene-codec", "annlib-crinn", "segments=3,merge=false", 0.98)); // 1.0000
  }

  @ParameterizedTest
  @MethodSource("peers")
  void recallAgainstExactGroundTruth(String name, String variant, String extra, double margin) {
    IndexProvider p = IndexProvider.forName(name);
    Map<String, String> build = new java.util.HashMap<>(Map.of("M", "16", "efConstruction", "100"));
    for (String kv : extra.isEmpty() ? new String[0] : extra.split(",")) {
      build.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    Index index = p.build(Metric.EUCLIDEAN, base, variant, build, 2, ProgressListener.NONE);
    SearchParams params = p.searchParams(Map.of("ef", "16"));
    double sum = 0;
    float[] gtDistances = new float[10];
    for (int q = 0; q < queries.size(); q++) {
      SearchResult r = index.search(queries.vector(q), 10, params);
      assertTrue(r.size() == 10, name + "/" + variant + " returned " + r.size());
      java.util.BitSet seen = new java.util.BitSet();
      for (int i = 0; i < r.size(); i++) {
        long id = r.id(i);
        assertTrue(id >= 0 && id < base.size() && !seen.get((int) id), name + "/" + variant + " id " + id + " at rank " + i);
        seen.set((int) id);
      }
      for (int j = 0; j < 10; j++) {
        gtDistances[j] = (float) Math.sqrt(truth.distances()[q][j]);
      }
      sum += Recall.recall(Metric.EUCLIDEAN, queries.vector(q), base, r, gtDistances, 10);
    }
    double recall = sum / queries.size();
    System.out.printf("peer %s/%s %s recall@10 at ef 16: %.4f (margin %.2f)%n", name, variant, extra, recall, margin);
    assertTrue(recall >= margin, name + "/" + variant + " recall@10 " + recall + " < " + margin);
  }

  /** Each peer names the SIMD path its own library chose, read from that library, not ours. */
  @Test
  void peersReportTheirOwnKernels() {
    String lucene = IndexProvider.forName("lucene-hnsw").kernels();
    String jvector = IndexProvider.forName("jvector").kernels();
    System.out.println("peer kernels: " + lucene + "; " + jvector);
    assertTrue(lucene.matches("lucene \\w+VectorUtilSupport"), lucene);
    assertTrue(jvector.matches("jvector \\w+VectorizationProvider"), jvector);
  }
}
