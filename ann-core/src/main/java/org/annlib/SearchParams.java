package org.annlib;

/**
 * Per-query search parameters. An index reads the ones it understands and documents the rest as
 * ignored; zero means "the index's default". Immutable; build with {@link #builder()}.
 */
public final class SearchParams {
  public static final SearchParams DEFAULT = builder().build();

  private final int ef;
  private final int nprobe;
  private final Bits filter;

  private SearchParams(Builder b) {
    this.ef = b.ef;
    this.nprobe = b.nprobe;
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

  /** Accept filter, or {@code null} when every id is accepted. */
  public Bits filter() {
    return filter;
  }

  public Builder toBuilder() {
    return new Builder().ef(ef).nprobe(nprobe).filter(filter);
  }

  @Override
  public String toString() {
    return "SearchParams{ef=" + ef + ", nprobe=" + nprobe + ", filter=" + (filter != null) + "}";
  }

  public static final class Builder {
    private int ef;
    private int nprobe;
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
