// JSON through rapidjson's iterative (non-recursive) reader, so nesting is
// bounded by our limit and never by the stack.
#include <string>

#include "common/strings.h"
#include "parse/readers.h"
#include "rapidjson/error/en.h"
#include "rapidjson/memorystream.h"
#include "rapidjson/reader.h"

namespace ingresskit::parse_internal {
namespace {

// Adapts rapidjson's SAX callbacks to TreeBuilder, computing where each
// value starts: the reader reports a value after consuming it, so the start
// is the first significant byte after the previous token.
class JsonHandler {
 public:
  JsonHandler(std::string_view text, const rapidjson::MemoryStream& stream,
              TreeBuilder& builder)
      : text_(text), stream_(stream), builder_(builder), lines_(text) {}

  bool Null() { return Done(builder_.Null(Start())); }
  bool Bool(bool b) { return Done(builder_.Bool(b, Start())); }
  bool Int(int i) { return Done(builder_.Int64(i, Start())); }
  bool Uint(unsigned u) { return Done(builder_.Uint64(u, Start())); }
  bool Int64(int64_t i) { return Done(builder_.Int64(i, Start())); }
  bool Uint64(uint64_t u) { return Done(builder_.Uint64(u, Start())); }
  bool Double(double d) { return Done(builder_.Double(d, Start())); }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return false; }
  bool String(const char* s, rapidjson::SizeType length, bool) {
    return Done(builder_.String(std::string_view(s, length), Start()));
  }
  bool Key(const char* s, rapidjson::SizeType length, bool) {
    return Done(builder_.Key(std::string_view(s, length)));
  }
  bool StartObject() { return Done(builder_.StartObject(Start())); }
  bool EndObject(rapidjson::SizeType count) {
    return Done(builder_.EndObject(count));
  }
  bool StartArray() { return Done(builder_.StartArray(Start())); }
  bool EndArray(rapidjson::SizeType count) {
    return Done(builder_.EndArray(count));
  }

 private:
  SourcePosition Start() {
    size_t at = previous_end_;
    while (at < text_.size() &&
           (text_[at] == ' ' || text_[at] == '\t' || text_[at] == '\n' ||
            text_[at] == '\r' || text_[at] == ':' || text_[at] == ',')) {
      ++at;
    }
    return lines_.At(at);
  }
  bool Done(bool ok) {
    previous_end_ = stream_.Tell();
    return ok;
  }

  std::string_view text_;
  const rapidjson::MemoryStream& stream_;
  TreeBuilder& builder_;
  LineCounter lines_;
  size_t previous_end_ = 0;
};

}  // namespace

bool ReadJson(std::string_view text, const Limits& limits, SourceTree& tree,
              Diagnostic& error) {
  rapidjson::MemoryStream stream(text.data(), text.size());
  TreeBuilder builder(tree, limits.max_nesting_depth);
  JsonHandler handler(text, stream, builder);
  rapidjson::Reader reader;
  // No kParseFullPrecisionFlag: no field of a Kubernetes object we read is
  // a float (a fractional number is only ever a type error), and rapidjson
  // 1.1's full-precision path hands 0 to __builtin_clzll for inputs like
  // `0e99` (undefined; found by fuzz_parse).
  constexpr unsigned kFlags =
      rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;
  auto generate = [&](rapidjson::Document&) {
    return builder.BeginStream() && reader.Parse<kFlags>(stream, handler) &&
           builder.EndStream(1);
  };
  tree.document().Populate(generate);
  if (!reader.HasParseError()) {
    tree.Finish();
    return true;
  }
  size_t offset = reader.GetErrorOffset();
  error.severity = Severity::kError;
  error.offset = static_cast<int64_t>(offset);
  error.position = LineCounter(text).At(offset);
  if (builder.depth_exceeded()) {
    error.code = ErrorCode::kLimit;
    error.message = internal::StrCat("JSON nests deeper than the limit of ",
                                     limits.max_nesting_depth, " levels");
  } else {
    error.code = ErrorCode::kSyntax;
    error.message = internal::StrCat(
        "malformed JSON at byte offset ", offset, ": ",
        rapidjson::GetParseError_En(reader.GetParseErrorCode()));
  }
  return false;
}

}  // namespace ingresskit::parse_internal
