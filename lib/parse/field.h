// Reading one object out of the tree: typed field access that reports type
// errors, duplicate and unknown fields with the field's path and line.
#ifndef INGRESSKIT_LIB_PARSE_FIELD_H_
#define INGRESSKIT_LIB_PARSE_FIELD_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "ingresskit/diagnostics.h"
#include "ingresskit/model.h"
#include "parse/source_tree.h"

namespace ingresskit::parse_internal {

// A node and the way to it from its object's root. Fields live on the stack
// of the reading code; a child points at its parent, so a path costs nothing
// unless a diagnostic needs it.
class Field {
 public:
  explicit Field(const JsonValue& root) : value_(&root) {}

  Field Child(std::string_view key, const JsonValue& value) const {
    return Field(value, this, key, kNoIndex);
  }
  Field Item(size_t index, const JsonValue& value) const {
    return Field(value, this, {}, index);
  }

  const JsonValue& value() const { return *value_; }
  // `spec.rules[0].host`; empty for the object's root.
  std::string Path() const;

 private:
  static constexpr size_t kNoIndex = static_cast<size_t>(-1);
  Field(const JsonValue& value, const Field* parent, std::string_view key,
        size_t index)
      : value_(&value), parent_(parent), key_(key), index_(index) {}

  const JsonValue* value_;
  const Field* parent_ = nullptr;
  std::string_view key_;
  size_t index_ = kNoIndex;
};

// Collects the diagnostics of one object, attaching the object's name and
// the positions of the fields they are about.
class ObjectReport {
 public:
  ObjectReport(const SourceTree& tree, const JsonValue& root,
               std::string object, std::vector<Diagnostic>& out)
      : tree_(tree), root_(root), object_(std::move(object)), out_(out) {}

  const std::string& object() const { return object_; }
  SourcePosition PositionOf(const Field& field) const {
    return tree_.PositionOf(field.value());
  }

  void Error(const Field& field, std::string message,
             ErrorCode code = ErrorCode::kValidation);
  void Warning(const Field& field, std::string message);

  // Adds diagnostics made from the model (validate.h), placing each at the
  // node its field path names. Skips fields reading already reported on.
  void AddFromModel(std::vector<Diagnostic> diagnostics);

  bool failed() const { return errors_ > 0; }

 private:
  void Add(Severity severity, ErrorCode code, const Field& field,
           std::string message);

  const SourceTree& tree_;
  const JsonValue& root_;
  std::string object_;
  std::vector<Diagnostic>& out_;
  std::vector<std::string> error_fields_;
  size_t errors_ = 0;
};

// `string`, `integer`, `number`, `boolean`, `null`, `object` or `array`.
std::string_view JsonTypeName(const JsonValue& value);

// The members of an object node, checked against the fields its schema
// defines: an unknown field gets a warning (as kubectl's field validation
// gives), a repeated one an error (the object would be ambiguous).
class Members {
 public:
  Members(ObjectReport& report, const Field& node,
          std::span<const std::string_view> known);
  Members(ObjectReport& report, const Field& node,
          std::initializer_list<std::string_view> known)
      : Members(report, node, std::span(known.begin(), known.size())) {}

  // False when the node is not an object (already reported).
  bool ok() const { return ok_; }
  // The member named `name` (one of `known`), or nullopt when it is absent
  // or null: Kubernetes treats an explicit null as absent.
  std::optional<Field> Get(std::string_view name) const;

 private:
  const Field& node_;
  // Inline: a Members is made for every object read, and Kubernetes
  // objects know a handful of fields each.
  absl::InlinedVector<std::string_view, 12> known_;
  absl::InlinedVector<const JsonValue*, 12> found_;
  bool ok_ = true;
};

// Typed reads. Each reports a type error on the field and returns false when
// the value does not have the type; `out` is untouched then.
bool ReadString(ObjectReport& report, const Field& field, std::string& out);
bool ReadInt32(ObjectReport& report, const Field& field, int32_t& out);
bool ReadBool(ObjectReport& report, const Field& field, bool& out);
bool ReadStringList(ObjectReport& report, const Field& field,
                    std::vector<std::string>& out);
bool ReadStringMap(ObjectReport& report, const Field& field, StringMap& out);
// An integer is a number, a string a name (Kubernetes IntOrString).
bool ReadPortNameOrNumber(ObjectReport& report, const Field& field,
                          PortNameOrNumber& out);
// Calls `read(item_field)` for each element of an array field.
template <typename ReadItem>
bool ReadArray(ObjectReport& report, const Field& field, ReadItem read) {
  if (!field.value().IsArray()) {
    report.Error(field, "expected an array, got " +
                            std::string(JsonTypeName(field.value())));
    return false;
  }
  size_t index = 0;
  for (const auto& element : field.value().GetArray()) {
    read(field.Item(index++, element));
  }
  return true;
}

}  // namespace ingresskit::parse_internal

#endif  // INGRESSKIT_LIB_PARSE_FIELD_H_
