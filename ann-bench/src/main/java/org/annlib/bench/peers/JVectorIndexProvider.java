package org.annlib.bench.peers;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.annlib.Index;
import org.annlib.Metric;
import org.annlib.SearchResult;

/**
 * JVector (io.github.jbellis:jvector 4.0.0-rc.7) as the runner's "jvector": an HNSW hierarchy with
 * Vamana-style diversity, built on all given threads, searched with full-precision scores. Our M
 * maps to JVector's maximum degree 2M (equal level-0 degree), efConstruction to its beamWidth, and
 * ef to the search's rerankK (its beam); neighborOverflow 1.2 and alpha 1.2 are JVector's defaults.
 */
public final class JVectorIndexProvider extends GraphPeerProvider {
  private static final VectorTypeSupport VTS = VectorizationProvider.getInstance().getVectorTypeSupport();

  public JVectorIndexProvider() {
    super("jvector", "4.0.0-rc.7");
  }

  @Override
  Index build(Metric metric, List<float[]> vectors, int dim, int m, int efConstruction, int threads) {
    List<VectorFloat<?>> list = new ArrayList<>(vectors.size());
    for (float[] v : vectors) {
      list.add(VTS.createFloatVector(v));
    }
    RandomAccessVectorValues ravv = new ListRandomAccessVectorValues(list, dim);
    VectorSimilarityFunction sim = metric == Metric.EUCLIDEAN
        ? VectorSimilarityFunction.EUCLIDEAN
        : VectorSimilarityFunction.DOT_PRODUCT; // cosine arrives as unit vectors
    ForkJoinPool pool = new ForkJoinPool(threads);
    try (GraphIndexBuilder builder = new GraphIndexBuilder(BuildScoreProvider.randomAccessScoreProvider(ravv, sim), dim,
        2 * m, efConstruction, 1.2f, 1.2f, true, true, pool, pool)) {
      ImmutableGraphIndex graph = builder.build(ravv);
      return new PeerIndex(metric, dim, vectors.size()) {
        @Override
        public long ramBytesUsed() {
          // an estimate: vectors plus a full base layer; JVector reports no total
          return (long) size() * (4L * dim + 8L * m + 16);
        }

        @Override
        QuerySearch newQuerySearch() {
          GraphSearcher gs = new GraphSearcher(graph);
          return (q, k, ef) -> {
            var r = gs.search(DefaultSearchScoreProvider.exact(VTS.createFloatVector(q), sim, ravv), k, ef, 0f, 0f,
                Bits.ALL);
            var nodes = r.getNodes();
            int n = Math.min(k, nodes.length);
            int[] ids = new int[n];
            float[] d = new float[n];
            for (int i = 0; i < n; i++) {
              ids[i] = nodes[i].node;
              d[i] = PeerScores.toDistance(metric, nodes[i].score);
            }
            return new SearchResult(ids, d, r.getVisitedCount());
          };
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      pool.shutdown();
    }
  }
}
