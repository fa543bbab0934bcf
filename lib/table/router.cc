// Router: the current table behind a pointer that readers follow without
// locks. Retired tables are freed once no reader can still hold them, found
// with two reader counters that alternate between updates (an RCU-style
// grace period): a writer swaps the pointer, flips the epoch, then waits
// for the readers of the previous epoch to leave before freeing.
#include <thread>

#include "ingresskit/route_table.h"

namespace ingresskit {

struct Router::Slot {
  RouteTable table;
  uint64_t version = 0;
};

Router::Router(CompileOptions options)
    : options_(std::move(options)), current_(new Slot{}) {}

Router::~Router() { delete current_.load(); }

Router::Snapshot Router::Current() const noexcept {
  while (true) {
    const uint64_t epoch = epoch_.load();
    std::atomic<int64_t>& readers = readers_[epoch & 1];
    readers.fetch_add(1);
    if (epoch_.load() != epoch) {
      // A writer flipped the epoch meanwhile and may not count us; retry.
      readers.fetch_sub(1, std::memory_order_release);
      continue;
    }
    const Slot* slot = current_.load();
    Snapshot snapshot{slot->table, slot->version};
    readers.fetch_sub(1, std::memory_order_release);
    return snapshot;
  }
}

RouterMatch Router::Match(std::string_view host,
                          std::string_view path) const noexcept {
  Snapshot snapshot = Current();
  MatchResult result = snapshot.table.Match(host, path);
  return RouterMatch{std::move(snapshot.table), snapshot.version, result};
}

uint64_t Router::version() const noexcept { return Current().version; }

UpdateResult Router::Publish(CompileResult compiled) {
  UpdateResult result;
  static_cast<CompileResult&>(result) = std::move(compiled);
  if (!result.ok()) return result;
  std::lock_guard<std::mutex> lock(writer_);
  Slot* fresh = new Slot{result.table, current_.load()->version + 1};
  result.version = fresh->version;
  Slot* old = current_.exchange(fresh);
  // After the swap: a Reader that sees this version finds its table.
  version_.store(fresh->version, std::memory_order_release);
  const uint64_t epoch = epoch_.fetch_add(1);
  // Readers that entered before the flip may still hold `old`.
  while (readers_[epoch & 1].load(std::memory_order_acquire) != 0) {
    std::this_thread::yield();
  }
  delete old;
  return result;
}

Router::Reader::Reader(const Router& router) : router_(&router) { Refresh(); }

void Router::Reader::Refresh() noexcept { snapshot_ = router_->Current(); }

const Router::Snapshot& Router::Reader::Current() noexcept {
  // Acquire pairs with Publish's release: the swap is visible once the
  // version is.
  if (router_->version_.load(std::memory_order_acquire) != snapshot_.version) {
    Refresh();
  }
  return snapshot_;
}

MatchResult Router::Reader::Match(std::string_view host,
                                  std::string_view path) noexcept {
  return Current().table.Match(host, path);
}

UpdateResult Router::Update(std::string_view text) {
  return Publish(Compile(text, options_));
}

UpdateResult Router::Update(const ResourceSet& resources) {
  return Publish(Compile(resources, options_));
}

UpdateResult Router::Update(std::span<const Source> sources) {
  return Publish(Compile(sources, options_));
}

}  // namespace ingresskit
