package org.annlib.util;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import org.annlib.io.IndexFiles;
import org.annlib.IndexFormatException;
import org.annlib.io.IndexInput;
import org.annlib.io.IndexOutput;

/**
 * The application's {@code long} ids of an index's internal {@code int} ordinals, both ways.
 * While every ordinal's id equals the ordinal (an index built without ids) nothing is stored;
 * the first other id materialises the map. Ordinal to id is lock-free (an index writes the id of
 * an ordinal before it publishes the ordinal's vector); id to ordinal, which only updates use,
 * is synchronized. The reverse map holds live ids only: a deleted id is {@link #remove removed};
 * an ordinal keeps its last id, so results never need a second lookup.
 *
 * <p>File section ({@link #writeTo}): {@code long} 0 for identity, or 1 followed by one {@code
 * long} id per ordinal, little-endian, at an 8-byte aligned offset.
 */
public final class IdMap {
  /** Ordinal to id on the heap; null while identity or when {@link #file} holds them. */
  private volatile long[] ids;
  /** Ordinal to id in a mapped file; read-only. */
  private final MemorySegment file;
  private LongIntMap byId;
  /** Which ordinals are deleted, for building {@link #byId} of a mapped file lazily. */
  private final IntPredicate deleted;
  private volatile int size;
  private long next;

  private IdMap(long[] ids, MemorySegment file, int size, IntPredicate deleted) {
    this.ids = ids;
    this.file = file;
    this.size = size;
    this.deleted = deleted;
  }

  /** Ids equal to ordinals {@code 0..size-1}. */
  public static IdMap identity(int size) {
    IdMap m = new IdMap(null, null, size, null);
    m.next = size;
    return m;
  }

  /**
   * The ids a builder was given for {@code count} vectors ({@code null}: identity), validated and
   * copied before the build does any work.
   */
  public static IdMap forBuild(long[] ids, int count) {
    if (ids == null) {
      return identity(count);
    }
    if (ids.length != count) {
      throw new IllegalArgumentException("ids has " + ids.length + " entries for " + count + " vectors");
    }
    return of(ids.clone());
  }

  /**
   * The ids of ordinals {@code 0..ids.length-1}, validated: duplicates fail with the two
   * positions. Takes ownership of the array.
   */
  public static IdMap of(long[] ids) {
    LongIntMap byId = new LongIntMap(ids.length);
    boolean identity = true;
    long max = -1;
    for (int i = 0; i < ids.length; i++) {
      int before = byId.put(ids[i], i);
      if (before >= 0) {
        throw new IllegalArgumentException("id " + ids[i] + " appears twice: at positions " + before + " and " + i);
      }
      identity &= ids[i] == i;
      max = Math.max(max, ids[i]);
    }
    if (identity) {
      return identity(ids.length);
    }
    IdMap m = new IdMap(ids, null, ids.length, null);
    m.byId = byId;
    m.next = max == Long.MAX_VALUE ? Long.MAX_VALUE : max + 1;
    return m;
  }

  /**
   * The ids of ordinals {@code 0..ids.length-1}, known to be distinct (for example the build's
   * validated ids in another order); the reverse map is built on first use, skipping {@code
   * deleted} ordinals. Takes ownership of the array.
   */
  public static IdMap ofDistinct(long[] ids, IntPredicate deleted) {
    IdMap m = new IdMap(ids, null, ids.length, deleted);
    m.next = Long.MIN_VALUE; // computed with the reverse map
    return m;
  }

  public boolean isIdentity() {
    return ids == null && file == null;
  }

  /**
   * Reads a section written by {@link #writeTo} at the position of {@code in} (8-byte aligned);
   * {@code inPlace} keeps the ids in the file's pages, the reverse map then built on first use,
   * skipping {@code deleted} ordinals. A damaged section fails naming the file.
   */
  public static IdMap read(IndexInput in, int size, boolean inPlace, IntPredicate deleted) throws IndexFormatException {
    in.align(8, "ids");
    long kind = in.getLong("ids");
    if (kind == 0) {
      return identity(size);
    }
    if (kind != 1) {
      throw in.error("has an invalid ids section (kind " + kind + ")");
    }
    MemorySegment ids = in.slice(8L * size, "ids");
    if (inPlace) {
      IdMap m = new IdMap(null, ids, size, deleted);
      m.next = Long.MIN_VALUE; // computed with the reverse map
      return m;
    }
    long[] copy = new long[size];
    MemorySegment.copy(ids, IndexFiles.LONG_LE, 0, copy, 0, size);
    IdMap m = new IdMap(copy, null, size, deleted);
    if (!m.buildReverse()) {
      throw in.error("is corrupted: one id belongs to two live vectors");
    }
    return m;
  }

  /** Writes the section at an 8-byte aligned position. */
  public void writeTo(IndexOutput out, int count) throws IOException {
    out.align(8);
    if (isIdentity()) {
      out.putLong(0);
      return;
    }
    out.putLong(1);
    for (int i = 0; i < count; i++) {
      out.putLong(id(i));
    }
  }

  /**
   * Writes the section with the ids of ordinals {@code ordinalAt(0..count-1)}: an index that
   * stores its vectors in another order than its ordinals (IVF, by partition) writes them in that
   * order.
   */
  public void writeTo(IndexOutput out, int count, IntUnaryOperator ordinalAt) throws IOException {
    out.align(8);
    out.putLong(1);
    for (int i = 0; i < count; i++) {
      out.putLong(id(ordinalAt.applyAsInt(i)));
    }
  }

  /** The id of {@code ordinal}, which must be below the published size. */
  public long id(int ordinal) {
    long[] a = ids;
    if (a != null) {
      return a[ordinal];
    }
    return file == null ? ordinal : file.getAtIndex(IndexFiles.LONG_LE, ordinal);
  }

  /** The ids of the first {@code n} ordinals in {@code ordinals}. */
  public long[] ids(int[] ordinals, int n) {
    long[] out = new long[n];
    long[] a = ids;
    if (a != null) {
      for (int i = 0; i < n; i++) {
        out[i] = a[ordinals[i]];
      }
    } else if (file != null) {
      for (int i = 0; i < n; i++) {
        out[i] = file.getAtIndex(IndexFiles.LONG_LE, ordinals[i]);
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = ordinals[i];
      }
    }
    return out;
  }

  /**
   * The ordinal holding {@code id}, or -1. Under identity it is {@code id} itself whenever in range,
   * deleted or not: the caller checks its deleted set.
   */
  public synchronized int ordinal(long id) {
    if (isIdentity()) {
      return id >= 0 && id < size ? (int) id : -1;
    }
    ensureReverse();
    return byId.get(id);
  }

  /** One more than the largest id so far (the id {@code add(vector)} assigns). */
  public synchronized long nextId() {
    ensureReverse();
    return next;
  }

  /**
   * Gives {@code ordinal} (either the next one, {@link #size()}, or a reused slot) the id {@code
   * id}; any earlier ordinal of {@code id} stops mapping to it.
   */
  public synchronized void put(int ordinal, long id) {
    if (file != null) {
      throw new UnsupportedOperationException("the ids of a memory-mapped index are read-only");
    }
    if (ordinal > size) {
      throw new IllegalStateException("ordinal " + ordinal + " skips past " + size);
    }
    if (isIdentity()) {
      if (ordinal == size && id == ordinal) {
        size++;
        next = Math.max(next, id + 1);
        return;
      }
      materialise();
    }
    long[] a = ids;
    if (ordinal < size && byId.get(a[ordinal]) == ordinal) {
      byId.remove(a[ordinal]); // a reused slot: its old id must not find the new vector
    }
    if (ordinal == a.length) {
      a = Arrays.copyOf(a, Math.max(16, a.length + (a.length >> 1)));
    }
    a[ordinal] = id;
    ids = a;
    byId.put(id, ordinal);
    if (ordinal == size) {
      size++;
    }
    next = Math.max(next, id == Long.MAX_VALUE ? id : id + 1);
  }

  /** {@code id} no longer maps to an ordinal (its vector was deleted). */
  public synchronized void remove(long id) {
    if (!isIdentity()) {
      ensureReverse();
      byId.remove(id);
    }
  }

  public int size() {
    return size;
  }

  public long ramBytesUsed() {
    long[] a = ids;
    return (a == null ? 0 : 8L * a.length) + (byId == null ? 0 : byId.ramBytesUsed());
  }

  private void materialise() {
    long[] a = new long[Math.max(16, size + 1)];
    LongIntMap m = new LongIntMap(Math.max(16, size + 1));
    for (int i = 0; i < size; i++) {
      a[i] = i;
      m.put(i, i);
    }
    byId = m;
    ids = a;
  }

  private void ensureReverse() {
    if (byId == null && !isIdentity() && !buildReverse()) {
      throw new IllegalStateException("the index file maps one id to two live vectors: it is damaged");
    }
  }

  /** Builds the live reverse map; false when two live ordinals share an id. */
  private boolean buildReverse() {
    LongIntMap m = new LongIntMap(size);
    long max = -1;
    for (int i = 0; i < size; i++) {
      long id = id(i);
      max = Math.max(max, id);
      if (deleted != null && deleted.test(i)) {
        continue;
      }
      if (m.put(id, i) >= 0) {
        return false;
      }
    }
    byId = m;
    next = max == Long.MAX_VALUE ? max : max + 1;
    return true;
  }
}
