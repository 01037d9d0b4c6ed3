package org.annlib.lucene;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.tests.index.BaseKnnVectorsFormatTestCase;
import org.apache.lucene.tests.util.TestUtil;

/**
 * Lucene's own contract for vector formats, every inherited test, on our format with random graph
 * parameters and a random preset per codec: written with those, read back through the SPI's
 * no-argument instance. Reproduce a failure with the seed Lucene prints:
 * {@code mvn -B test -pl ann-lucene -Dtest=TestAnnlibHnswVectorsFormat -Dtests.seed=...}.
 */
public class TestAnnlibHnswVectorsFormat extends BaseKnnVectorsFormatTestCase {
  private static final String[] PRESETS = {"default", "glass", "crinn"};

  @Override
  protected Codec getCodec() {
    int m = 2 + random().nextInt(31);
    int efConstruction = m + random().nextInt(100);
    String preset = PRESETS[random().nextInt(PRESETS.length)];
    return TestUtil.alwaysKnnVectorsFormat(new AnnlibHnswVectorsFormat(m, efConstruction, preset));
  }

  /** The raw vectors are Lucene's flat ones; nothing is quantized in their place. */
  @Override
  protected boolean supportsFloatVectorFallback() {
    return false;
  }
}
