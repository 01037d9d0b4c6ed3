package org.annlib.bench.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Lucene's HNSW (org.apache.lucene:lucene-core 10.5.0, {@code util.hnsw}) as the runner's
 * "lucene-hnsw", on the heap without a codec: the graph Lucene builds and searches inside a
 * segment. Lucene's maxConn is hnswlib's M (level 0 keeps 2 * maxConn), beamWidth is
 * efConstruction. Built with HnswGraphBuilder on one thread: Lucene's concurrent builder is only
 * reachable through segment merges (its graph constructor is not public), so build times are not
 * comparable with the others' and the runner's table says so. Lucene searches with a beam of k,
 * so ef is applied as luceneutil does: collect the top ef, return the first k.
 */
public final class LuceneHnswIndexProvider implements IndexProvider {
  @Override
  public String name() {
    return "lucene-hnsw";
  }

  @Override
  public List<String> variants() {
    return List.of("10.5.0");
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
    List<float[]> list = new ArrayList<>(vectors.size());
    for (int i = 0; i < vectors.size(); i++) {
      list.add(VectorChecks.prepare(vectors.vector(i), dim, metric, "vector " + i));
    }
    FloatVectorValues values = FloatVectorValues.fromFloats(list, dim);
    VectorSimilarityFunction sim = switch (metric) {
      case EUCLIDEAN -> VectorSimilarityFunction.EUCLIDEAN;
      case INNER_PRODUCT -> VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
      case COSINE -> VectorSimilarityFunction.DOT_PRODUCT; // unit vectors
    };
    int m = PeerParams.m(params);
    int beam = PeerParams.efConstruction(params);
    try {
      RandomVectorScorerSupplier supplier = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(sim, values);
      OnHeapHnswGraph graph = HnswGraphBuilder.create(supplier, m, beam, 42).build(list.size());
      progress.progress("build lucene-hnsw", list.size(), list.size());
      return new LuceneIndex(metric, graph, values, sim, dim);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public SearchParams searchParams(Map<String, String> params) {
    return PeerParams.search(name(), params);
  }

  private static final class LuceneIndex implements Index {
    private final Metric metric;
    private final OnHeapHnswGraph graph;
    private final FloatVectorValues values;
    private final VectorSimilarityFunction sim;
    private final int dim;
    private final SearcherPool pool = new SearcherPool(this::searcher);

    LuceneIndex(Metric metric, OnHeapHnswGraph graph, FloatVectorValues values, VectorSimilarityFunction sim, int dim) {
      this.metric = metric;
      this.graph = graph;
      this.values = values;
      this.sim = sim;
      this.dim = dim;
    }

    @Override
    public Metric metric() {
      return metric;
    }

    @Override
    public int dimension() {
      return dim;
    }

    @Override
    public int size() {
      return values.size();
    }

    @Override
    public long ramBytesUsed() {
      return graph.ramBytesUsed() + (long) size() * (4L * dim + 16);
    }

    @Override
    public Searcher searcher() {
      return (query, k, params) -> {
        VectorChecks.checkK(k);
        float[] q = VectorChecks.prepare(query, dim, metric, "query");
        int ef = Math.max(k, params.ef() > 0 ? params.ef() : 64);
        try {
          TopKnnCollector collector = new TopKnnCollector(ef, Integer.MAX_VALUE);
          HnswGraphSearcher.search(DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(sim, values, q), collector,
              graph, null);
          ScoreDoc[] docs = collector.topDocs().scoreDocs;
          int n = Math.min(k, docs.length);
          int[] ids = new int[n];
          float[] d = new float[n];
          for (int i = 0; i < n; i++) {
            ids[i] = docs[i].doc;
            d[i] = metric == Metric.INNER_PRODUCT ? Float.NaN : PeerScores.toDistance(metric, docs[i].score);
          }
          return new SearchResult(ids, d, collector.visitedCount());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };
    }

    @Override
    public SearchResult search(float[] query, int k, SearchParams params) {
      return pool.search(query, k, params);
    }
  }
}
