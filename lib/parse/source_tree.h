// The input text as one rapidjson tree, whichever syntax it was written in,
// plus where each value began so diagnostics can point at a line.
#ifndef INGRESSKIT_LIB_PARSE_SOURCE_TREE_H_
#define INGRESSKIT_LIB_PARSE_SOURCE_TREE_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "ingresskit/diagnostics.h"
#include "rapidjson/document.h"

namespace ingresskit::parse_internal {

using JsonValue = rapidjson::Value;

class SourceTree {
 public:
  SourceTree() = default;
  SourceTree(const SourceTree&) = delete;
  SourceTree& operator=(const SourceTree&) = delete;

  // Roots of the documents in the text, in order. A document that is empty
  // or `null` (a stray `---`) is left out.
  const std::vector<const JsonValue*>& documents() const { return documents_; }

  // Where `value` (a node of this tree) began; unknown for nodes not read
  // from text.
  SourcePosition PositionOf(const JsonValue& value) const;

  // Every object read from text carries its own position as a first,
  // hidden member (the model asks where each Ingress and path entry
  // starts, and a lookup table for that cost a quarter of parsing). It is
  // told apart by the address of its name, which no input key can have;
  // whoever walks an object's members skips it.
  static bool IsPositionMember(const JsonValue& name) {
    return name.GetString() == kPositionKey;
  }

  // The node a dotted field path (`spec.rules[0].http`) names under `root`,
  // or its deepest ancestor that exists: diagnostics about a field that is
  // missing point at the object that should have held it.
  const JsonValue& Resolve(const JsonValue& root,
                           std::string_view field_path) const;

  // For the readers: the tree is built into document() with one synthetic
  // array at the root holding each document, and the start of every value
  // is appended to positions() in document order (pre-order).
  rapidjson::Document& document() { return document_; }
  std::vector<SourcePosition>& positions() { return preorder_positions_; }
  // Called once the readers are done.
  void Finish();

 private:
  friend class TreeBuilder;
  static constexpr char kPositionKey[] = "(position)";

  void IndexPositions() const;

  rapidjson::Document document_;
  std::vector<const JsonValue*> documents_;
  std::vector<SourcePosition> preorder_positions_;
  // Arrays and scalars: built lazily, when a diagnostic about one needs
  // its position (rare).
  mutable absl::flat_hash_map<const JsonValue*, SourcePosition> positions_;
  mutable bool indexed_ = false;
};

// Builds a SourceTree from a stream of values (SAX), refusing nesting deeper
// than the limit. Every value-producing call takes the value's position.
class TreeBuilder {
 public:
  TreeBuilder(SourceTree& tree, uint32_t max_depth);

  // The synthetic root array that holds the documents; it does not count
  // towards the nesting depth.
  bool BeginStream();
  bool EndStream(uint32_t document_count);

  bool Null(SourcePosition at);
  bool Bool(bool value, SourcePosition at);
  bool Int64(int64_t value, SourcePosition at);
  bool Uint64(uint64_t value, SourcePosition at);
  bool Double(double value, SourcePosition at);
  bool String(std::string_view value, SourcePosition at);
  bool Key(std::string_view key);
  bool StartObject(SourcePosition at);
  bool EndObject(uint32_t member_count);
  bool StartArray(SourcePosition at);
  bool EndArray(uint32_t element_count);

  // True once StartObject/StartArray refused to go deeper.
  bool depth_exceeded() const { return depth_exceeded_; }

 private:
  bool Enter(SourcePosition at);

  rapidjson::Document& handler_;
  std::vector<SourcePosition>& positions_;
  uint32_t max_depth_;
  uint32_t depth_ = 0;
  bool depth_exceeded_ = false;
};

// Turns monotonically increasing byte offsets into line and column in one
// pass over the text.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) : text_(text) {}
  SourcePosition At(size_t offset);

 private:
  std::string_view text_;
  size_t scanned_ = 0;
  size_t line_start_ = 0;
  uint32_t line_ = 1;
};

}  // namespace ingresskit::parse_internal

#endif  // INGRESSKIT_LIB_PARSE_SOURCE_TREE_H_
