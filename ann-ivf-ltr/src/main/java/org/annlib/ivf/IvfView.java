package org.annlib.ivf;

import org.annlib.Bits;
import org.annlib.Metric;
import org.annlib.util.DeletedSet;
import org.annlib.util.IdMap;
import org.annlib.util.SlotWrites;

/**
 * Everything an IVF search reads: router, lists, the vectors added since the build ({@link
 * IvfTail}), row ids, the deleted rows and the guard of changes. The lists and router never
 * change; the tail, ids and deleted set change only inside {@link SlotWrites#write} (deletes,
 * which only set a bit, excepted), and a search runs inside {@link SlotWrites#read}.
 */
record IvfView(Metric metric, int dimension, LinearRouter router, IvfLists lists, ProbeCalibration calibration,
    int defaultNprobe, int rerank, IvfTail tail, IdMap ids, DeletedSet deleted, SlotWrites slots) {

  int size() {
    return tail.base() + tail.size();
  }

  int partitions() {
    return lists.partitions();
  }

  /**
   * Which rows a search may return: not deleted and accepted by {@code filter} (which speaks
   * application ids); null when every row is.
   */
  Bits acceptor(Bits filter) {
    DeletedSet d = deleted;
    IdMap m = ids;
    if (filter == null) {
      return d.count() == 0 ? null : row -> !d.contains((int) row);
    }
    if (d.count() == 0) {
      return row -> filter.get(m.id((int) row));
    }
    return row -> !d.contains((int) row) && filter.get(m.id((int) row));
  }
}
