package org.annlib;

/**
 * Per-query search parameters. An index reads the ones it understands and documents the rest as
 * ignored; zero means "the index's default". Immutable; build with {@link #builder()}.
 */
public final class SearchParams {
  public static final SearchParams DEFAULT = builder().build();

  private final int ef;
  private final int nprobe;
  private final double targetRecall;
  private final Bits filter;
  private final long maxVisits;
  private final java.time.Duration timeout;
  private final Cancellation cancellation;

  private SearchParams(Builder b) {
    this.ef = b.ef;
    this.nprobe = b.nprobe;
    this.targetRecall = b.targetRecall;
    this.filter = b.filter;
    this.maxVisits = b.maxVisits;
    this.timeout = b.timeout;
    this.cancellation = b.cancellation;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Beam width of graph search (hnswlib's {@code ef}); 0 for the index default. */
  public int ef() {
    return ef;
  }

  /** Number of partitions an IVF index probes; 0 for the index default. */
  public int nprobe() {
    return nprobe;
  }

  /**
   * Recall the query should reach, for indexes that choose their search effort per query (IVF's
   * adaptive nprobe); 0 when not set. Indexes without such a policy ignore it.
   */
  public double targetRecall() {
    return targetRecall;
  }

  /** Accept filter, or {@code null} when every id is accepted. */
  public Bits filter() {
    return filter;
  }

  /**
   * Most vectors one query may score (graph nodes visited on level 0, rows scanned); 0 when
   * unbounded. Past it the search returns what it has found, marked incomplete.
   */
  public long maxVisits() {
    return maxVisits;
  }

  /** Longest one query may run, measured from its start; null when unbounded. */
  public java.time.Duration timeout() {
    return timeout;
  }

  /** Flag that stops the query when another thread raises it; null when none. */
  public Cancellation cancellation() {
    return cancellation;
  }

  /** Whether a visit limit, a timeout or a cancellation flag bounds the query. */
  public boolean bounded() {
    return maxVisits > 0 || timeout != null || cancellation != null;
  }

  public Builder toBuilder() {
    return new Builder().ef(ef).nprobe(nprobe).targetRecall(targetRecall).filter(filter).maxVisits(maxVisits)
        .timeout(timeout).cancellation(cancellation);
  }

  @Override
  public String toString() {
    return "SearchParams{ef=" + ef + ", nprobe=" + nprobe + ", targetRecall=" + targetRecall + ", filter="
        + (filter != null) + ", maxVisits=" + maxVisits + ", timeout=" + timeout + ", cancellation="
        + (cancellation != null) + "}";
  }

  public static final class Builder {
    private int ef;
    private int nprobe;
    private double targetRecall;
    private Bits filter;
    private long maxVisits;
    private java.time.Duration timeout;
    private Cancellation cancellation;

    private Builder() {}

    public Builder ef(int ef) {
      if (ef < 0) {
        throw new IllegalArgumentException("ef must be >= 0 (0 = index default), got " + ef);
      }
      this.ef = ef;
      return this;
    }

    public Builder nprobe(int nprobe) {
      if (nprobe < 0) {
        throw new IllegalArgumentException(
            "nprobe must be >= 0 (0 = index default), got " + nprobe);
      }
      this.nprobe = nprobe;
      return this;
    }

    /** A recall target in (0, 1], or 0 to unset. */
    public Builder targetRecall(double targetRecall) {
      if (!(targetRecall >= 0 && targetRecall <= 1)) {
        throw new IllegalArgumentException(
            "target recall must be in (0, 1] (0 = not set), got " + targetRecall);
      }
      this.targetRecall = targetRecall;
      return this;
    }

    /** Restricts results to accepted ids; {@code null} or {@link Bits#ALL} accepts all. */
    public Builder filter(Bits filter) {
      this.filter = filter == Bits.ALL ? null : filter;
      return this;
    }

    /**
     * Bounds the vectors one query scores; on reaching it the search returns what it has, with
     * {@link SearchResult#complete()} false (Lucene's {@code KnnCollector} visit limit). 0 unsets.
     */
    public Builder maxVisits(long maxVisits) {
      if (maxVisits < 0) {
        throw new IllegalArgumentException("maxVisits must be >= 0 (0 = unbounded), got " + maxVisits);
      }
      this.maxVisits = maxVisits;
      return this;
    }

    /**
     * Bounds one query's running time from its start; on reaching it the search returns what it
     * has, marked incomplete. {@code null} unsets.
     */
    public Builder timeout(java.time.Duration timeout) {
      if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
        throw new IllegalArgumentException("timeout must be positive (null = unbounded), got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** Lets another thread stop the query early (see {@link Cancellation}); {@code null} unsets. */
    public Builder cancellation(Cancellation cancellation) {
      this.cancellation = cancellation;
      return this;
    }

    public SearchParams build() {
      return new SearchParams(this);
    }
  }
}
