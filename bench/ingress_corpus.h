// Seeded generators of Ingress-shaped inputs for the benchmarks: the same
// seed gives the same text on every machine, so runs compare.
#ifndef INGRESSKIT_BENCH_INGRESS_CORPUS_H_
#define INGRESSKIT_BENCH_INGRESS_CORPUS_H_

#include <cstddef>
#include <cstdint>
#include <string>

namespace ingresskit::bench {

struct CorpusShape {
  size_t ingresses = 10000;
  size_t paths_per_ingress = 3;
  uint64_t seed = 42;
};

// A multi-document YAML stream of v1 Ingresses written as kubectl would
// print them: lowercase DNS hosts (about 15 % wildcards), nested prefix
// paths, Exact/Prefix/ImplementationSpecific mixed, creation timestamps.
std::string IngressYaml(const CorpusShape& shape);
// The same objects as a JSON `List`.
std::string IngressJson(const CorpusShape& shape);

}  // namespace ingresskit::bench

#endif  // INGRESSKIT_BENCH_INGRESS_CORPUS_H_
