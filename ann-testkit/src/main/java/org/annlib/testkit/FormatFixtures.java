package org.annlib.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.annlib.Index;
import org.annlib.SearchParams;

/**
 * The recorded queries of the old-format fixture files (src/test/resources/format of each index
 * module): 20 seeded Gaussian queries, query q shifted by q mod 5 as the fixtures' vectors are.
 * A fixture's .ids file holds, one line per query, the top-10 ids that the version which wrote the
 * file returned; a reader of today must return the same.
 */
public final class FormatFixtures {
  private FormatFixtures() {}

  /** The top-10 ids of every recorded query, one line each, ids followed by a space. */
  public static List<String> idsOf(Index index, SearchParams params) {
    SplittableRandom r = new SplittableRandom(5);
    List<String> lines = new ArrayList<>();
    for (int q = 0; q < 20; q++) {
      float[] v = new float[index.dimension()];
      for (int j = 0; j < v.length; j++) {
        v[j] = (float) r.nextGaussian() + (q % 5);
      }
      StringBuilder sb = new StringBuilder();
      for (long id : index.search(v, 10, params).ids()) {
        sb.append(id).append(' ');
      }
      lines.add(sb.toString());
    }
    return lines;
  }
}
