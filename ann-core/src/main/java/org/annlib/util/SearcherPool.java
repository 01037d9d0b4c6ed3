package org.annlib.util;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.Searcher;

/**
 * Lends searchers (and their scratch space) to concurrent callers of {@code Index.search}. A
 * deque rather than a ThreadLocal: it holds one searcher per concurrently searching thread, not
 * per thread that ever searched, which matters with virtual threads and large pools.
 */
public final class SearcherPool {
  private final ConcurrentLinkedDeque<Searcher> idle = new ConcurrentLinkedDeque<>();
  private final Supplier<Searcher> factory;

  public SearcherPool(Supplier<Searcher> factory) {
    this.factory = factory;
  }

  public SearchResult search(float[] query, int k, SearchParams params) {
    Searcher s = borrow();
    try {
      return s.search(query, k, params);
    } finally {
      idle.offerFirst(s);
    }
  }

  public SearchResult rangeSearch(float[] query, float radius, SearchParams params) {
    Searcher s = borrow();
    try {
      return s.rangeSearch(query, radius, params);
    } finally {
      idle.offerFirst(s);
    }
  }

  private Searcher borrow() {
    Searcher s = idle.pollFirst();
    return s != null ? s : factory.get();
  }
}
