package org.annlib.testkit;

import org.annlib.Index;
import org.annlib.Metric;
import org.annlib.Searcher;
import org.annlib.exact.FlatIndex;
import org.annlib.vectors.VectorValues;

/**
 * An index for testing the tests: exact search over {@code base}, whose answer a subclass alters
 * in a known way (a fault the contract must catch, or a cost and recall a measurement must report).
 */
public abstract class AlteredExactIndex implements Index {
  /** The true answers, for the subclass to alter. */
  protected final FlatIndex exact;

  protected AlteredExactIndex(Metric metric, VectorValues base) {
    this.exact = FlatIndex.builder(metric).build(base);
  }

  @Override
  public Metric metric() {
    return exact.metric();
  }

  @Override
  public int dimension() {
    return exact.dimension();
  }

  @Override
  public int size() {
    return exact.size();
  }

  @Override
  public long ramBytesUsed() {
    return exact.ramBytesUsed();
  }

  /** The exact answer, unaltered: the faults these indexes model are in k-nearest search. */
  @Override
  public org.annlib.SearchResult rangeSearch(float[] query, float radius, org.annlib.SearchParams params) {
    return exact.rangeSearch(query, radius, params);
  }

  @Override
  public Searcher searcher() {
    return this::search;
  }
}
