package org.annlib.lucene;

import java.io.IOException;
import org.annlib.hnsw.HnswIndex;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.MergeState;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;

/**
 * The graph a merge starts from, as Lucene's own HNSW merge does: the largest source segment's
 * graph of this format, when that segment has no deleted documents and the merged segment is not
 * sorted. Then the merged ordinals of its vectors are one contiguous run, in the same order,
 * starting after the live vectors of the segments before it, and its graph is reused whole.
 */
record MergeSeed(HnswIndex index, int base) {

  /** The seed for {@code info}'s merge, or null when no source qualifies. */
  static MergeSeed find(FieldInfo info, MergeState state) throws IOException {
    if (state.needsIndexSort) {
      return null;
    }
    int best = -1;
    HnswIndex bestIndex = null;
    for (int i = 0; i < state.knnVectorsReaders.length; i++) {
      if (state.liveDocs[i] != null || !KnnVectorsWriter.MergedVectorValues.hasVectorValues(state.fieldInfos[i],
          info.name)) {
        continue;
      }
      GraphVectorsReader.FieldGraph f = fieldGraph(state.knnVectorsReaders[i], info.name);
      if (f != null && f.index() != null && (bestIndex == null || f.count() > bestIndex.size())) {
        best = i;
        bestIndex = f.index();
      }
    }
    if (best < 0) {
      return null;
    }
    int base = 0;
    for (int i = 0; i < best; i++) {
      if (KnnVectorsWriter.MergedVectorValues.hasVectorValues(state.fieldInfos[i], info.name)) {
        base += liveVectors(state.knnVectorsReaders[i].getFloatVectorValues(info.name), state.liveDocs[i]);
      }
    }
    return new MergeSeed(bestIndex, base);
  }

  /** The seed's merged ordinals: {@code base, base + 1, ...}. */
  int[] ordinals() {
    int[] ords = new int[index.size()];
    for (int j = 0; j < ords.length; j++) {
      ords[j] = base + j;
    }
    return ords;
  }

  private static GraphVectorsReader.FieldGraph fieldGraph(KnnVectorsReader reader, String field) {
    if (reader instanceof PerFieldKnnVectorsFormat.FieldsReader perField) {
      reader = perField.getFieldReader(field);
    }
    return reader instanceof GraphVectorsReader graphs ? graphs.field(field) : null;
  }

  private static int liveVectors(FloatVectorValues values, Bits live) throws IOException {
    if (values == null) {
      return 0;
    }
    if (live == null) {
      return values.size();
    }
    int n = 0;
    KnnVectorValues.DocIndexIterator it = values.iterator();
    for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
      if (live.get(doc)) {
        n++;
      }
    }
    return n;
  }
}
