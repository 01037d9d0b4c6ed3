package org.annlib.bench.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The ann-benchmarks chart: recall on x, queries per second (one thread, log scale) on y, one line
 * per index/variant along its recall/QPS frontier. Written as SVG and PNG beside the JSON lines:
 * {@code runs/x.jsonl} gives {@code runs/x.svg} and {@code runs/x.png}.
 */
final class RecallQpsPlot {
  private RecallQpsPlot() {}

  static void write(List<Map<String, Object>> rows, String title, Path jsonl) throws IOException {
    String base = jsonl.toString().replaceFirst("\\.jsonl?$", "");
    XYChart chart = new XYChartBuilder().width(960).height(640).title("Recall/QPS: " + title)
        .xAxisTitle("Recall (ann-benchmarks, k-NN)").yAxisTitle("Queries per second, 1 thread (log)").build();
    XYStyler s = chart.getStyler();
    s.setYAxisLogarithmic(true);
    s.setLegendPosition(Styler.LegendPosition.InsideSW);
    s.setChartBackgroundColor(java.awt.Color.WHITE);
    s.setPlotGridHorizontalLinesVisible(true);
    s.setPlotGridVerticalLinesVisible(true);
    s.setMarkerSize(7);
    s.setXAxisDecimalPattern("0.000");
    s.setYAxisDecimalPattern("#,###");
    for (Map.Entry<String, List<double[]>> e : RecallQpsTable.series(rows).entrySet()) {
      List<double[]> f = RecallQpsTable.frontier(e.getValue());
      double[] x = f.stream().mapToDouble(p -> p[0]).toArray();
      double[] y = f.stream().mapToDouble(p -> p[1]).toArray();
      XYSeries series = chart.addSeries(e.getKey(), x, y);
      series.setMarker(SeriesMarkers.CIRCLE);
    }
    BitmapEncoder.saveBitmap(chart, base + ".png", BitmapEncoder.BitmapFormat.PNG);
    VectorGraphicsEncoder.saveVectorGraphic(chart, base + ".svg", VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
  }
}
