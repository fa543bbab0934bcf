#include "generate/yaml_emitter.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <vector>

#include "parse/yaml_scalar.h"
#include "rapidjson/prettywriter.h"
#include "rapidjson/stringbuffer.h"
#include "yaml.h"

namespace ingresskit::generate_internal {
namespace {

int AppendOutput(void* data, unsigned char* buffer, size_t size) {
  static_cast<std::string*>(data)->append(reinterpret_cast<char*>(buffer),
                                          size);
  return 1;
}

class Emitter {
 public:
  explicit Emitter(std::string& out) {
    yaml_emitter_initialize(&emitter_);
    yaml_emitter_set_output(&emitter_, AppendOutput, &out);
    yaml_emitter_set_unicode(&emitter_, 1);
    yaml_emitter_set_indent(&emitter_, 2);
    yaml_emitter_set_width(&emitter_, -1);  // Never fold long strings.
  }
  ~Emitter() { yaml_emitter_delete(&emitter_); }
  Emitter(const Emitter&) = delete;
  Emitter& operator=(const Emitter&) = delete;

  void Stream(const rapidjson::Value& documents) {
    yaml_event_t event;
    yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING);
    Emit(event);
    for (const auto& document : documents.GetArray()) {
      yaml_document_start_event_initialize(&event, nullptr, nullptr, nullptr,
                                           0);
      Emit(event);
      Node(document);
      yaml_document_end_event_initialize(&event, 1);
      Emit(event);
    }
    yaml_stream_end_event_initialize(&event);
    Emit(event);
  }

 private:
  void Emit(yaml_event_t& event) {
    if (!yaml_emitter_emit(&emitter_, &event)) {
      throw std::runtime_error(
          std::string("YAML emitter: ") +
          (emitter_.problem ? emitter_.problem : "failed"));
    }
  }

  void Scalar(std::string_view text, bool plain_ok) {
    yaml_event_t event;
    yaml_scalar_event_initialize(
        &event, nullptr, nullptr,
        reinterpret_cast<yaml_char_t*>(const_cast<char*>(text.data())),
        static_cast<int>(text.size()), plain_ok ? 1 : 0, 1,
        plain_ok ? YAML_ANY_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
    Emit(event);
  }

  void String(std::string_view text) {
    // A plain scalar must read back as this same string.
    bool plain_ok = parse_internal::ResolvePlainScalar(text).kind ==
                    parse_internal::ResolvedScalar::Kind::kString;
    Scalar(text, plain_ok);
  }

  void Node(const rapidjson::Value& value) {
    yaml_event_t event;
    switch (value.GetType()) {
      case rapidjson::kObjectType: {
        yaml_mapping_start_event_initialize(&event, nullptr, nullptr, 1,
                                            YAML_BLOCK_MAPPING_STYLE);
        Emit(event);
        // Keys sorted, as Kubernetes tooling (Go's YAML) writes them.
        std::vector<const rapidjson::Value::Member*> members;
        for (const auto& member : value.GetObject()) members.push_back(&member);
        std::sort(members.begin(), members.end(), [](auto* a, auto* b) {
          return std::string_view(a->name.GetString(),
                                  a->name.GetStringLength()) <
                 std::string_view(b->name.GetString(),
                                  b->name.GetStringLength());
        });
        for (const auto* member : members) {
          String(std::string_view(member->name.GetString(),
                                  member->name.GetStringLength()));
          Node(member->value);
        }
        yaml_mapping_end_event_initialize(&event);
        Emit(event);
        return;
      }
      case rapidjson::kArrayType:
        yaml_sequence_start_event_initialize(&event, nullptr, nullptr, 1,
                                             YAML_BLOCK_SEQUENCE_STYLE);
        Emit(event);
        for (const auto& element : value.GetArray()) Node(element);
        yaml_sequence_end_event_initialize(&event);
        Emit(event);
        return;
      case rapidjson::kStringType:
        String(std::string_view(value.GetString(), value.GetStringLength()));
        return;
      case rapidjson::kNumberType: {
        char number[32];
        int n = value.IsInt64()
                    ? std::snprintf(number, sizeof(number), "%lld",
                                    static_cast<long long>(value.GetInt64()))
                : value.IsUint64()
                    ? std::snprintf(
                          number, sizeof(number), "%llu",
                          static_cast<unsigned long long>(value.GetUint64()))
                    : std::snprintf(number, sizeof(number), "%.17g",
                                    value.GetDouble());
        Scalar(std::string_view(number, static_cast<size_t>(n)), true);
        return;
      }
      case rapidjson::kTrueType:
        Scalar("true", true);
        return;
      case rapidjson::kFalseType:
        Scalar("false", true);
        return;
      case rapidjson::kNullType:
        Scalar("null", true);
        return;
    }
  }

  yaml_emitter_t emitter_;
};

}  // namespace

std::string ToYamlStream(const rapidjson::Value& documents) {
  std::string out;
  Emitter(out).Stream(documents);
  return out;
}

std::string ToJsonText(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace ingresskit::generate_internal
