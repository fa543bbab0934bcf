#include "parse/field.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "common/strings.h"

namespace ingresskit::parse_internal {
namespace {

std::string TypeError(std::string_view expected, const JsonValue& value) {
  return internal::StrCat("expected ", expected, ", got ", JsonTypeName(value));
}

}  // namespace

std::string Field::Path() const {
  std::vector<const Field*> chain;
  for (const Field* f = this; f->parent_ != nullptr; f = f->parent_) {
    chain.push_back(f);
  }
  std::string path;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const Field* f = *it;
    if (f->index_ != kNoIndex) {
      internal::StrAppend(&path, "[", f->index_, "]");
    } else {
      if (!path.empty()) path.push_back('.');
      path.append(f->key_);
    }
  }
  return path;
}

void ObjectReport::Add(Severity severity, ErrorCode code, const Field& field,
                       std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.code = code;
  d.object = object_;
  d.field = field.Path();
  d.position = tree_.PositionOf(field.value());
  d.message = std::move(message);
  if (severity == Severity::kError) {
    ++errors_;
    error_fields_.push_back(d.field);
  }
  out_.push_back(std::move(d));
}

void ObjectReport::Error(const Field& field, std::string message,
                         ErrorCode code) {
  Add(Severity::kError, code, field, std::move(message));
}

void ObjectReport::Warning(const Field& field, std::string message) {
  Add(Severity::kWarning, ErrorCode::kValidation, field, std::move(message));
}

void ObjectReport::AddFromModel(std::vector<Diagnostic> diagnostics) {
  for (Diagnostic& d : diagnostics) {
    if (std::find(error_fields_.begin(), error_fields_.end(), d.field) !=
        error_fields_.end()) {
      continue;
    }
    d.object = object_;
    d.position = tree_.PositionOf(tree_.Resolve(root_, d.field));
    if (d.severity == Severity::kError) ++errors_;
    out_.push_back(std::move(d));
  }
}

std::string_view JsonTypeName(const JsonValue& value) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      return "boolean";
    case rapidjson::kObjectType:
      return "object";
    case rapidjson::kArrayType:
      return "array";
    case rapidjson::kStringType:
      return "string";
    case rapidjson::kNumberType:
      return value.IsInt64() || value.IsUint64() ? "integer" : "number";
  }
  return "value";
}

Members::Members(ObjectReport& report, const Field& node,
                 std::span<const std::string_view> known)
    : node_(node),
      known_(known.begin(), known.end()),
      found_(known.size(), nullptr) {
  if (!node.value().IsObject()) {
    report.Error(node, TypeError("an object", node.value()));
    ok_ = false;
    return;
  }
  absl::flat_hash_set<std::string_view> unknown_seen;
  for (const auto& member : node.value().GetObject()) {
    if (SourceTree::IsPositionMember(member.name)) continue;
    std::string_view key(member.name.GetString(),
                         member.name.GetStringLength());
    auto it = std::find(known_.begin(), known_.end(), key);
    if (it == known_.end()) {
      if (unknown_seen.insert(key).second) {
        report.Warning(
            node.Child(key, member.value),
            internal::StrCat("unknown field \"", key, "\" (ignored)"));
      }
      continue;
    }
    size_t index = static_cast<size_t>(it - known_.begin());
    if (found_[index] != nullptr) {
      report.Error(node.Child(key, member.value),
                   internal::StrCat("duplicate field \"", key,
                                    "\": the object is ambiguous"));
      continue;
    }
    found_[index] = &member.value;
  }
}

std::optional<Field> Members::Get(std::string_view name) const {
  auto it = std::find(known_.begin(), known_.end(), name);
  if (it == known_.end()) return std::nullopt;
  const JsonValue* value = found_[static_cast<size_t>(it - known_.begin())];
  if (value == nullptr || value->IsNull()) return std::nullopt;
  return node_.Child(*it, *value);
}

bool ReadString(ObjectReport& report, const Field& field, std::string& out) {
  const JsonValue& v = field.value();
  if (!v.IsString()) {
    report.Error(field, TypeError("a string", v));
    return false;
  }
  out.assign(v.GetString(), v.GetStringLength());
  return true;
}

bool ReadInt32(ObjectReport& report, const Field& field, int32_t& out) {
  const JsonValue& v = field.value();
  if (!v.IsInt()) {
    if (v.IsInt64() || v.IsUint64()) {
      report.Error(field, "integer out of range: must fit in 32 bits");
    } else {
      report.Error(field, TypeError("an integer", v));
    }
    return false;
  }
  out = v.GetInt();
  return true;
}

bool ReadBool(ObjectReport& report, const Field& field, bool& out) {
  const JsonValue& v = field.value();
  if (!v.IsBool()) {
    report.Error(field, TypeError("a boolean", v));
    return false;
  }
  out = v.GetBool();
  return true;
}

bool ReadStringList(ObjectReport& report, const Field& field,
                    std::vector<std::string>& out) {
  return ReadArray(report, field, [&](const Field& item) {
    std::string value;
    if (ReadString(report, item, value)) out.push_back(std::move(value));
  });
}

bool ReadStringMap(ObjectReport& report, const Field& field, StringMap& out) {
  const JsonValue& v = field.value();
  if (!v.IsObject()) {
    report.Error(field, TypeError("an object", v));
    return false;
  }
  for (const auto& member : v.GetObject()) {
    if (SourceTree::IsPositionMember(member.name)) continue;
    std::string key(member.name.GetString(), member.name.GetStringLength());
    Field entry = field.Child(std::string_view(member.name.GetString(),
                                               member.name.GetStringLength()),
                              member.value);
    std::string value;
    if (!ReadString(report, entry, value)) continue;
    if (!out.emplace(std::move(key), std::move(value)).second) {
      report.Error(entry, "duplicate key: the object is ambiguous");
    }
  }
  return true;
}

bool ReadPortNameOrNumber(ObjectReport& report, const Field& field,
                          PortNameOrNumber& out) {
  const JsonValue& v = field.value();
  if (v.IsString()) {
    out.name.assign(v.GetString(), v.GetStringLength());
    return true;
  }
  if (v.IsNumber()) return ReadInt32(report, field, out.number);
  report.Error(field, TypeError("an integer or a string", v));
  return false;
}

}  // namespace ingresskit::parse_internal
