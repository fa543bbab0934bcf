#include "parse/source_tree.h"

#include <charconv>
#include <cstring>

namespace ingresskit::parse_internal {
namespace {

// Pairs the arrays and scalars, in pre-order, with the positions recorded
// for every value. The tree is at most max_nesting_depth deep, so the
// recursion is bounded.
void AssignPositions(
    const JsonValue& value, const std::vector<SourcePosition>& preorder,
    size_t& next, absl::flat_hash_map<const JsonValue*, SourcePosition>& out) {
  if (!value.IsObject() && next < preorder.size()) {
    out.emplace(&value, preorder[next]);
  }
  ++next;
  if (value.IsObject()) {
    for (const auto& member : value.GetObject()) {
      if (SourceTree::IsPositionMember(member.name)) continue;
      AssignPositions(member.value, preorder, next, out);
    }
  } else if (value.IsArray()) {
    for (const auto& element : value.GetArray()) {
      AssignPositions(element, preorder, next, out);
    }
  }
}

uint64_t PackPosition(SourcePosition at) {
  return (uint64_t{at.line} << 32) | at.column;
}

}  // namespace

void SourceTree::Finish() {
  documents_.clear();
  if (!document_.IsArray()) return;
  for (const auto& root : document_.GetArray()) {
    if (!root.IsNull()) documents_.push_back(&root);
  }
}

void SourceTree::IndexPositions() const {
  size_t next = 0;
  AssignPositions(document_, preorder_positions_, next, positions_);
  indexed_ = true;
}

SourcePosition SourceTree::PositionOf(const JsonValue& value) const {
  if (value.IsObject()) {
    auto first = value.MemberBegin();
    if (first == value.MemberEnd() || !IsPositionMember(first->name)) {
      return SourcePosition{};
    }
    const uint64_t packed = first->value.GetUint64();
    return SourcePosition{static_cast<uint32_t>(packed >> 32),
                          static_cast<uint32_t>(packed)};
  }
  if (!indexed_) IndexPositions();
  auto it = positions_.find(&value);
  return it == positions_.end() ? SourcePosition{} : it->second;
}

const JsonValue& SourceTree::Resolve(const JsonValue& root,
                                     std::string_view field_path) const {
  const JsonValue* node = &root;
  std::string_view rest = field_path;
  while (!rest.empty()) {
    if (rest.front() == '.') rest.remove_prefix(1);
    if (rest.front() == '[') {
      size_t close = rest.find(']');
      if (close == std::string_view::npos) break;
      size_t index = 0;
      auto [end, ec] =
          std::from_chars(rest.data() + 1, rest.data() + close, index);
      if (ec != std::errc() || end != rest.data() + close) break;
      if (!node->IsArray() || index >= node->Size()) break;
      node = &(*node)[static_cast<rapidjson::SizeType>(index)];
      rest.remove_prefix(close + 1);
      continue;
    }
    size_t stop = rest.find_first_of(".[");
    std::string_view key = rest.substr(0, stop);
    if (!node->IsObject()) break;
    auto member = node->FindMember(
        JsonValue(rapidjson::StringRef(key.data(), key.size())));
    if (member == node->MemberEnd()) break;
    node = &member->value;
    rest.remove_prefix(key.size());
  }
  return *node;
}

TreeBuilder::TreeBuilder(SourceTree& tree, uint32_t max_depth)
    : handler_(tree.document()),
      positions_(tree.positions()),
      max_depth_(max_depth) {}

bool TreeBuilder::BeginStream() {
  positions_.push_back(SourcePosition{});
  return handler_.StartArray();
}
bool TreeBuilder::EndStream(uint32_t document_count) {
  return handler_.EndArray(document_count);
}

bool TreeBuilder::Null(SourcePosition at) {
  positions_.push_back(at);
  return handler_.Null();
}
bool TreeBuilder::Bool(bool value, SourcePosition at) {
  positions_.push_back(at);
  return handler_.Bool(value);
}
bool TreeBuilder::Int64(int64_t value, SourcePosition at) {
  positions_.push_back(at);
  return handler_.Int64(value);
}
bool TreeBuilder::Uint64(uint64_t value, SourcePosition at) {
  positions_.push_back(at);
  return handler_.Uint64(value);
}
bool TreeBuilder::Double(double value, SourcePosition at) {
  positions_.push_back(at);
  return handler_.Double(value);
}
bool TreeBuilder::String(std::string_view value, SourcePosition at) {
  positions_.push_back(at);
  return handler_.String(value.data(),
                         static_cast<rapidjson::SizeType>(value.size()), true);
}
bool TreeBuilder::Key(std::string_view key) {
  return handler_.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()),
                      true);
}

bool TreeBuilder::Enter(SourcePosition at) {
  if (depth_ >= max_depth_) {
    depth_exceeded_ = true;
    return false;
  }
  ++depth_;
  positions_.push_back(at);
  return true;
}

bool TreeBuilder::StartObject(SourcePosition at) {
  return Enter(at) && handler_.StartObject() &&
         handler_.Key(SourceTree::kPositionKey,
                      sizeof(SourceTree::kPositionKey) - 1, false) &&
         handler_.Uint64(PackPosition(at));
}
bool TreeBuilder::EndObject(uint32_t member_count) {
  --depth_;
  return handler_.EndObject(member_count + 1);
}
bool TreeBuilder::StartArray(SourcePosition at) {
  return Enter(at) && handler_.StartArray();
}
bool TreeBuilder::EndArray(uint32_t element_count) {
  --depth_;
  return handler_.EndArray(element_count);
}

SourcePosition LineCounter::At(size_t offset) {
  if (offset > text_.size()) offset = text_.size();
  if (offset < scanned_) *this = LineCounter(text_);
  while (scanned_ < offset) {
    const void* newline =
        std::memchr(text_.data() + scanned_, '\n', offset - scanned_);
    if (newline == nullptr) {
      scanned_ = offset;
      break;
    }
    scanned_ =
        static_cast<size_t>(static_cast<const char*>(newline) - text_.data()) +
        1;
    line_start_ = scanned_;
    ++line_;
  }
  return SourcePosition{line_, static_cast<uint32_t>(offset - line_start_ + 1)};
}

}  // namespace ingresskit::parse_internal
