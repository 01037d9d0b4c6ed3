package org.annlib.lucene;

/** How a writer builds each field's graph; the graph file records them for the reader. */
record GraphParams(int m, int efConstruction, String preset) {}
