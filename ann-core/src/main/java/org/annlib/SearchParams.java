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

  private SearchParams(Builder b) {
    this.ef = b.ef;
    this.nprobe = b.nprobe;
    this.targetRecall = b.targetRecall;
    this.filter = b.filter;
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

  public Builder toBuilder() {
    return new Builder().ef(ef).nprobe(nprobe).targetRecall(targetRecall).filter(filter);
  }

  @Override
  public String toString() {
    return "SearchParams{ef=" + ef + ", nprobe=" + nprobe + ", targetRecall=" + targetRecall + ", filter=" + (filter != null) + "}";
  }

  public static final class Builder {
    private int ef;
    private int nprobe;
    private double targetRecall;
    private Bits filter;

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

    public SearchParams build() {
      return new SearchParams(this);
    }
  }
}
