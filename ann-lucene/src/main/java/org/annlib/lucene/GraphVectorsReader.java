package org.annlib.lucene;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import org.annlib.hnsw.HnswIndex;
import org.annlib.vectors.VectorValues;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.hnsw.FlatVectorsReader;
import org.apache.lucene.index.ByteVectorValues;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.store.ChecksumIndexInput;
import org.apache.lucene.store.DataAccessHint;
import org.apache.lucene.store.FileDataHint;
import org.apache.lucene.store.FileTypeHint;
import org.apache.lucene.store.FilterIndexInput;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.MemorySegmentAccessInput;
import org.apache.lucene.util.IOUtils;

/**
 * Reads a segment written by {@link GraphVectorsWriter}: raw vectors through the flat reader,
 * each float field's graph opened in place (the mapped graph file when the directory maps it,
 * otherwise one off-heap copy) over the flat reader's vectors. Searches go to {@link FieldSearch}.
 */
final class GraphVectorsReader extends KnnVectorsReader {
  private final FlatVectorsReader flat;
  private final IndexInput graphs;
  private final Arena arena = Arena.ofShared();
  private final Map<String, FieldGraph> fields = new HashMap<>();
  private boolean closed;
  /** Bytes copied into {@link #arena} because Lucene's pages were not mapped, or a COSINE field needed unit rows. */
  private long copiedBytes;

  /** One field's entry: its graph (null for byte fields, empty ones and tiny segments) and where it lies. */
  record FieldGraph(FieldInfo info, int count, long offset, long length, HnswIndex index) {}

  GraphVectorsReader(SegmentReadState state, FlatVectorsReader flat) throws IOException {
    this.flat = flat;
    boolean ok = false;
    IndexInput g = null;
    try {
      Map<Integer, long[]> entries = readMeta(state);
      String graphName = IndexFileNames.segmentFileName(state.segmentInfo.name, state.segmentSuffix,
          AnnlibHnswVectorsFormat.GRAPH_EXTENSION);
      g = state.directory.openInput(graphName, state.context.withHints(FileTypeHint.DATA, FileDataHint.KNN_VECTORS,
          DataAccessHint.RANDOM));
      CodecUtil.checkIndexHeader(g, AnnlibHnswVectorsFormat.GRAPH_CODEC, AnnlibHnswVectorsFormat.VERSION_START,
          AnnlibHnswVectorsFormat.VERSION_CURRENT, state.segmentInfo.getId(), state.segmentSuffix);
      CodecUtil.retrieveChecksum(g);
      for (Map.Entry<Integer, long[]> e : entries.entrySet()) {
        FieldInfo info = state.fieldInfos.fieldInfo(e.getKey());
        if (info == null || !info.hasVectorValues()) {
          throw new CorruptIndexException("the graph meta names field number " + e.getKey()
              + ", which has no vectors in this segment", graphName);
        }
        long[] v = e.getValue();
        HnswIndex index = v[2] == 0 ? null : open(graphName, g, info, v[1], v[2]);
        fields.put(info.name, new FieldGraph(info, (int) v[0], v[1], v[2], index));
      }
      ok = true;
    } finally {
      if (!ok) {
        IOUtils.closeWhileHandlingException(this::closeIndexes, g, flat, arena::close);
      }
    }
    this.graphs = g;
  }

  private static Map<Integer, long[]> readMeta(SegmentReadState state) throws IOException {
    String name = IndexFileNames.segmentFileName(state.segmentInfo.name, state.segmentSuffix,
        AnnlibHnswVectorsFormat.META_EXTENSION);
    Map<Integer, long[]> entries = new HashMap<>();
    try (ChecksumIndexInput meta = state.directory.openChecksumInput(name)) {
      Throwable prior = null;
      try {
        CodecUtil.checkIndexHeader(meta, AnnlibHnswVectorsFormat.META_CODEC, AnnlibHnswVectorsFormat.VERSION_START,
            AnnlibHnswVectorsFormat.VERSION_CURRENT, state.segmentInfo.getId(), state.segmentSuffix);
        for (int field = meta.readInt(); field != -1; field = meta.readInt()) {
          long count = meta.readInt();
          long offset = meta.readLong();
          long length = meta.readLong();
          if (count < 0 || offset < 0 || length < 0) {
            throw new CorruptIndexException("field " + field + " has count " + count + ", graph offset " + offset
                + ", length " + length, meta);
          }
          entries.put(field, new long[] {count, offset, length});
        }
      } catch (Throwable t) {
        prior = t;
      } finally {
        CodecUtil.checkFooter(meta, prior);
      }
    }
    return entries;
  }

  private HnswIndex open(String graphName, IndexInput g, FieldInfo info, long offset, long length) throws IOException {
    if (info.getVectorEncoding() != VectorEncoding.FLOAT32 || offset + length > g.length() - CodecUtil.footerLength()) {
      throw new CorruptIndexException("field " + info.name + " has a graph at " + offset + " (" + length
          + " bytes) outside the graph file", g);
    }
    MemorySegment bytes = null;
    if (FilterIndexInput.unwrapOnlyTest(g) instanceof MemorySegmentAccessInput access) {
      bytes = access.segmentSliceOrNull(offset, length);
    }
    if (bytes == null) {
      bytes = arena.allocate(length, 64);
      IndexInput in = g.clone();
      in.seek(offset);
      byte[] chunk = new byte[1 << 16];
      for (long at = 0; at < length; at += chunk.length) {
        int n = (int) Math.min(chunk.length, length - at);
        in.readBytes(chunk, 0, n);
        MemorySegment.copy(chunk, 0, bytes, java.lang.foreign.ValueLayout.JAVA_BYTE, at, n);
      }
    }
    VectorValues vectors = SegmentVectors.of(flat.getFloatVectorValues(info.name),
        LuceneSimilarity.normalizes(info.getVectorSimilarityFunction()), arena);
    copiedBytes += (bytes.isMapped() ? 0 : length) + SegmentVectors.copiedBytes(vectors);
    try {
      return HnswIndex.openGraph(graphName + " (field " + info.name + ")", bytes, vectors);
    } catch (org.annlib.IndexFormatException e) {
      throw new CorruptIndexException(e.getMessage(), g, e);
    }
  }

  /** {@code field}'s entry, or null when this segment has none. */
  FieldGraph field(String field) {
    return fields.get(field);
  }

  /** Off-heap bytes this reader copied (0 when the directory maps everything and no field is COSINE). */
  long copiedBytes() {
    return copiedBytes;
  }

  @Override
  public void checkIntegrity() throws IOException {
    flat.checkIntegrity();
    CodecUtil.checksumEntireFile(graphs);
  }

  @Override
  public FloatVectorValues getFloatVectorValues(String field) throws IOException {
    return flat.getFloatVectorValues(field);
  }

  @Override
  public ByteVectorValues getByteVectorValues(String field) throws IOException {
    return flat.getByteVectorValues(field);
  }

  @Override
  public void search(String field, float[] target, KnnCollector collector, AcceptDocs acceptDocs) throws IOException {
    FieldGraph f = fields.get(field);
    if (f == null || f.count() == 0 || collector.k() == 0) {
      return;
    }
    FieldSearch.search(f, flat.getRandomVectorScorer(field, target), target, collector, acceptDocs);
  }

  @Override
  public void search(String field, byte[] target, KnnCollector collector, AcceptDocs acceptDocs) throws IOException {
    FieldGraph f = fields.get(field);
    if (f == null || f.count() == 0 || collector.k() == 0) {
      return;
    }
    FieldSearch.exhaustive(flat.getRandomVectorScorer(field, target), collector, acceptDocs.bits());
  }

  @Override
  public Map<String, Long> getOffHeapByteSize(FieldInfo info) {
    Map<String, Long> raw = flat.getOffHeapByteSize(info);
    FieldGraph f = fields.get(info.name);
    if (f == null || f.length() == 0) {
      return raw;
    }
    return KnnVectorsReader.mergeOffHeapByteSizeMaps(raw, Map.of(AnnlibHnswVectorsFormat.GRAPH_EXTENSION, f.length()));
  }

  private void closeIndexes() {
    for (FieldGraph f : fields.values()) {
      if (f.index() != null) {
        f.index().close();
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    // the indexes read the arena's copies and the mapped files: release them first
    IOUtils.close(this::closeIndexes, flat, graphs, arena::close);
  }
}
