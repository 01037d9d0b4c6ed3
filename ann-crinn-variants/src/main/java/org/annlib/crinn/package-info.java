/** CRINN strategies for ann-hnsw; filled by the CRINN issue. */
package org.annlib.crinn;
