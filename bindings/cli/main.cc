// The ingresskit command-line tool.
//
//   ingresskit                    the built-in example (the Istio task's
//                                 httpbin Ingress): the gateway config Istio
//                                 builds from it and two route decisions
//   ingresskit parse [FILE|-]     YAML or JSON to the model, as JSON
//   ingresskit match [--set KEY=VALUE]... FILE HOST PATH...
//                                 the route decision for each request
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
    "usage: ingresskit [COMMAND]\n"
    "  (no command)    the built-in example (the Istio task's httpbin "
    "Ingress):\n"
    "                  the gateway config Istio builds and route decisions\n"
    "  parse [--strict] [FILE|-]\n"
    "                  read Kubernetes YAML or JSON and print the Ingress "
    "model\n"
    "  match [--set KEY=VALUE]... FILE|- HOST PATH [PATH...]\n"
    "                  print which backend serves each request; options as "
    "in\n"
    "                  DESIGN (semantics=kubernetes, controller_mode=DEFAULT, "
    "...)\n"
    "  version         print the library version\n"
    "Diagnostics go to stderr. Exit status: 0 ok, 1 input errors, 2 usage.\n";

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

void PrintDiagnostics(std::string_view source_name,
                      const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    std::cerr << source_name << ": " << d.ToString() << "\n";
  }
}

int PrintParse(std::string_view source_name, std::string_view text,
               const ParseOptions& options) {
  ParseResult result = Parse(text, options);
  PrintDiagnostics(source_name, result.diagnostics);
  if (!result.ok()) {
    std::cerr << source_name << ": refused (" << ToString(result.status)
              << ")\n";
    return kExitInputErrors;
  }
  std::cout << ToJson(result.resources) << "\n";
  return CountErrors(result.diagnostics) == 0 ? kExitOk : kExitInputErrors;
}

// A reader's summary of the IR; the generated Istio YAML is issue 5's.
void PrintGatewayConfig(const GatewayConfig& config) {
  for (const Gateway& gw : config.gateways) {
    std::cout << "Gateway " << gw.namespace_name << "/" << gw.name
              << "  (from Ingress " << gw.ingress_namespace << "/"
              << gw.ingress_name << ")\n  selector:";
    for (const auto& [k, v] : gw.selector) std::cout << " " << k << "=" << v;
    std::cout << "\n";
    for (const GatewayServer& s : gw.servers) {
      std::cout << "  server " << s.name << ": " << s.protocol << " port "
                << s.port << " hosts";
      for (const std::string& h : s.hosts) std::cout << " " << h;
      if (!s.credential_name.empty()) {
        std::cout << " tls " << s.tls_mode << " credential "
                  << s.credential_name;
      }
      std::cout << "\n";
    }
  }
  for (const VirtualService& vs : config.virtual_services) {
    std::cout << "VirtualService " << vs.namespace_name << "/" << vs.name
              << "\n  hosts: " << vs.host << "\n  gateways: " << vs.gateway
              << "\n";
    for (size_t i = 0; i < vs.routes.size(); ++i) {
      const HttpRoute& r = vs.routes[i];
      std::cout << "  route " << i << ": " << ToString(r.match.type)
                << (r.match.value.empty() ? "" : " ") << r.match.value << " -> "
                << r.destination.host << ":" << r.destination.port
                << (r.reachable ? "" : "  (unreachable)") << "\n";
    }
  }
  if (config.default_route) {
    std::cout << "default backend -> " << config.default_route->destination.host
              << ":" << config.default_route->destination.port << "\n";
  }
}

void PrintDecision(const RouteTable& table, std::string_view host,
                   std::string_view path) {
  MatchResult m = table.Match(host, path);
  std::cout << "GET " << path << "  Host: " << host << "  -> ";
  if (!m.matched()) {
    std::cout << (m.status == MatchStatus::kNoRoute ? "404 (no route)"
                                                    : ToString(m.status))
              << "\n";
    return;
  }
  const HttpRoute& r = *m.route;
  std::cout << r.destination.host << ":" << r.destination.port << "  (";
  if (r.origin.is_default_backend) {
    std::cout << "default backend of";
  } else {
    std::cout << "route " << m.route_index << ", " << ToString(r.match.type)
              << " " << r.match.value << ", from";
  }
  std::cout << " Ingress " << r.origin.ingress_namespace << "/"
            << r.origin.ingress_name << ")\n";
}

int Example() {
  std::cout << "# Built-in example: " << kBuiltinExampleName
            << " (Istio task \"Ingress (Kubernetes)\")\n"
            << kBuiltinExample << "\n# Gateway configuration Istio builds:\n";
  CompileResult compiled = Compile(kBuiltinExample);
  PrintDiagnostics(kBuiltinExampleName, compiled.diagnostics);
  if (!compiled.ok()) return kExitInputErrors;
  PrintGatewayConfig(compiled.table.config());
  std::cout << "\n# Route decisions:\n";
  PrintDecision(compiled.table, "httpbin.example.com", "/status/200");
  PrintDecision(compiled.table, "httpbin.example.com", "/headers");
  return kExitOk;
}

int MatchCommand(const std::vector<std::string>& args) {
  CompileOptions options;
  size_t i = 1;
  for (; i < args.size() && args[i] == "--set"; i += 2) {
    if (i + 1 >= args.size() || args[i + 1].find('=') == std::string::npos) {
      std::cerr << "ingresskit: --set needs KEY=VALUE\n" << kUsage;
      return kExitUsage;
    }
    const std::string& kv = args[i + 1];
    size_t eq = kv.find('=');
    std::string error = SetOption(options, kv.substr(0, eq), kv.substr(eq + 1));
    if (!error.empty()) {
      std::cerr << "ingresskit: " << error << "\n";
      return kExitUsage;
    }
  }
  if (args.size() < i + 3) {
    std::cerr << "ingresskit: match needs FILE HOST PATH\n" << kUsage;
    return kExitUsage;
  }
  std::string text;
  if (!ReadInput(args[i], text)) return kExitUsage;
  CompileResult compiled = Compile(text, options);
  PrintDiagnostics(args[i] == "-" ? "<stdin>" : args[i], compiled.diagnostics);
  if (!compiled.ok()) return kExitInputErrors;
  for (size_t p = i + 2; p < args.size(); ++p) {
    PrintDecision(compiled.table, args[i + 1], args[p]);
  }
  return CountErrors(compiled.diagnostics) == 0 ? kExitOk : kExitInputErrors;
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
  if (command == "match") return MatchCommand(args);
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
