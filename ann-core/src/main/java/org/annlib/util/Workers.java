package org.annlib.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Where a build's parallel steps run: on {@link #threads} daemon threads of their own, or as that
 * many tasks on a caller's {@link Executor}. A step runs one worker {@code threads} times at once;
 * workers share their work through state of their own (an atomic counter) and never wait for each
 * other, so an executor with fewer free threads runs them in turn instead of deadlocking. Immutable.
 */
public final class Workers {
  private final int threads;
  private final Executor executor;

  private Workers(int threads, Executor executor) {
    if (threads <= 0) {
      throw new IllegalArgumentException("threads must be positive, got " + threads);
    }
    this.threads = threads;
    this.executor = executor;
  }

  /** {@code threads} threads of the library's own, started per step. */
  public static Workers of(int threads) {
    return new Workers(threads, null);
  }

  /** {@code threads} tasks per step on {@code executor}; {@code null} means threads of our own. */
  public static Workers on(Executor executor, int threads) {
    return new Workers(threads, executor);
  }

  public int threads() {
    return threads;
  }

  /** The caller's executor, or {@code null} when the steps start threads of their own. */
  public Executor executor() {
    return executor;
  }

  /** The same place with at most {@code max} workers (at least one), for steps with little work. */
  public Workers atMost(int max) {
    int t = Math.max(1, Math.min(threads, max));
    return t == threads ? this : new Workers(t, executor);
  }

  /**
   * Runs {@code worker} {@link #threads} times at once and waits for all, rethrowing the first
   * failure as is (with one worker, on the caller's thread).
   */
  public void run(String name, Runnable worker) {
    if (threads == 1) {
      worker.run();
      return;
    }
    ExecutorService own = executor == null ? Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    }) : null;
    Executor on = own != null ? own : executor;
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        FutureTask<Void> task = new FutureTask<>(worker, null);
        on.execute(task);
        futures.add(task);
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(name + " interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(name + " failed", e.getCause());
    } finally {
      if (own != null) {
        own.shutdownNow();
      }
    }
  }
}
