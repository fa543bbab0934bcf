// YAML through libyaml's event parser, into the same tree JSON builds.
// Aliases are refused outright: they are the one YAML feature that lets a
// small text expand without bound (the "billion laughs" bomb), and
// Kubernetes manifests have no need of them.
#include <memory>
#include <string>
#include <vector>

#include "common/strings.h"
#include "parse/readers.h"
#include "parse/yaml_scalar.h"
#include "yaml.h"

namespace ingresskit::parse_internal {
namespace {

constexpr std::string_view kTagPrefix = "tag:yaml.org,2002:";

SourcePosition PositionOf(const yaml_mark_t& mark) {
  return SourcePosition{static_cast<uint32_t>(mark.line + 1),
                        static_cast<uint32_t>(mark.column + 1)};
}

struct ParserDeleter {
  void operator()(yaml_parser_t* parser) const {
    yaml_parser_delete(parser);
    delete parser;
  }
};

// Owns one event and frees it when the next one is read.
class Event {
 public:
  Event() = default;
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  ~Event() { Reset(); }
  yaml_event_t* get() { return &event_; }
  void Reset() {
    if (live_) yaml_event_delete(&event_);
    live_ = false;
  }
  void MarkLive() { live_ = true; }
  const yaml_event_t& operator*() const { return event_; }
  const yaml_event_t* operator->() const { return &event_; }

 private:
  yaml_event_t event_{};
  bool live_ = false;
};

// One open mapping or sequence, for counting members and telling keys from
// values.
struct Container {
  bool is_mapping = false;
  bool expecting_key = true;
  uint32_t count = 0;
};

class YamlTreeReader {
 public:
  YamlTreeReader(std::string_view text, const Limits& limits, SourceTree& tree,
                 Diagnostic& error)
      : limits_(limits),
        builder_(tree, limits.max_nesting_depth),
        error_(error),
        parser_(new yaml_parser_t) {
    yaml_parser_initialize(parser_.get());
    yaml_parser_set_input_string(
        parser_.get(), reinterpret_cast<const unsigned char*>(text.data()),
        text.size());
  }

  bool Run(SourceTree& tree) {
    bool ok = false;
    auto generate = [&](rapidjson::Document&) {
      ok = builder_.BeginStream() && ReadStream() &&
           builder_.EndStream(documents_);
      return ok;
    };
    tree.document().Populate(generate);
    if (ok) tree.Finish();
    return ok;
  }

 private:
  bool Fail(ErrorCode code, SourcePosition at, std::string message) {
    error_.severity = Severity::kError;
    error_.code = code;
    error_.position = at;
    error_.message = std::move(message);
    return false;
  }

  bool ReadStream() {
    Event event;
    while (true) {
      event.Reset();
      if (!yaml_parser_parse(parser_.get(), event.get())) {
        return SyntaxError();
      }
      event.MarkLive();
      switch (event->type) {
        case YAML_STREAM_END_EVENT:
          return true;
        case YAML_DOCUMENT_END_EVENT:
          ++documents_;
          break;
        case YAML_ALIAS_EVENT:
          return Fail(ErrorCode::kLimit, PositionOf(event->start_mark),
                      "YAML aliases (*name) are not accepted: they can expand "
                      "a small text without bound; write the value out");
        case YAML_SCALAR_EVENT:
          if (!Scalar(*event)) return false;
          break;
        case YAML_MAPPING_START_EVENT:
          if (!StartContainer(*event, true)) return false;
          break;
        case YAML_SEQUENCE_START_EVENT:
          if (!StartContainer(*event, false)) return false;
          break;
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT: {
          Container done = open_.back();
          open_.pop_back();
          bool ok = done.is_mapping ? builder_.EndObject(done.count)
                                    : builder_.EndArray(done.count);
          if (!ok) return false;
          ValueDone();
          break;
        }
        default:
          break;  // Stream and document starts carry nothing to keep.
      }
    }
  }

  bool SyntaxError() {
    const yaml_parser_t& p = *parser_;
    std::string message = internal::StrCat(
        "malformed YAML: ", p.problem ? p.problem : "unknown error");
    if (p.context != nullptr) {
      internal::StrAppend(&message, " (", p.context, " at line ",
                          p.context_mark.line + 1, ", column ",
                          p.context_mark.column + 1, ")");
    }
    error_.offset = -1;
    return Fail(ErrorCode::kSyntax, PositionOf(p.problem_mark),
                std::move(message));
  }

  // Mapping keys must be scalars; they are kept as their text.
  bool AtKey() const {
    return !open_.empty() && open_.back().is_mapping &&
           open_.back().expecting_key;
  }

  void ValueDone() {
    if (open_.empty()) return;
    Container& parent = open_.back();
    if (parent.is_mapping) {
      parent.expecting_key = true;
      ++parent.count;
    } else {
      ++parent.count;
    }
  }

  bool StartContainer(const yaml_event_t& event, bool is_mapping) {
    SourcePosition at = PositionOf(event.start_mark);
    if (AtKey()) {
      return Fail(ErrorCode::kSyntax, at,
                  "a mapping key must be a scalar, not a mapping or sequence");
    }
    bool ok = is_mapping ? builder_.StartObject(at) : builder_.StartArray(at);
    if (!ok) {
      if (builder_.depth_exceeded()) {
        return Fail(ErrorCode::kLimit, at,
                    internal::StrCat("YAML nests deeper than the limit of ",
                                     limits_.max_nesting_depth, " levels"));
      }
      return false;
    }
    open_.push_back(Container{is_mapping, true, 0});
    return true;
  }

  bool Scalar(const yaml_event_t& event) {
    const auto& scalar = event.data.scalar;
    std::string_view text(reinterpret_cast<const char*>(scalar.value),
                          scalar.length);
    SourcePosition at = PositionOf(event.start_mark);
    if (AtKey()) {
      open_.back().expecting_key = false;
      return builder_.Key(text);
    }
    bool ok = EmitScalar(text, scalar.tag, scalar.style, at);
    if (ok) ValueDone();
    return ok;
  }

  bool EmitScalar(std::string_view text, const yaml_char_t* raw_tag,
                  yaml_scalar_style_t style, SourcePosition at) {
    std::string_view tag =
        raw_tag ? std::string_view(reinterpret_cast<const char*>(raw_tag))
                : std::string_view();
    std::string_view core_tag;
    if (tag.substr(0, kTagPrefix.size()) == kTagPrefix) {
      core_tag = tag.substr(kTagPrefix.size());
    }
    bool plain = style == YAML_PLAIN_SCALAR_STYLE;
    if (core_tag == "str" || core_tag == "binary" || core_tag == "timestamp" ||
        tag == "!" || (!plain && core_tag.empty())) {
      return builder_.String(text, at);
    }
    ResolvedScalar value = ResolvePlainScalar(text);
    using Kind = ResolvedScalar::Kind;
    if (!core_tag.empty()) {
      bool fits = (core_tag == "null" && value.kind == Kind::kNull) ||
                  (core_tag == "bool" && value.kind == Kind::kBool) ||
                  (core_tag == "int" && (value.kind == Kind::kInt64 ||
                                         value.kind == Kind::kUint64)) ||
                  (core_tag == "float" &&
                   (value.kind == Kind::kDouble || value.kind == Kind::kInt64 ||
                    value.kind == Kind::kUint64));
      if (!fits) {
        return Fail(ErrorCode::kSyntax, at,
                    internal::StrCat("\"", text.substr(0, 64),
                                     "\" cannot be read as !!", core_tag));
      }
      if (core_tag == "float" && value.kind == Kind::kInt64) {
        return builder_.Double(static_cast<double>(value.int_value), at);
      }
      if (core_tag == "float" && value.kind == Kind::kUint64) {
        return builder_.Double(static_cast<double>(value.uint_value), at);
      }
    }
    switch (value.kind) {
      case Kind::kNull:
        return builder_.Null(at);
      case Kind::kBool:
        return builder_.Bool(value.bool_value, at);
      case Kind::kInt64:
        return builder_.Int64(value.int_value, at);
      case Kind::kUint64:
        return builder_.Uint64(value.uint_value, at);
      case Kind::kDouble:
        return builder_.Double(value.double_value, at);
      case Kind::kString:
        return builder_.String(text, at);
    }
    return false;
  }

  const Limits& limits_;
  TreeBuilder builder_;
  Diagnostic& error_;
  std::unique_ptr<yaml_parser_t, ParserDeleter> parser_;
  std::vector<Container> open_;
  uint32_t documents_ = 0;
};

}  // namespace

bool ReadYaml(std::string_view text, const Limits& limits, SourceTree& tree,
              Diagnostic& error) {
  YamlTreeReader reader(text, limits, tree, error);
  return reader.Run(tree);
}

}  // namespace ingresskit::parse_internal
