// The C++ peers of ./ann bench: hnswlib (Debian's header-only libhnswlib-dev) and, when built with
// -DWITH_FAISS, FAISS (libfaiss-dev), compiled on the machine with -O3 -march=native so that both
// use the SIMD the CPU has. The JVM runner drives this process over stdin/stdout so that its timed
// passes interleave with the JVM indexes' passes; timing is done here, one query at a time from
// one thread, so no per-call overhead of a language binding is measured.
//
// usage: native_peer LIBRARY METRIC TRAIN.fvecs TEST.fvecs K M EF_CONSTRUCTION NLIST THREADS
//   LIBRARY hnswlib | faiss-hnsw | faiss-ivf; METRIC l2 | ip (cosine arrives as unit vectors, ip)
// prints "built SECONDS SIMD", then answers, one line each:
//   set V     -> "ok"            (ef for the graphs, nprobe for IVF)
//   warm N    -> "ok"            (searches the first N queries, untimed)
//   pass      -> "pass SECONDS"  (searches every query once, timed as a whole)
//   ids FILE  -> "ok"            (the last pass's ids, int32 little-endian, K per query, -1 padded)
//   quit
#include <hnswlib/hnswlib.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#ifdef WITH_FAISS
#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIVFFlat.h>
#include <faiss/utils/utils.h>
#include <omp.h>
#endif

namespace {

std::vector<float> read_fvecs(const char* path, size_t* n, size_t* dim) {
  FILE* f = std::fopen(path, "rb");
  if (!f) throw std::runtime_error(std::string("cannot open ") + path);
  std::vector<float> out;
  int32_t d = 0;
  *n = 0;
  while (std::fread(&d, 4, 1, f) == 1) {
    if (d <= 0) throw std::runtime_error(std::string("bad dimension in ") + path);
    size_t old = out.size();
    out.resize(old + d);
    if (std::fread(out.data() + old, 4, d, f) != static_cast<size_t>(d)) {
      throw std::runtime_error(std::string("truncated ") + path);
    }
    *dim = d;
    ++*n;
  }
  std::fclose(f);
  return out;
}

const char* hnswlib_simd() {
#if defined(USE_AVX512)
  return "AVX-512";
#elif defined(USE_AVX)
  return "AVX";
#elif defined(USE_SSE)
  return "SSE";
#else
  return "scalar";
#endif
}

// One search per query: the k best ids, best first, into out (k slots, -1 padded).
struct Peer {
  virtual ~Peer() = default;
  virtual void set(int value) = 0;
  virtual void search(const float* q, int k, int32_t* out) = 0;
};

struct HnswlibPeer : Peer {
  std::unique_ptr<hnswlib::SpaceInterface<float>> space;
  std::unique_ptr<hnswlib::HierarchicalNSW<float>> index;
  int k_min = 1;

  HnswlibPeer(bool ip, const std::vector<float>& train, size_t n, size_t dim, int m, int efc, int threads) {
    if (ip) {
      space.reset(new hnswlib::InnerProductSpace(dim));
    } else {
      space.reset(new hnswlib::L2Space(dim));
    }
    index.reset(new hnswlib::HierarchicalNSW<float>(space.get(), n, m, efc, 100));
    // The same scheme as hnswlib's Python binding: ids handed out to threads from one counter.
    std::atomic<size_t> next(0);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; t++) {
      pool.emplace_back([&]() {
        for (size_t i; (i = next.fetch_add(1)) < n;) index->addPoint(train.data() + i * dim, i);
      });
    }
    for (auto& t : pool) t.join();
  }

  void set(int ef) override { index->setEf(ef); }

  void search(const float* q, int k, int32_t* out) override {
    auto top = index->searchKnn(q, k);
    int n = static_cast<int>(top.size());
    for (int i = n; i < k; i++) out[i] = -1;
    for (int i = n - 1; i >= 0; i--) {
      out[i] = static_cast<int32_t>(top.top().second);
      top.pop();
    }
  }
};

#ifdef WITH_FAISS
struct FaissPeer : Peer {
  std::unique_ptr<faiss::IndexFlat> quantizer;
  std::unique_ptr<faiss::Index> index;
  bool ivf;
  std::vector<float> distances;
  std::vector<faiss::Index::idx_t> labels;  // FAISS 1.7.3 names the id type inside Index

  FaissPeer(bool hnsw, bool ip, const std::vector<float>& train, size_t n, size_t dim, int m, int efc, int nlist,
            int threads) : ivf(!hnsw) {
    faiss::MetricType mt = ip ? faiss::METRIC_INNER_PRODUCT : faiss::METRIC_L2;
    omp_set_num_threads(threads);
    if (hnsw) {
      auto* h = new faiss::IndexHNSWFlat(dim, m, mt);
      h->hnsw.efConstruction = efc;
      index.reset(h);
    } else {
      quantizer.reset(new faiss::IndexFlat(dim, mt));
      auto* v = new faiss::IndexIVFFlat(quantizer.get(), dim, nlist, mt);
      v->train(n, train.data());
      index.reset(v);
    }
    index->add(n, train.data());
    omp_set_num_threads(1);
  }

  void set(int value) override {
    if (ivf) {
      static_cast<faiss::IndexIVFFlat*>(index.get())->nprobe = value;
    } else {
      static_cast<faiss::IndexHNSWFlat*>(index.get())->hnsw.efSearch = value;
    }
  }

  void search(const float* q, int k, int32_t* out) override {
    distances.resize(k);
    labels.resize(k);
    index->search(1, q, k, distances.data(), labels.data());
    for (int i = 0; i < k; i++) out[i] = static_cast<int32_t>(labels[i]);
  }
};
#endif

}  // namespace

int main(int argc, char** argv) {
  if (argc != 10) {
    std::cerr << "usage: native_peer LIBRARY METRIC TRAIN.fvecs TEST.fvecs K M EF_CONSTRUCTION NLIST THREADS\n";
    return 2;
  }
  try {
    std::string library = argv[1];
    bool ip = std::strcmp(argv[2], "ip") == 0;
    size_t n, dim, nq, qdim;
    std::vector<float> train = read_fvecs(argv[3], &n, &dim);
    std::vector<float> test = read_fvecs(argv[4], &nq, &qdim);
    if (qdim != dim) throw std::runtime_error("queries and base differ in dimension");
    int k = std::atoi(argv[5]), m = std::atoi(argv[6]), efc = std::atoi(argv[7]), nlist = std::atoi(argv[8]);
    int threads = std::atoi(argv[9]);
    auto t0 = std::chrono::steady_clock::now();
    std::unique_ptr<Peer> peer;
    std::string simd;
    if (library == "hnswlib") {
      peer.reset(new HnswlibPeer(ip, train, n, dim, m, efc, threads));
      simd = std::string("hnswlib ") + hnswlib_simd();
#ifdef WITH_FAISS
    } else if (library == "faiss-hnsw" || library == "faiss-ivf") {
      peer.reset(new FaissPeer(library == "faiss-hnsw", ip, train, n, dim, m, efc, nlist, threads));
      simd = "faiss " + faiss::get_compile_options();
      for (auto& c : simd) if (c == ' ') c = '_';
#endif
    } else {
      throw std::runtime_error("library " + library + " is not built into this driver");
    }
    double build = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "built " << build << " " << simd << std::endl;
    std::vector<int32_t> ids(nq * k, -1);
    std::string cmd;
    while (std::cin >> cmd) {
      if (cmd == "set") {
        int v;
        std::cin >> v;
        peer->set(v);
        std::cout << "ok" << std::endl;
      } else if (cmd == "warm") {
        size_t w;
        std::cin >> w;
        for (size_t i = 0; i < w && i < nq; i++) peer->search(test.data() + i * dim, k, ids.data() + i * k);
        std::cout << "ok" << std::endl;
      } else if (cmd == "pass") {
        auto s = std::chrono::steady_clock::now();
        for (size_t i = 0; i < nq; i++) peer->search(test.data() + i * dim, k, ids.data() + i * k);
        std::cout << "pass " << std::chrono::duration<double>(std::chrono::steady_clock::now() - s).count()
                  << std::endl;
      } else if (cmd == "ids") {
        std::string path;
        std::cin >> path;
        FILE* f = std::fopen(path.c_str(), "wb");
        if (!f || std::fwrite(ids.data(), 4, ids.size(), f) != ids.size()) throw std::runtime_error("cannot write ids");
        std::fclose(f);
        std::cout << "ok" << std::endl;
      } else if (cmd == "quit") {
        return 0;
      } else {
        throw std::runtime_error("unknown command " + cmd);
      }
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "native_peer: " << e.what() << std::endl;
    return 1;
  }
}
