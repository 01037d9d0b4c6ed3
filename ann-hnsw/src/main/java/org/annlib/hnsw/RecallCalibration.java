package org.annlib.hnsw;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.annlib.IndexFormatException;
import org.annlib.io.IndexInput;
import org.annlib.io.IndexOutput;

/**
 * What an HNSW index measured on calibration queries (docs/recall-target.md): for each
 * calibrated k, an ef grid with the mean recall@k each ef reached, its standard error, the recall
 * the worst tenth of queries stayed under, and the distances computed per query. A recall target
 * t maps to the smallest ef whose mean, less two standard errors, reaches t: the margin pays for
 * picking the best of a grid on a finite sample (the winner's curse). Immutable; a search reads
 * it from the index's view.
 *
 * @param size live vectors in the index when it was calibrated
 * @param queries calibration queries
 */
public record RecallCalibration(int size, int queries, List<Table> tables) {
  /** Standard errors subtracted from a grid point's mean before it counts as reaching a target. */
  static final double MARGIN_SE = 2;

  public RecallCalibration {
    tables = List.copyOf(tables);
    for (int i = 1; i < tables.size(); i++) {
      if (tables.get(i).k() <= tables.get(i - 1).k()) {
        throw new IllegalArgumentException("calibration tables must have increasing k");
      }
    }
  }

  /** One k's grid, ascending in ef. */
  public record Table(int k, int[] ef, float[] meanRecall, float[] standardError, float[] p10Recall,
      float[] distancesPerQuery) {
    public Table {
      int n = ef.length;
      if (n == 0 || meanRecall.length != n || standardError.length != n || p10Recall.length != n
          || distancesPerQuery.length != n) {
        throw new IllegalArgumentException("a calibration table needs the same non-zero number of values per column");
      }
    }

    /** Index of the smallest ef reaching {@code target} with the margin, or -1. */
    int reaching(double target) {
      for (int i = 0; i < ef.length; i++) {
        if (meanRecall[i] - MARGIN_SE * standardError[i] >= target) {
          return i;
        }
      }
      return -1;
    }

    /** Index of the highest mean recall (the first, on ties). */
    int best() {
      int b = 0;
      for (int i = 1; i < ef.length; i++) {
        if (meanRecall[i] > meanRecall[b]) {
          b = i;
        }
      }
      return b;
    }
  }

  /**
   * The beam width a search for {@code k} neighbours at mean recall {@code target} runs with:
   * from the table of the smallest calibrated k at least {@code k}.
   *
   * @throws IllegalArgumentException when no calibrated k is large enough, or the target is above
   *     what the calibration reached (the message gives the best it reached)
   */
  public int ef(int k, double target) {
    Table t = tableFor(k);
    int i = t.reaching(target);
    if (i < 0) {
      int b = t.best();
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "target recall %s is above what this index reached in calibration at k=%d: %.4f at ef %d"
              + " (less %.0f standard errors: %.4f); lower the target or search with an ef",
          target, t.k(), t.meanRecall()[b], t.ef()[b], MARGIN_SE,
          t.meanRecall()[b] - MARGIN_SE * t.standardError()[b]));
    }
    return t.ef()[i];
  }

  /** The table that serves searches for {@code k}. */
  public Table tableFor(int k) {
    for (Table t : tables) {
      if (t.k() >= k) {
        return t;
      }
    }
    throw new IllegalArgumentException("this index is calibrated for k up to " + tables.getLast().k()
        + ", not k=" + k + "; calibrate it with a larger k or search with an ef");
  }

  /** The grid as a table, one line per (k, ef). */
  public String describe() {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "recall calibration on %d queries, %d vectors:%n       k      ef  mean recall   std err  p10 recall  distances",
        queries, size));
    for (Table t : tables) {
      for (int i = 0; i < t.ef().length; i++) {
        s.append(String.format(Locale.ROOT, "%n  %6d  %6d  %11.4f  %8.4f  %10.2f  %9.0f", t.k(), t.ef()[i],
            t.meanRecall()[i], t.standardError()[i], t.p10Recall()[i], t.distancesPerQuery()[i]));
      }
    }
    return s.toString();
  }

  // ---------------------------------------------------------------- file section

  void writeTo(IndexOutput out) throws IOException {
    out.putInt(tables.size()).putInt(size).putInt(queries);
    for (Table t : tables) {
      out.putInt(t.k()).putInt(t.ef().length).putInts(t.ef()).putFloats(t.meanRecall()).putFloats(t.standardError())
          .putFloats(t.p10Recall()).putFloats(t.distancesPerQuery());
    }
  }

  /** Bytes {@link #writeTo} writes for {@code c}; 4 when there is no calibration. */
  static long bytes(RecallCalibration c) {
    if (c == null) {
      return 4;
    }
    long b = 12;
    for (Table t : c.tables) {
      b += 8 + 20L * t.ef().length;
    }
    return b;
  }

  static void writeNone(IndexOutput out) throws IOException {
    out.putInt(0);
  }

  /** The section as written, validated; null when it records no calibration. */
  static RecallCalibration read(IndexInput in) throws IndexFormatException {
    int count = in.getInt("calibration table count");
    if (count == 0) {
      return null;
    }
    int size = in.getInt("calibration size");
    int queries = in.getInt("calibration query count");
    if (count < 0 || count > 64 || size < 0 || queries <= 0) {
      throw in.error("has an invalid recall calibration: " + count + " tables, size " + size + ", " + queries
          + " queries");
    }
    Table[] tables = new Table[count];
    int lastK = 0;
    for (int i = 0; i < count; i++) {
      int k = in.getInt("calibration k");
      int n = in.getInt("calibration grid length");
      if (k <= lastK || n <= 0 || 20L * n > in.remaining()) {
        throw in.error("has an invalid recall calibration table: k " + k + " after " + lastK + ", " + n + " points");
      }
      lastK = k;
      int[] ef = in.getInts(n, "calibration ef");
      for (int j = 0; j < n; j++) {
        if (ef[j] <= 0 || (j > 0 && ef[j] <= ef[j - 1])) {
          throw in.error("has a recall calibration whose ef grid is not positive and increasing at k=" + k);
        }
      }
      float[] mean = in.getFloats(n, "calibration recall");
      for (float r : mean) {
        if (!(r >= 0 && r <= 1)) {
          throw in.error("has a recall calibration with a mean recall of " + r + " at k=" + k);
        }
      }
      tables[i] = new Table(k, ef, mean, in.getFloats(n, "calibration standard error"),
          in.getFloats(n, "calibration p10 recall"), in.getFloats(n, "calibration distances"));
    }
    return new RecallCalibration(size, queries, List.of(tables));
  }
}
