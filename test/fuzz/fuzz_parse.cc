// Parser fuzzer: any bytes, as YAML or JSON text. Parsing must end in
// resources or typed errors, never a crash or a hang; what parses must
// compile and generate.
#include <cstdint>
#include <string_view>

#include "ingresskit/generate.h"
#include "ingresskit/parse.h"
#include "ingresskit/route_table.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ingresskit;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ParseOptions options;
  options.limits.max_document_bytes = 1 << 20;
  ParseResult parsed = Parse(text, options);
  if (!parsed.ok()) return 0;
  CompileOptions compile;
  compile.controller_mode = ControllerMode::kDefault;
  CompileResult compiled = Compile(parsed.resources, compile);
  if (!compiled.ok()) return 0;
  for (OutputFormat format :
       {OutputFormat::kIstioYaml, OutputFormat::kIstioJson,
        OutputFormat::kEnvoyJson, OutputFormat::kStatusJson,
        OutputFormat::kGatewayApiYaml}) {
    (void)Generate(compiled.table.config(), format);
  }
  return 0;
}
