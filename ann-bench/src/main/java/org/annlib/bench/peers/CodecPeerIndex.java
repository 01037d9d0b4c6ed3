package org.annlib.bench.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.annlib.Metric;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TopDocs;

/**
 * A peer searched through Lucene's query API over {@link LuceneSegments}: the query runs as an
 * application runs it (query rewrite, per-segment search, top-docs merge), and the hits' doc ids
 * are the vectors' ids. Its memory is the index's bytes on disk (mapped or in heap buffers).
 */
final class CodecPeerIndex extends PeerIndex {
  /** One query: the top hits for {@code q} at beam {@code ef}, at least the first k of them kept. */
  interface CodecQuery {
    TopDocs search(IndexSearcher searcher, float[] q, int k, int ef) throws IOException;
  }

  private final LuceneSegments segments;
  private final CodecQuery query;

  CodecPeerIndex(Metric metric, int dim, int size, LuceneSegments segments, CodecQuery query) {
    super(metric, dim, size);
    this.segments = segments;
    this.query = query;
  }

  @Override
  public long ramBytesUsed() {
    return segments.bytes();
  }

  @Override
  QuerySearch newQuerySearch() {
    return (q, k, ef) -> {
      try {
        return LuceneHnswIndexProvider.result(query.search(segments.searcher(), q, k, ef).scoreDocs, k, metric(), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
