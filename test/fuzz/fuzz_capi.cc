// C ABI fuzzer: the bytes are a program of C calls — compile, match, batch
// and packed matches, route lookups, generate, router update, acquire and
// match, free — in any order, on up to three tables and two routers, with
// NULL handles, NULL outputs, NULL text with a length, uninitialised match
// structs and inconsistent lengths. Every call must return a status (0 or
// a negative code), never crash, leak or touch memory it was not given.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "builtin_example.h"
#include "ingresskit/c.h"

namespace {

class Program {
 public:
  Program(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  bool done() const { return at_ >= size_; }
  uint8_t Byte() { return at_ < size_ ? data_[at_++] : 0; }
  // The next up to `max` input bytes, as text the calls may read.
  std::string_view Slice(size_t max) {
    const size_t n =
        std::min<size_t>(Byte() % (max + 1), size_ - std::min(at_, size_));
    std::string_view s(reinterpret_cast<const char*>(data_) + at_, n);
    at_ += n;
    return s;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t at_ = 0;
};

void Check(int rc) {
  if (rc > 0) std::abort();  // Statuses are 0 or negative, pinned.
}

const std::string_view kTexts[] = {
    ingresskit::cli::kBuiltinExample,
    "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": []}",
    "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: x}\n"
    "spec: {rules: [{host: \"*.a.io\", http: {paths: [{path: /, pathType: "
    "Prefix, backend: {service: {name: s, port: {number: 1}}}}]}}]}\n",
    "{\"kind\": ",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Program p(data, size);
  ingresskit_table_t* tables[3] = {};
  ingresskit_router_t* routers[2] = {};
  ingresskit_error_t err = {};
  for (int step = 0; step < 64 && !p.done(); ++step) {
    const uint8_t op = p.Byte();
    ingresskit_table_t*& table = tables[p.Byte() % 3];
    ingresskit_router_t*& router = routers[p.Byte() % 2];
    ingresskit_error_t* e = (p.Byte() & 1) ? &err : nullptr;
    switch (op % 18) {
      case 0:
      case 1: {  // Compile canned or fuzzed text (or NULL with a length).
        std::string_view text =
            op % 12 == 0 ? kTexts[p.Byte() % 4] : p.Slice(200);
        ingresskit_options_t options = INGRESSKIT_OPTIONS_INIT;
        options.controller_mode = p.Byte() % 3;
        const bool null_text = p.Byte() % 8 == 0;
        ingresskit_table_free(table);
        table = nullptr;
        Check(ingresskit_table_compile(null_text ? nullptr : text.data(),
                                       text.size() + (null_text ? 1 : 0),
                                       (p.Byte() & 1) ? &options : nullptr,
                                       &table, e));
        break;
      }
      case 2: {  // One match, with any of its arguments missing.
        std::string_view host = p.Slice(40);
        std::string_view path = p.Slice(60);
        ingresskit_match_t m = INGRESSKIT_MATCH_INIT;
        const uint8_t how = p.Byte();
        if (how % 5 == 0) m.version = 0;
        Check(ingresskit_table_match(
            table, how % 7 == 0 ? nullptr : host.data(),
            host.size() + (how % 7 == 0 ? 1 : 0), path.data(), path.size(),
            how % 11 == 0 ? nullptr : &m, e));
        break;
      }
      case 3: {  // A batch, possibly with no requests array.
        const size_t count = p.Byte() % 5;
        std::vector<ingresskit_request_t> requests(count);
        std::vector<ingresskit_match_t> out(
            count, ingresskit_match_t INGRESSKIT_MATCH_INIT);
        for (auto& r : requests) {
          std::string_view host = p.Slice(30);
          std::string_view path = p.Slice(40);
          r = {host.data(), host.size(), path.data(), path.size()};
        }
        const bool null_requests = count > 0 && p.Byte() % 6 == 0;
        Check(ingresskit_table_match_batch(
            table, null_requests ? nullptr : requests.data(), count, out.data(),
            e));
        break;
      }
      case 4: {  // Any route id, in range or not.
        ingresskit_match_t m = INGRESSKIT_MATCH_INIT;
        Check(ingresskit_table_route(table, p.Byte() % 16, &m, e));
        break;
      }
      case 5: {  // Packed requests whose lengths may not add up.
        std::string_view packed = p.Slice(120);
        const size_t count = p.Byte() % 4;
        std::vector<size_t> lengths(2 * count);
        for (size_t& n : lengths) n = p.Byte() % 40;
        std::vector<int64_t> ids(count);
        Check(ingresskit_table_match_packed(table, packed.data(), packed.size(),
                                            lengths.data(), count, ids.data(),
                                            e));
        break;
      }
      case 6: {  // Every format, and one that is not.
        char* out = nullptr;
        size_t out_len = 0;
        Check(ingresskit_table_generate(table, p.Byte() % 6 - 1, &out, &out_len,
                                        e));
        ingresskit_free(out);
        break;
      }
      case 7: {
        ingresskit_router_free(router);
        router = nullptr;
        ingresskit_options_t options = INGRESSKIT_OPTIONS_INIT;
        options.controller_mode = p.Byte() % 3;
        Check(ingresskit_router_new((p.Byte() & 1) ? &options : nullptr,
                                    &router, e));
        break;
      }
      case 8: {
        std::string_view text =
            (p.Byte() & 1) ? kTexts[p.Byte() % 4] : p.Slice(200);
        const uint64_t before = ingresskit_router_version(router);
        const int rc =
            ingresskit_router_update(router, text.data(), text.size(), e);
        Check(rc);
        // A failed update changes nothing.
        if (rc != 0 && ingresskit_router_version(router) != before) {
          std::abort();
        }
        break;
      }
      case 9: {
        ingresskit_table_t* acquired = nullptr;
        uint64_t version = 0;
        ingresskit_match_t m = INGRESSKIT_MATCH_INIT;
        std::string_view host = p.Slice(30);
        std::string_view path = p.Slice(40);
        if (p.Byte() & 1) {
          Check(ingresskit_router_acquire(router, &acquired, &version, e));
        } else {
          Check(ingresskit_router_match(router, host.data(), host.size(),
                                        path.data(), path.size(), &acquired,
                                        &version, &m, e));
        }
        ingresskit_table_free(acquired);
        break;
      }
      case 11: {  // The lean call, plain or over TLS, arguments missing.
        std::string_view sni = p.Slice(20);
        std::string_view host = p.Slice(40);
        std::string_view path = p.Slice(60);
        ingresskit_target_t t = INGRESSKIT_TARGET_INIT;
        const uint8_t how = p.Byte();
        if (how % 5 == 0) t.version = 0;
        Check(ingresskit_table_target(
            table, how % 3 == 0 ? nullptr : sni.data(), sni.size(),
            how % 7 == 0 ? nullptr : host.data(),
            host.size() + (how % 7 == 0 ? 1 : 0), path.data(), path.size(),
            how % 11 == 0 ? nullptr : &t, e));
        break;
      }
      case 12: {  // Routes by id, in range or not, either output left out.
        const size_t count = p.Byte() % 4;
        std::vector<uint64_t> ids(count);
        for (uint64_t& id : ids) id = p.Byte() % 8;
        std::vector<ingresskit_match_t> full(
            count, ingresskit_match_t INGRESSKIT_MATCH_INIT);
        std::vector<ingresskit_target_t> lean(
            count, ingresskit_target_t INGRESSKIT_TARGET_INIT);
        const uint8_t how = p.Byte();
        Check(ingresskit_table_route_batch(
            table, ids.data(), count, (how & 1) ? full.data() : nullptr,
            (how & 2) ? lean.data() : nullptr, e));
        break;
      }
      case 13: {  // Why a request goes where it goes.
        std::string_view host = p.Slice(40);
        std::string_view path = p.Slice(60);
        char* out = nullptr;
        size_t out_len = 0;
        Check(ingresskit_table_explain(table, host.data(), host.size(),
                                       path.data(), path.size(), &out, &out_len,
                                       e));
        ingresskit_free(out);
        break;
      }
      case 14: {  // Lint canned or fuzzed text.
        std::string_view text = (op & 1) ? kTexts[p.Byte() % 4] : p.Slice(200);
        const ingresskit_source_t source = {"f.yaml", 6, text.data(),
                                            text.size()};
        char* out = nullptr;
        size_t out_len = 0;
        Check(ingresskit_lint(&source, 1, nullptr, &out, &out_len, e));
        ingresskit_free(out);
        break;
      }
      case 15: {  // Diff two of the tables (NULL ones too), with flags.
        char* out = nullptr;
        size_t out_len = 0;
        Check(ingresskit_diff(table, tables[p.Byte() % 3], p.Byte() % 3, &out,
                              &out_len, e));
        ingresskit_free(out);
        break;
      }
      case 16: {  // Route tests from fuzzed text.
        std::string_view text = p.Slice(200);
        char* out = nullptr;
        size_t out_len = 0;
        Check(ingresskit_table_test(table, text.data(), text.size(), &out,
                                    &out_len, e));
        ingresskit_free(out);
        break;
      }
      case 10:
        ingresskit_table_free(table);
        table = nullptr;
        ingresskit_router_free(router);
        router = nullptr;
        break;
      default: {
        (void)ingresskit_table_route_count(table);
        const size_t count = ingresskit_table_diagnostic_count(table);
        ingresskit_diagnostic_t d;
        Check(ingresskit_table_diagnostic(table, count + (p.Byte() % 3) - 1, &d,
                                          e));
        (void)ingresskit_status_str(-(p.Byte() % 12));
        break;
      }
    }
  }
  for (ingresskit_table_t* t : tables) ingresskit_table_free(t);
  for (ingresskit_router_t* r : routers) ingresskit_router_free(r);
  return 0;
}
