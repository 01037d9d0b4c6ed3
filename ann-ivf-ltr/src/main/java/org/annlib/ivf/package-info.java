/** Clustering-based IVF index with learned routing; filled by the IVF issue. */
package org.annlib.ivf;
