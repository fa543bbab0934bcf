// Seeded, Ingress-shaped route tables and request streams for the match
// benchmarks: the same seed gives the same table and requests everywhere.
#ifndef INGRESSKIT_BENCH_TABLE_CORPUS_H_
#define INGRESSKIT_BENCH_TABLE_CORPUS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingresskit/model.h"
#include "ingresskit/route_table.h"

namespace ingresskit::bench {

struct TableShape {
  size_t hosts = 1000;
  size_t paths_per_host = 10;
  uint64_t seed = 7;
  // Every path Exact: the variant on which a router of exact paths (r3)
  // and ingresskit answer alike.
  bool exact_only = false;
};

// Lowercase DNS hosts (about 15 % wildcards), each host's paths spread over
// one to three Ingresses with distinct timestamps; nested prefix chains
// (`/api`, `/api/v1`, ...), about half Prefix, a third Exact and the rest
// legacy globs (`/static/*`, `/v1.*`).
ResourceSet MakeTable(const TableShape& shape);

// Requests in one contiguous arena, so the benchmark measures matching,
// not allocation.
class RequestSet {
 public:
  void Add(std::string_view host, std::string_view path);
  // Call once all requests are added; views stay valid after.
  void Seal();
  size_t size() const { return requests_.size(); }
  const std::pair<std::string_view, std::string_view>& operator[](
      size_t i) const {
    return requests_[i];
  }

 private:
  std::string arena_;
  std::vector<std::pair<size_t, size_t>> offsets_;  // host, path starts
  std::vector<std::pair<size_t, size_t>> lengths_;
  std::vector<std::pair<std::string_view, std::string_view>> requests_;
};

enum class Mix {
  kUniform,  // Each request aimed at a route drawn uniformly.
  kZipf,     // Hosts and their routes drawn with Zipf s = 1.1: a hot set.
  kMiss,     // Uniform, but 10 % unknown hosts and 10 % unmatched paths.
  kMessy,    // Uniform, written as clients do: mixed case, :port, trailing
             // dots, query strings, `./` segments.
  kDeep,     // 6-10 segment paths under prefixes one or two segments deep.
  kEscaped,  // Uniform, spelled with escapes Envoy normalises: letters as
             // %XX, stray `%`, kept escapes, raw bytes >= 0x80.
};

inline constexpr Mix kMixes[] = {Mix::kUniform, Mix::kZipf, Mix::kMiss,
                                 Mix::kMessy,   Mix::kDeep, Mix::kEscaped};
std::string_view MixName(Mix mix);

// `count` requests of the mix against `table`'s routes.
RequestSet MakeRequests(const RouteTable& table, Mix mix, size_t count,
                        uint64_t seed);

}  // namespace ingresskit::bench

#endif  // INGRESSKIT_BENCH_TABLE_CORPUS_H_
