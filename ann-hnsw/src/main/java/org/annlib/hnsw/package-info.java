/** HNSW graph index; filled by the HNSW issue. */
package org.annlib.hnsw;
