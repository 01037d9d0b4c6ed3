/**
 * The example as a named module: it reads ann-hnsw (and through it ann-core). The crinn preset's
 * module, ann-crinn-variants, is not required by name: ann-hnsw declares that it uses strategy
 * providers, so the module system resolves it from the module path as a service provider, as it
 * would for any other strategy module.
 */
module org.annlib.examples.words {
  requires org.annlib.hnsw;
}
