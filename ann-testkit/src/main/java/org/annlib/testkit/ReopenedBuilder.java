package org.annlib.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.annlib.Index;
import org.annlib.IndexBuilder;
import org.annlib.ProgressListener;
import org.annlib.vectors.VectorValues;

/**
 * Builds with {@code inner}, saves the index to a temporary file and hands back what {@code
 * reopen} makes of that file (for example the index memory-mapped), so the whole contract suite
 * runs against indexes read back from disk.
 */
public final class ReopenedBuilder<I extends Index> implements IndexBuilder<I> {
  /** Writes an index to a file. */
  public interface Save<I> {
    void save(I index, Path file) throws IOException;
  }

  /** Opens a saved file. */
  public interface Open<I> {
    I open(Path file) throws IOException;
  }

  private final IndexBuilder<I> inner;
  private final Save<I> save;
  private final Open<I> open;

  public ReopenedBuilder(IndexBuilder<I> inner, Save<I> save, Open<I> open) {
    this.inner = inner;
    this.save = save;
    this.open = open;
  }

  /** {@code index} saved to {@code file} and opened again: a contract suite's reopen hook in one line. */
  @SuppressWarnings("unchecked")
  public static <I extends Index> Index reopen(Index index, Path file, Save<I> save, Open<I> open)
      throws IOException {
    save.save((I) index, file);
    return open.open(file);
  }

  @Override
  public IndexBuilder<I> threads(int threads) {
    inner.threads(threads);
    return this;
  }

  @Override
  public IndexBuilder<I> executor(java.util.concurrent.Executor executor) {
    inner.executor(executor);
    return this;
  }

  @Override
  public IndexBuilder<I> progress(ProgressListener listener) {
    inner.progress(listener);
    return this;
  }

  @Override
  public I build(VectorValues vectors, long[] ids) {
    I built = inner.build(vectors, ids);
    try {
      Path file = Files.createTempFile("annlib-contract", ".idx");
      file.toFile().deleteOnExit();
      save.save(built, file);
      return open.open(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
