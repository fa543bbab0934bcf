#include "parse/base64.h"

#include <array>
#include <cstdint>

#include "common/wipe.h"

namespace ingresskit::parse_internal {
namespace {

constexpr std::array<int8_t, 256> MakeDecodeTable() {
  std::array<int8_t, 256> table{};
  for (auto& v : table) v = -1;
  constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (int i = 0; i < 64; ++i) {
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int8_t>(i);
  }
  return table;
}
constexpr std::array<int8_t, 256> kDecode = MakeDecodeTable();

}  // namespace

bool DecodeBase64(std::string_view text, std::string& out) {
  out.clear();
  if (text.size() % 4 != 0) return false;
  size_t padding = 0;
  if (!text.empty() && text.back() == '=') ++padding;
  if (text.size() >= 2 && text[text.size() - 2] == '=') ++padding;
  out.resize(text.size() / 4 * 3 - padding);
  size_t written = 0;
  for (size_t i = 0; i < text.size(); i += 4) {
    uint32_t group = 0;
    const bool last = i + 4 == text.size();
    for (size_t j = 0; j < 4; ++j) {
      const auto c = static_cast<unsigned char>(text[i + j]);
      int8_t value = kDecode[c];
      if (c == '=' && last && j >= 4 - padding) value = 0;
      if (value < 0) {
        internal::Wipe(out);
        return false;
      }
      group = group << 6 | static_cast<uint32_t>(value);
    }
    const size_t bytes = last ? 3 - padding : 3;
    for (size_t k = 0; k < bytes; ++k) {
      out[written++] = static_cast<char>(group >> (16 - 8 * k) & 0xff);
    }
  }
  return true;
}

}  // namespace ingresskit::parse_internal
