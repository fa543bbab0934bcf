// Small helpers to build rapidjson trees that own their strings.
#ifndef INGRESSKIT_LIB_GENERATE_JSON_BUILDER_H_
#define INGRESSKIT_LIB_GENERATE_JSON_BUILDER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "rapidjson/document.h"

namespace ingresskit::generate_internal {

class JsonBuilder {
 public:
  explicit JsonBuilder(rapidjson::Document::AllocatorType& allocator)
      : allocator_(allocator) {}

  rapidjson::Value String(std::string_view s) {
    return rapidjson::Value(
        s.data(), static_cast<rapidjson::SizeType>(s.size()), allocator_);
  }
  rapidjson::Value Object() { return rapidjson::Value(rapidjson::kObjectType); }
  rapidjson::Value Array() { return rapidjson::Value(rapidjson::kArrayType); }
  rapidjson::Value Array(const std::vector<std::string>& items) {
    rapidjson::Value array(rapidjson::kArrayType);
    for (const auto& item : items) Push(array, String(item));
    return array;
  }

  // Adds `key: value` to `object`, in insertion order.
  void Set(rapidjson::Value& object, std::string_view key,
           rapidjson::Value value) {
    object.AddMember(String(key), value, allocator_);
  }
  void Set(rapidjson::Value& object, std::string_view key,
           std::string_view value) {
    Set(object, key, String(value));
  }
  void Set(rapidjson::Value& object, std::string_view key, uint32_t value) {
    Set(object, key, rapidjson::Value(value));
  }
  // Named apart: a string literal would otherwise choose a bool overload.
  void SetBool(rapidjson::Value& object, std::string_view key, bool value) {
    Set(object, key, rapidjson::Value(value));
  }
  void Push(rapidjson::Value& array, rapidjson::Value value) {
    array.PushBack(value, allocator_);
  }

 private:
  rapidjson::Document::AllocatorType& allocator_;
};

}  // namespace ingresskit::generate_internal

#endif  // INGRESSKIT_LIB_GENERATE_JSON_BUILDER_H_
