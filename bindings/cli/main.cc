// The ingresskit command-line tool: Istio's Ingress routing for people.
//
//   ingresskit demo                         the Istio task's example, built in
//   ingresskit route -f FILE... HOST PATH   which backend serves a request
//   ingresskit check -f FILE...             diagnostics, like a compiler
//   ingresskit generate -f FILE... --format istio|istio-json|envoy|status
//   ingresskit address -f FILE...           the gateway's address, for a shell
//   ingresskit parse -f FILE...             the Ingress model as JSON
//   ingresskit version
//
// Results go to stdout, diagnostics to stderr. Exit status: 0 success, 1 the
// input has errors (or the request has no route, for `route`), 2 usage or
// I/O problems.
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "builtin_example.h"
#include "ingresskit/ingresskit.h"
#include "rapidjson/prettywriter.h"
#include "rapidjson/stringbuffer.h"

namespace ingresskit::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitInputErrors = 1;
constexpr int kExitUsage = 2;

constexpr std::string_view kUsage = R"text(usage: ingresskit COMMAND [OPTIONS]

Commands:
  demo                       the Istio task "Ingress (Kubernetes)" example,
                             built in: its gateway config and route decisions
  route -f FILE... HOST PATH which backend serves the request, as JSON
  check -f FILE...           report problems like a compiler; exit 1 on errors
  generate -f FILE... --format istio|istio-json|envoy|status
                             the configuration Istio would generate
  address -f FILE...         where clients reach the gateway (INGRESS_HOST=...)
  parse -f FILE...           the Ingress model ingresskit reads, as JSON
  version                    the library version

Run `ingresskit COMMAND --help` for a command's options.
)text";

constexpr std::string_view kCompileFlags = R"text(Input:
  -f, --file FILE            Kubernetes YAML or JSON; repeat for more files;
                             - reads stdin
Compile options (defaults: a stock Istio install):
  --semantics istio|kubernetes
  --controller-mode DEFAULT|STRICT|OFF           (STRICT)
  --ingress-class NAME                           (istio)
  --domain-suffix SUFFIX                         (cluster.local)
  --ingress-namespace NAMESPACE                  (istio-system)
  --ingress-selector VALUE                       (ingressgateway)
  --ingress-service NAME                         (istio-ingressgateway)
  --glob-prefix path_separated|string
  --path-normalization NONE|BASE|MERGE_SLASHES|DECODE_AND_MERGE_SLASHES
  --strict                   any error fails the whole input
)text";

struct CommandHelp {
  std::string_view synopsis;
  bool compile_flags;
};

const std::map<std::string_view, CommandHelp>& Helps() {
  static const auto* helps = new std::map<std::string_view, CommandHelp>{
      {"demo",
       {"usage: ingresskit demo\n  Shows the built-in example (the Istio "
        "task's "
        "httpbin Ingress), the Gateway and\n  VirtualService Istio builds from "
        "it, and the decisions for GET /status/200\n  and GET /headers on "
        "httpbin.example.com.\n",
        false}},
      {"route",
       {"usage: ingresskit route -f FILE [-f FILE...] [OPTIONS] HOST PATH\n"
        "  Prints the route decision as one JSON object: status (200, 404, or "
        "400 for a\n  request the gateway cannot read), destination, port, "
        "ingress, path, pathType.\n  Exit 0 when routed, 1 otherwise.\n",
        true}},
      {"check",
       {"usage: ingresskit check -f FILE [-f FILE...] [OPTIONS]\n"
        "  Prints diagnostics as FILE:LINE: SEVERITY: OBJECT FIELD: MESSAGE; "
        "exit 1 when\n  there are errors.\n",
        true}},
      {"generate",
       {"usage: ingresskit generate -f FILE [-f FILE...] --format FORMAT "
        "[OPTIONS]\n  FORMAT: istio (YAML), istio-json, envoy "
        "(RouteConfiguration "
        "JSON), status.\n",
        true}},
      {"parse",
       {"usage: ingresskit parse -f FILE [-f FILE...] [--strict]\n"
        "  Prints the Ingress, IngressClass and Service objects read, as a "
        "JSON List.\n",
        false}},
      {"address",
       {"usage: ingresskit address -f FILE [-f FILE...] [OPTIONS]\n"
        "  Where clients reach the gateway, from its Service (the "
        "--ingress-service in\n  --ingress-namespace), as the Istio task "
        "works it out; prints INGRESS_HOST,\n  INGRESS_PORT and "
        "SECURE_INGRESS_PORT for eval in a shell.\n",
        true}},
      {"version", {"usage: ingresskit version\n", false}},
  };
  return *helps;
}

void PrintHelp(std::string_view command) {
  const CommandHelp& help = Helps().at(command);
  std::cout << help.synopsis;
  if (help.compile_flags) std::cout << kCompileFlags;
}

int Usage(std::string_view problem) {
  std::cerr << "ingresskit: " << problem << "\n(see ingresskit --help)\n";
  return kExitUsage;
}

// The arguments of one command: files, options, positionals.
struct Arguments {
  std::vector<std::string> files;
  CompileOptions options;
  std::vector<std::string> positional;
  std::optional<std::string> format;
  bool help = false;
};

// Flag name to option key (SetOption's spelling).
const std::map<std::string_view, std::string_view>& OptionFlags() {
  static const auto* flags = new std::map<std::string_view, std::string_view>{
      {"--semantics", "semantics"},
      {"--controller-mode", "controller_mode"},
      {"--ingress-class", "ingress_class"},
      {"--domain-suffix", "domain_suffix"},
      {"--ingress-namespace", "ingress_namespace"},
      {"--ingress-selector", "ingress_selector"},
      {"--ingress-service", "ingress_service"},
      {"--glob-prefix", "glob_prefix"},
      {"--path-normalization", "path_normalization"},
  };
  return *flags;
}

// Returns an error message, or empty when the arguments parse.
std::string ParseArguments(const std::vector<std::string>& args,
                           bool compile_flags, Arguments& out) {
  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    std::optional<std::string> inline_value;
    if (arg.starts_with("--") && arg.find('=') != std::string::npos) {
      inline_value = arg.substr(arg.find('=') + 1);
      arg = arg.substr(0, arg.find('='));
    }
    auto value = [&]() -> std::optional<std::string> {
      if (inline_value) return inline_value;
      if (i + 1 < args.size()) return args[++i];
      return std::nullopt;
    };
    if (arg == "-h" || arg == "--help") {
      out.help = true;
    } else if (arg == "-f" || arg == "--file") {
      auto v = value();
      if (!v) return arg + " needs a file name (or - for stdin)";
      out.files.push_back(*v);
    } else if (arg == "--strict") {
      out.options.strict = true;
    } else if (arg == "--format") {
      out.format = value();
      if (!out.format) return "--format needs a value";
    } else if (auto flag = OptionFlags().find(arg);
               compile_flags && flag != OptionFlags().end()) {
      auto v = value();
      if (!v) return arg + " needs a value";
      if (std::string e = SetOption(out.options, flag->second, *v);
          !e.empty()) {
        return e;
      }
    } else if (arg.size() > 1 && arg[0] == '-') {
      return "unknown option " + arg;
    } else {
      out.positional.push_back(arg);
    }
  }
  return {};
}

std::optional<std::string> ReadInput(const std::string& path) {
  std::ostringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
  } else {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
      std::cerr << "ingresskit: cannot open " << path << "\n";
      return std::nullopt;
    }
    buffer << file.rdbuf();
  }
  return buffer.str();
}

std::string DisplayName(const std::string& path) {
  return path == "-" ? "<stdin>" : path;
}

// file:line: severity: object field: message
void PrintDiagnostic(std::string_view file, const Diagnostic& d) {
  std::cerr << file;
  if (d.position.known()) std::cerr << ":" << d.position.line;
  std::cerr << ": " << ToString(d.severity) << ": ";
  std::string subject = d.object;
  if (!d.field.empty()) subject += (subject.empty() ? "" : " ") + d.field;
  if (!subject.empty()) std::cerr << subject << ": ";
  std::cerr << d.message << "\n";
}

// Every file parsed on its own (so diagnostics name their file), merged.
struct LoadedInput {
  ResourceSet resources;
  // "Ingress ns/name" to the file it came from, for later diagnostics.
  std::map<std::string, std::string> files;
  size_t errors = 0;
  bool refused = false;  // A file was not readable or not well-formed.
};

LoadedInput Load(const Arguments& args) {
  LoadedInput out;
  ParseOptions parse_options;
  parse_options.strict = args.options.strict;
  parse_options.limits = args.options.limits;
  for (const std::string& path : args.files) {
    std::optional<std::string> text = ReadInput(path);
    if (!text) {
      out.refused = true;
      continue;
    }
    ParseResult parsed = Parse(*text, parse_options);
    for (const Diagnostic& d : parsed.diagnostics) {
      PrintDiagnostic(DisplayName(path), d);
    }
    out.errors += CountErrors(parsed.diagnostics);
    if (!parsed.ok()) {
      out.refused = true;
      continue;
    }
    for (const Ingress& ingress : parsed.resources.ingresses) {
      out.files.emplace(DescribeObject("Ingress", ingress.metadata),
                        DisplayName(path));
    }
    auto append = [](auto& to, auto& from) {
      to.insert(to.end(), std::make_move_iterator(from.begin()),
                std::make_move_iterator(from.end()));
    };
    append(out.resources.ingresses, parsed.resources.ingresses);
    append(out.resources.ingress_classes, parsed.resources.ingress_classes);
    append(out.resources.services, parsed.resources.services);
  }
  return out;
}

// Loads and compiles; nullopt (after saying why) when nothing usable came.
std::optional<RouteTable> CompileInput(const Arguments& args,
                                       size_t* errors = nullptr) {
  if (args.files.empty()) {
    Usage("no input: give -f FILE (or -f - for stdin)");
    return std::nullopt;
  }
  LoadedInput input = Load(args);
  if (input.refused) return std::nullopt;
  CompileResult compiled = Compile(input.resources, args.options);
  for (const Diagnostic& d : compiled.diagnostics) {
    auto file = input.files.find(d.object);
    PrintDiagnostic(file == input.files.end() ? "ingresskit" : file->second, d);
  }
  if (errors != nullptr) {
    *errors = input.errors + CountErrors(compiled.diagnostics);
  }
  if (!compiled.ok()) return std::nullopt;
  return compiled.table;
}

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void String(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

int RouteCommand(const Arguments& args) {
  if (args.positional.size() != 2) {
    return Usage("route needs HOST and PATH after the options");
  }
  std::optional<RouteTable> table = CompileInput(args);
  if (!table) return kExitInputErrors;
  const std::string& host = args.positional[0];
  const std::string& path = args.positional[1];
  MatchResult m = table->Match(host, path);
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("status");
  w.Int(m.matched() ? 200 : m.status == MatchStatus::kNoRoute ? 404 : 400);
  w.Key("host");
  String(w, host);
  w.Key("path");
  String(w, path);
  if (!m.matched()) {
    w.Key("reason");
    String(w, ToString(m.status));
  } else {
    const HttpRoute& r = *m.route;
    w.Key("destination");
    String(w, r.destination.host);
    w.Key("port");
    w.Uint(r.destination.port);
    w.Key("cluster");
    String(w, r.destination.cluster);
    w.Key("ingress");
    String(w, r.origin.ingress_namespace + "/" + r.origin.ingress_name);
    w.Key("route");
    if (r.origin.is_default_backend) {
      String(w, "defaultBackend");
    } else {
      w.StartObject();
      w.Key("index");
      w.Uint(m.route_index);
      w.Key("host");
      String(w, m.virtual_service->host);
      w.Key("match");
      String(w, ToString(r.match.type));
      w.Key("value");
      String(w, r.match.value);
      w.Key("path");
      String(w, r.origin.path);
      w.Key("pathType");
      std::string_view type = ToString(r.origin.path_type);
      if (type.empty()) {
        w.Null();
      } else {
        String(w, type);
      }
      w.EndObject();
    }
  }
  w.EndObject();
  std::cout << buffer.GetString() << "\n";
  return m.matched() ? kExitOk : kExitInputErrors;
}

int CheckCommand(const Arguments& args) {
  if (!args.positional.empty())
    return Usage("check takes no positional arguments");
  size_t errors = 0;
  std::optional<RouteTable> table = CompileInput(args, &errors);
  if (!table) return kExitInputErrors;
  std::cerr << table->route_count() << " routes, " << errors << " error"
            << (errors == 1 ? "" : "s") << "\n";
  return errors == 0 ? kExitOk : kExitInputErrors;
}

int GenerateCommand(const Arguments& args) {
  static constexpr std::string_view kFormats[] = {"istio", "istio-json",
                                                  "envoy", "status"};
  if (!args.format) return Usage("generate needs --format");
  bool known = false;
  for (std::string_view f : kFormats) known |= *args.format == f;
  if (!known) {
    return Usage("--format must be istio, istio-json, envoy or status, not " +
                 *args.format);
  }
  std::optional<RouteTable> table = CompileInput(args);
  if (!table) return kExitInputErrors;
  std::cout << Generate(table->config(), *OutputFormatFromString(*args.format));
  return kExitOk;
}

// Shell-sourceable: eval "$(ingresskit address -f gateway-service.yaml)".
int AddressCommand(const Arguments& args) {
  if (!args.positional.empty())
    return Usage("address takes no positional arguments");
  std::optional<RouteTable> table = CompileInput(args);
  if (!table) return kExitInputErrors;
  std::optional<GatewayAddress> address = IngressAddress(table->config());
  if (!address) {
    std::cerr << "ingresskit: no Service " << args.options.ingress_namespace
              << "/" << args.options.ingress_service
              << " in the input (kubectl -n " << args.options.ingress_namespace
              << " get service " << args.options.ingress_service
              << " -o yaml)\n";
    return kExitInputErrors;
  }
  if (!address->note.empty()) std::cout << "# " << address->note << "\n";
  std::cout << "INGRESS_HOST=" << address->host << "\n"
            << "INGRESS_PORT=" << address->http_port << "\n"
            << "SECURE_INGRESS_PORT=" << address->https_port << "\n";
  return address->host.empty() ? kExitInputErrors : kExitOk;
}

int ParseCommand(const Arguments& args) {
  if (args.files.empty()) return Usage("no input: give -f FILE");
  LoadedInput input = Load(args);
  if (input.refused) return kExitInputErrors;
  std::cout << ToJson(input.resources) << "\n";
  return input.errors == 0 ? kExitOk : kExitInputErrors;
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
  std::cout << r.destination.host << ":" << r.destination.port << "  (route "
            << m.route_index << ", " << ToString(r.match.type) << " "
            << r.match.value << ", from Ingress " << r.origin.ingress_namespace
            << "/" << r.origin.ingress_name << ")\n";
}

int DemoCommand() {
  std::cout << "# Built-in example: " << kBuiltinExampleName
            << " (Istio task \"Ingress (Kubernetes)\")\n"
            << kBuiltinExample
            << "\n# The Istio configuration generated from it:\n";
  CompileResult compiled = Compile(kBuiltinExample);
  for (const Diagnostic& d : compiled.diagnostics) {
    PrintDiagnostic(kBuiltinExampleName, d);
  }
  if (!compiled.ok()) return kExitInputErrors;
  std::cout << Generate(compiled.table.config(), OutputFormat::kIstioYaml);
  std::cout << "\n# Route decisions:\n";
  PrintDecision(compiled.table, "httpbin.example.com", "/status/200");
  PrintDecision(compiled.table, "httpbin.example.com", "/headers");
  return kExitOk;
}

int Main(const std::vector<std::string>& argv) {
  if (argv.empty() || argv[0] == "help" || argv[0] == "--help" ||
      argv[0] == "-h") {
    std::cout << kUsage;
    return argv.empty() ? kExitUsage : kExitOk;
  }
  const std::string& command = argv[0];
  if (command == "--version") return Main({"version"});
  auto help = Helps().find(command);
  if (help == Helps().end()) {
    return Usage("unknown command \"" + command + "\"");
  }
  Arguments args;
  std::string problem =
      ParseArguments(std::vector<std::string>(argv.begin() + 1, argv.end()),
                     help->second.compile_flags, args);
  if (args.help) {
    PrintHelp(command);
    return kExitOk;
  }
  if (!problem.empty()) return Usage(command + ": " + problem);
  if (command == "demo") return DemoCommand();
  if (command == "version") {
    std::cout << "ingresskit " << INGRESSKIT_VERSION_STRING << "\n";
    return kExitOk;
  }
  if (command == "route") return RouteCommand(args);
  if (command == "check") return CheckCommand(args);
  if (command == "generate") return GenerateCommand(args);
  if (command == "address") return AddressCommand(args);
  return ParseCommand(args);
}

}  // namespace
}  // namespace ingresskit::cli

int main(int argc, char** argv) {
  return ingresskit::cli::Main(std::vector<std::string>(argv + 1, argv + argc));
}
