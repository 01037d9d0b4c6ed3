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
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.annlib.Index;
import org.annlib.IndexProvider;
import org.annlib.Metric;
import org.annlib.Parameters;
import org.annlib.ProgressListener;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.Searcher;
import org.annlib.util.SearcherPool;
import org.annlib.vectors.VectorChecks;
import org.annlib.vectors.VectorValues;

/**
 * JVector (io.github.jbellis:jvector 4.0.0-rc.7) as the runner's "jvector": an HNSW hierarchy with
 * Vamana-style diversity, built on all given threads, searched with full-precision scores. Our M
 * maps to JVector's maximum degree 2M (equal level-0 degree), efConstruction to its beamWidth, and
 * ef to the search's rerankK (its beam); neighborOverflow 1.2 and alpha 1.2 are JVector's defaults.
 */
public final class JVectorIndexProvider implements IndexProvider {
  private static final VectorTypeSupport VTS = VectorizationProvider.getInstance().getVectorTypeSupport();

  @Override
  public String name() {
    return "jvector";
  }

  @Override
  public List<String> variants() {
    return List.of("4.0.0-rc.7");
  }

  @Override
  public List<String> buildParameters() {
    return PeerParams.BUILD;
  }

  @Override
  public List<String> searchParameters() {
    return PeerParams.SEARCH;
  }

  @Override
  public Index build(Metric metric, VectorValues vectors, String variant, Map<String, String> params, int threads,
      ProgressListener progress) {
    Parameters.checkVariant(name(), variant, variants());
    Parameters.checkKnown(name(), "build", params, buildParameters());
    int dim = vectors.dimension();
    List<VectorFloat<?>> list = new ArrayList<>(vectors.size());
    for (int i = 0; i < vectors.size(); i++) {
      list.add(VTS.createFloatVector(VectorChecks.prepare(vectors.vector(i), dim, metric, "vector " + i)));
    }
    RandomAccessVectorValues ravv = new ListRandomAccessVectorValues(list, dim);
    VectorSimilarityFunction sim = switch (metric) {
      case EUCLIDEAN -> VectorSimilarityFunction.EUCLIDEAN;
      case INNER_PRODUCT, COSINE -> VectorSimilarityFunction.DOT_PRODUCT; // cosine: unit vectors
    };
    ForkJoinPool pool = new ForkJoinPool(threads);
    try (GraphIndexBuilder builder = new GraphIndexBuilder(BuildScoreProvider.randomAccessScoreProvider(ravv, sim), dim,
        2 * PeerParams.m(params), PeerParams.efConstruction(params), 1.2f, 1.2f, true, true, pool, pool)) {
      ImmutableGraphIndex graph = builder.build(ravv);
      progress.progress("build jvector", vectors.size(), vectors.size());
      return new JVectorIndex(metric, graph, ravv, sim, 2 * PeerParams.m(params));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      pool.shutdown();
    }
  }

  @Override
  public SearchParams searchParams(Map<String, String> params) {
    return PeerParams.search(name(), params);
  }

  private static final class JVectorIndex implements Index {
    private final Metric metric;
    private final ImmutableGraphIndex graph;
    private final RandomAccessVectorValues ravv;
    private final VectorSimilarityFunction sim;
    private final int degree;
    private final SearcherPool pool = new SearcherPool(this::searcher);

    JVectorIndex(Metric metric, ImmutableGraphIndex graph, RandomAccessVectorValues ravv, VectorSimilarityFunction sim,
        int degree) {
      this.metric = metric;
      this.graph = graph;
      this.ravv = ravv;
      this.sim = sim;
      this.degree = degree;
    }

    @Override
    public Metric metric() {
      return metric;
    }

    @Override
    public int dimension() {
      return ravv.dimension();
    }

    @Override
    public int size() {
      return ravv.size();
    }

    @Override
    public long ramBytesUsed() {
      // an estimate: vectors plus a full base layer; JVector reports no total
      return (long) size() * (4L * dimension() + 4L * degree + 16);
    }

    @Override
    public Searcher searcher() {
      GraphSearcher gs = new GraphSearcher(graph);
      return (query, k, params) -> {
        VectorChecks.checkK(k);
        float[] q = VectorChecks.prepare(query, dimension(), metric, "query");
        int ef = Math.max(k, params.ef() > 0 ? params.ef() : 64);
        var ssp = DefaultSearchScoreProvider.exact(VTS.createFloatVector(q), sim, ravv);
        var r = gs.search(ssp, k, ef, 0f, 0f, Bits.ALL);
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

    @Override
    public SearchResult search(float[] query, int k, SearchParams params) {
      return pool.search(query, k, params);
    }
  }
}
