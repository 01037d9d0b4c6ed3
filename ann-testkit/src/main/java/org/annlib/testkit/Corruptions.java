package org.annlib.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Randomized damage for file readers: {@code count} copies of a valid file, alternately cut at a
 * random length and with one to four random bytes flipped, each read in turn. A reader may read a
 * damaged copy (a flip its checks cannot see) or throw its own format exception; any other
 * exception or error fails the test with the seed and the damage that caused it.
 */
public final class Corruptions {
  /** Reads one file the way the code under test does. */
  @FunctionalInterface
  public interface Reader {
    void read(Path file) throws Exception;
  }

  private Corruptions() {}

  public static void assertOnlyFormatErrors(byte[] valid, Path scratch, long seed, int count,
      Class<? extends Exception> formatException, Reader reader) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    for (int c = 0; c < count; c++) {
      byte[] b;
      String what;
      if (c % 2 == 0) {
        int len = r.nextInt(valid.length);
        b = Arrays.copyOf(valid, len);
        what = "truncated to " + len + " bytes";
      } else {
        b = valid.clone();
        StringBuilder sb = new StringBuilder("bytes flipped at");
        for (int i = 0, flips = 1 + r.nextInt(4); i < flips; i++) {
          int at = r.nextInt(b.length);
          b[at] ^= (byte) (1 + r.nextInt(255));
          sb.append(' ').append(at);
        }
        what = sb.toString();
      }
      Files.write(scratch, b);
      try {
        reader.read(scratch);
      } catch (Exception | Error e) {
        if (!formatException.isInstance(e)) {
          fail(scratch.getFileName() + " " + what + " (case " + c + ", seed " + seed + "): " + e, e);
        }
      }
    }
    assertArrayEquals(valid, valid.clone(), "the valid bytes are never written to");
  }
}
