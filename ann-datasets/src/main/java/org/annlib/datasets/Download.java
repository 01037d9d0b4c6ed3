package org.annlib.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.OptionalLong;
import org.annlib.ProgressListener;

/**
 * Downloads a file atomically and resumably: bytes go to {@code TARGET.part}; an interrupted
 * download leaves that part, and the next attempt asks only for the rest ({@code Range: bytes=N-});
 * a server that ignores ranges (status 200) restarts it. Only a complete file, whose length matches
 * what the server announced, is fsync'ed and renamed to the target, so the target either does not
 * exist or is whole.
 */
public final class Download {
  private final HttpClient client;

  public Download() {
    this(HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(30))
        .build());
  }

  public Download(HttpClient client) {
    this.client = client;
  }

  /** Fetches {@code uri} to {@code target}, resuming a {@code .part} left by an earlier attempt. */
  public void fetch(URI uri, Path target, ProgressListener progress) throws IOException {
    Path part = target.resolveSibling(target.getFileName() + ".part");
    Files.createDirectories(target.toAbsolutePath().getParent());
    long have = Files.exists(part) ? Files.size(part) : 0;
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).GET();
    if (have > 0) {
      req.header("Range", "bytes=" + have + "-");
    }
    HttpResponse<InputStream> resp;
    try {
      resp = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("download of " + uri + " interrupted", e);
    }
    int status = resp.statusCode();
    long total;
    boolean append;
    if (status == 206 && have > 0) {
      total = contentRangeTotal(resp).orElse(-1);
      long start = contentRangeStart(resp);
      if (start != have) {
        resp.body().close();
        throw new IOException("download of " + uri + ": server resumed at byte " + start + ", expected " + have);
      }
      append = true;
    } else if (status == 416 && have > 0 && contentRangeTotal(resp).orElse(-1) == have) {
      resp.body().close();
      finish(part, target);
      return;
    } else if (status == 200) {
      total = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
      append = false;
      have = 0;
    } else {
      resp.body().close();
      throw new IOException("download of " + uri + " failed: HTTP " + status);
    }
    long done = have;
    try (InputStream in = resp.body();
        OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        done += n;
        progress.progress("download " + target.getFileName(), done, total);
      }
    }
    if (total >= 0 && done != total) {
      throw new IOException("download of " + uri + " ended at byte " + done + " of " + total
          + "; run again to resume from " + part);
    }
    finish(part, target);
  }

  private static void finish(Path part, Path target) throws IOException {
    try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    try {
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static long contentRangeStart(HttpResponse<?> resp) throws IOException {
    String v = resp.headers().firstValue("Content-Range").orElse("");
    // "bytes START-END/TOTAL"
    try {
      return Long.parseLong(v.substring(v.indexOf(' ') + 1, v.indexOf('-')));
    } catch (RuntimeException e) {
      throw new IOException("malformed Content-Range '" + v + "'");
    }
  }

  private static OptionalLong contentRangeTotal(HttpResponse<?> resp) {
    String v = resp.headers().firstValue("Content-Range").orElse("");
    int slash = v.indexOf('/');
    if (slash < 0 || v.endsWith("*")) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(v.substring(slash + 1).trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
