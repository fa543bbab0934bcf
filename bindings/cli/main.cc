// The ingresskit command-line tool.
//
//   ingresskit                    the built-in example (the Istio task's
//                                 httpbin Ingress): its parsed model
//   ingresskit parse [FILE|-]     YAML or JSON to the model, as JSON
//   ingresskit version
//
// Diagnostics go to stderr, results to stdout. Exit status: 0 success,
// 1 the input has errors, 2 usage or I/O problems.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "builtin_example.h"
#include "ingresskit/ingresskit.h"

namespace ingresskit::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitInputErrors = 1;
constexpr int kExitUsage = 2;

constexpr std::string_view kUsage =
    "usage: ingresskit [parse [--strict] [FILE|-] | version | help]\n"
    "  (no command)   show the built-in example: the Istio task's httpbin "
    "Ingress\n"
    "  parse          read Kubernetes YAML or JSON (FILE, or stdin for - or "
    "none)\n"
    "                 and print the Ingress model as JSON; diagnostics on "
    "stderr\n"
    "  version        print the library version\n";

bool ReadInput(const std::string& path, std::string& out) {
  std::ostringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
  } else {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
      std::cerr << "ingresskit: cannot open " << path << "\n";
      return false;
    }
    buffer << file.rdbuf();
  }
  out = buffer.str();
  return true;
}

int PrintParse(std::string_view source_name, std::string_view text,
               const ParseOptions& options) {
  ParseResult result = Parse(text, options);
  for (const Diagnostic& d : result.diagnostics) {
    std::cerr << source_name << ": " << d.ToString() << "\n";
  }
  if (!result.ok()) {
    std::cerr << source_name << ": refused (" << ToString(result.status)
              << ")\n";
    return kExitInputErrors;
  }
  std::cout << ToJson(result.resources) << "\n";
  return CountErrors(result.diagnostics) == 0 ? kExitOk : kExitInputErrors;
}

int Example() {
  std::cout << "# Built-in example: " << kBuiltinExampleName
            << " (Istio task \"Ingress (Kubernetes)\")\n"
            << kBuiltinExample << "\n# Parsed model:\n";
  return PrintParse(kBuiltinExampleName, kBuiltinExample, ParseOptions{});
}

int Main(const std::vector<std::string>& args) {
  if (args.empty()) return Example();
  const std::string& command = args[0];
  if (command == "help" || command == "--help" || command == "-h") {
    std::cout << kUsage;
    return kExitOk;
  }
  if (command == "version" || command == "--version") {
    std::cout << "ingresskit " << INGRESSKIT_VERSION_STRING << "\n";
    return kExitOk;
  }
  if (command == "parse") {
    ParseOptions options;
    std::string path = "-";
    for (size_t i = 1; i < args.size(); ++i) {
      if (args[i] == "--strict") {
        options.strict = true;
      } else if (args[i].size() > 1 && args[i][0] == '-') {
        std::cerr << "ingresskit: unknown option " << args[i] << "\n" << kUsage;
        return kExitUsage;
      } else {
        path = args[i];
      }
    }
    std::string text;
    if (!ReadInput(path, text)) return kExitUsage;
    return PrintParse(path == "-" ? "<stdin>" : path, text, options);
  }
  std::cerr << "ingresskit: unknown command \"" << command << "\"\n" << kUsage;
  return kExitUsage;
}

}  // namespace
}  // namespace ingresskit::cli

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return ingresskit::cli::Main(args);
}
