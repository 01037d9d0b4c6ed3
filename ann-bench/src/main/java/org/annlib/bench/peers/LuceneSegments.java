package org.annlib.bench.peers;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;

/**
 * Vectors indexed as an application indexes them: one document each, through {@code IndexWriter}
 * with a codec whose vector format is {@code format}, flushed as {@code segments} segments and,
 * when {@code forceMerge}, merged into one. Document ids stay equal to insertion order: flushes
 * append, no merge runs before the forced one, and a log merge policy merges adjacent segments
 * only.
 */
record LuceneSegments(Directory dir, DirectoryReader reader, IndexSearcher searcher, long bytes) {
  static final String FIELD = "v";

  static LuceneSegments write(Directory dir, KnnVectorsFormat format, VectorSimilarityFunction sim,
      List<float[]> vectors, int dim, int segments, boolean forceMerge) throws IOException {
    int perSegment = Math.max(1, (vectors.size() + segments - 1) / segments);
    IndexWriterConfig config = new IndexWriterConfig().setCodec(new Lucene104Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
      }
    }).setMaxBufferedDocs(perSegment).setRAMBufferSizeMB(IndexWriterConfig.DISABLE_AUTO_FLUSH)
        .setMergePolicy(forceMerge ? new LogDocMergePolicy() : NoMergePolicy.INSTANCE);
    if (forceMerge) {
      // no merge before the forced one: flushed segments stay below the policy's merge factor
      ((LogDocMergePolicy) config.getMergePolicy()).setMergeFactor(Math.max(10, segments + 1));
    }
    try (IndexWriter w = new IndexWriter(dir, config)) {
      for (float[] v : vectors) {
        Document doc = new Document();
        doc.add(new KnnFloatVectorField(FIELD, v, sim));
        w.addDocument(doc);
      }
      if (forceMerge) {
        w.forceMerge(1);
      }
      w.commit();
    }
    DirectoryReader reader = DirectoryReader.open(dir);
    int want = forceMerge ? 1 : Math.min(segments, vectors.size());
    if (reader.leaves().size() != want) {
      reader.close();
      throw new IllegalStateException("Lucene wrote " + reader.leaves().size() + " segments, expected " + want);
    }
    IndexSearcher searcher = new IndexSearcher(reader);
    searcher.setQueryCache(null);
    long bytes = 0;
    for (String f : dir.listAll()) {
      bytes += dir.fileLength(f);
    }
    return new LuceneSegments(dir, reader, searcher, bytes);
  }
}
