// The ingresskit command-line tool: Istio's Ingress routing for people.
//
//   ingresskit demo                         the Istio task's example, built in
//   ingresskit route -f FILE... HOST PATH   which backend serves a request
//   ingresskit check -f FILE...             diagnostics, like a compiler
//   ingresskit explain -f FILE... HOST PATH why a request goes where it goes
//   ingresskit diff --old F... --new F...   which requests change destination
//   ingresskit test -f FILE... -t TESTS     route-table unit tests
//   ingresskit lint -f FILE...              valid but almost surely wrong
//   ingresskit generate -f FILE... --format istio|istio-json|envoy|status
//   ingresskit address -f FILE...           the gateway's address, for a shell
//   ingresskit parse -f FILE...             the Ingress model as JSON
//   ingresskit version
//
// Commands and their flags come from one table (Commands()), compile
// options from the library's (CompileOptionSpecs()): the parser, the help
// and the dispatch are built from them, so they cannot disagree.
//
// Results go to stdout, diagnostics to stderr. Exit status: 0 success, 1 the
// input has errors (or the request has no route, for `route`), 2 usage or
// I/O problems.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "builtin_example.h"
#include "ingresskit/ingresskit.h"
#include "rapidjson/document.h"
#include "rapidjson/prettywriter.h"
#include "rapidjson/stringbuffer.h"

namespace ingresskit::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitInputErrors = 1;
constexpr int kExitUsage = 2;

// What a command accepts besides --help.
enum Takes : unsigned {
  kNothing = 0,
  kFiles = 1 << 0,           // -f FILE...
  kCompileOptions = 1 << 1,  // Every compile option, --strict included.
  kStrictOnly = 1 << 2,      // --strict alone (parse).
  kFormat = 1 << 3,          // --format FORMAT (generate).
  kSni = 1 << 4,             // --sni NAME (route over TLS).
  kOutput = 1 << 5,          // --output json|text (explain).
  kDiff = 1 << 6,            // --old FILE, --new FILE, --semantics A,B, --all,
                             // --exit-code.
  kTests = 1 << 7,    // -t FILE, --details, --only-failures, --fail-under PCT.
  kMigrate = 1 << 8,  // --gateway-name, --gateway-namespace,
                      // --use-ingress-gateway, --output-dir.
};

// The arguments of one command: files, options, positionals.
struct Arguments {
  std::vector<std::string> files;
  CompileOptions options;
  std::vector<std::string> positional;
  std::optional<OutputFormat> format;
  std::optional<std::string> sni;  // The request came over TLS with it.
  bool text_output = false;        // --output text.
  bool help = false;
  // diff: the two sides, as files or as two semantics of -f's files.
  std::vector<std::string> old_files;
  std::vector<std::string> new_files;
  std::optional<std::pair<Semantics, Semantics>> semantics_pair;
  bool all = false;        // --all
  bool exit_code = false;  // --exit-code
  // test: the test files, and how to report.
  std::vector<std::string> test_files;
  bool details = false;
  bool only_failures = false;
  std::optional<double> fail_under;
  bool json_output = false;  // --output json given.
  // migrate: the Gateway and where the objects go.
  MigrateOptions migrate;
  bool use_ingress_gateway = false;
  std::string output_dir;
};

// One command: the parser, the help and the dispatch all read this.
struct Command {
  std::string_view name;
  std::string_view operands;  // After the flags, in the synopsis.
  std::string_view summary;   // One line, in `ingresskit --help`.
  std::string_view details;   // What it prints and its exit status.
  unsigned takes;
  int (*run)(const Arguments&);
  // The exit status of a usage error (test keeps 2 for its coverage).
  int usage_status = kExitUsage;
};

const std::vector<Command>& Commands();

int Usage(std::string_view problem) {
  std::cerr << "ingresskit: " << problem << "\n(see ingresskit --help)\n";
  return kExitUsage;
}

// "controller_mode" -> "--controller-mode".
std::string FlagName(std::string_view option) {
  std::string flag = "--" + std::string(option);
  std::replace(flag.begin(), flag.end(), '_', '-');
  return flag;
}

std::string FormatNames(std::string_view separator) {
  std::string names;
  for (OutputFormat f : {OutputFormat::kIstioYaml, OutputFormat::kIstioJson,
                         OutputFormat::kEnvoyJson, OutputFormat::kStatusJson,
                         OutputFormat::kGatewayApiYaml}) {
    names += (names.empty() ? "" : std::string(separator)) +
             std::string(ToString(f));
  }
  return names;
}

std::string Synopsis(const Command& c) {
  std::string line = "ingresskit " + std::string(c.name);
  if (c.takes & kDiff) {
    line += " (--old FILE... --new FILE... [--semantics A,B] |";
    line += " --semantics A,B -f FILE...)";
    line += " [--all] [--exit-code]";
  } else if (c.takes & kFiles) {
    line += " -f FILE [-f FILE...]";
  }
  if (c.takes & kFormat) line += " --format FORMAT";
  if (c.takes & kTests) {
    line += " -t TESTS [-t TESTS...] [--details] [--only-failures]";
    line += " [--fail-under PCT]";
  }
  if (c.takes & kMigrate) {
    line += " [--gateway-name NAME] [--gateway-namespace NS]";
    line += " [--use-ingress-gateway] [--output-dir DIR]";
  }
  if (c.takes & kSni) line += " [--sni NAME]";
  if (c.takes & kOutput) line += " [--output json|text]";
  if (c.takes & kCompileOptions) line += " [OPTIONS]";
  if (c.takes & kStrictOnly) line += " [--strict]";
  if (!c.operands.empty()) line += " " + std::string(c.operands);
  return line;
}

void PrintUsage() {
  std::cout << "usage: ingresskit COMMAND [FLAGS]\n\nCommands:\n";
  for (const Command& c : Commands()) {
    std::string name = "  " + std::string(c.name);
    name.resize(std::max<size_t>(name.size() + 1, 12), ' ');
    std::cout << name << c.summary << "\n";
  }
  std::cout << "\nRun `ingresskit COMMAND --help` for a command's flags.\n";
}

void PrintHelp(const Command& c) {
  std::cout << "usage: " << Synopsis(c) << "\n" << c.details;
  if (c.takes & kFiles) {
    std::cout << "\nInput:\n  -f, --file FILE  Kubernetes YAML or JSON (a "
                 "List, a stream, an array);\n                   repeat for "
                 "more files; - reads stdin\n";
  }
  if (c.takes & kFormat) {
    std::cout << "  --format FORMAT  one of " << FormatNames(", ") << "\n";
  }
  if (c.takes & kStrictOnly) {
    std::cout << "  --strict         any error fails the whole input\n";
  }
  if (c.takes & kOutput) {
    std::cout << "  --output FORMAT  json (the default) or text, for people\n";
  }
  if (c.takes & kMigrate) {
    std::cout << "  --gateway-name NAME       the Gateway's name [ingress]\n"
                 "  --gateway-namespace NS    its namespace [the ingress "
                 "namespace]\n"
                 "  --use-ingress-gateway     bind it to the existing "
                 "--ingress-service\n"
                 "                            (spec.addresses) instead of a "
                 "new deployment\n"
                 "  --output-dir DIR          one file per object, "
                 "DIR/NAMESPACE/KIND-NAME.yaml\n";
  }
  if (c.takes & kSni) {
    std::cout
        << "  --sni NAME       the request came over TLS naming NAME (\"\""
           " for none):\n                   answered by that HTTPS "
           "server's route configuration\n";
  }
  if (c.takes & kCompileOptions) {
    std::cout << "\nCompile options (default in brackets: a stock Istio "
                 "install):\n";
    const CompileOptions defaults;
    for (const OptionSpec& spec : CompileOptionSpecs()) {
      std::string flag = FlagName(spec.name);
      if (spec.name == "strict") {
        std::cout << "  " << flag << "\n      " << spec.help << "\n";
        continue;
      }
      std::cout << "  " << flag << " " << spec.values << "  ["
                << *GetOption(defaults, spec.name) << "]\n      " << spec.help
                << "\n";
    }
  }
}

// Returns an error message, or empty when the arguments parse. A flag the
// command does not take is an error, never ignored.
std::string ParseArguments(const Command& command,
                           const std::vector<std::string>& args,
                           Arguments& out) {
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
    auto refuse = [&] {
      return std::string(command.name) + " does not take " + arg;
    };
    if (arg == "-h" || arg == "--help") {
      out.help = true;
    } else if (arg == "-f" || arg == "--file") {
      if (!(command.takes & kFiles)) return refuse();
      auto v = value();
      if (!v) return arg + " needs a file name (or - for stdin)";
      out.files.push_back(*v);
    } else if (arg == "--format") {
      if (!(command.takes & kFormat)) return refuse();
      auto v = value();
      if (!v) return "--format needs one of " + FormatNames(", ");
      out.format = OutputFormatFromString(*v);
      if (!out.format) {
        return "--format must be one of " + FormatNames(", ") + ", not " + *v;
      }
    } else if ((arg == "--old" || arg == "--new") && (command.takes & kDiff)) {
      auto v = value();
      if (!v) return arg + " needs a file name (or - for stdin)";
      (arg == "--old" ? out.old_files : out.new_files).push_back(*v);
    } else if ((arg == "-t" || arg == "--tests") && (command.takes & kTests)) {
      auto v = value();
      if (!v) return arg + " needs a test file (YAML or JSON)";
      out.test_files.push_back(*v);
    } else if (arg == "--details" && (command.takes & kTests)) {
      out.details = true;
    } else if (arg == "--only-failures" && (command.takes & kTests)) {
      out.only_failures = true;
    } else if (arg == "--fail-under" && (command.takes & kTests)) {
      auto v = value();
      char* end = nullptr;
      const double pct = v ? std::strtod(v->c_str(), &end) : -1;
      if (!v || v->empty() || *end != '\0' || pct < 0 || pct > 100) {
        return "--fail-under needs a percentage, 0 to 100";
      }
      out.fail_under = pct;
    } else if ((arg == "--gateway-name" || arg == "--gateway-namespace" ||
                arg == "--output-dir") &&
               (command.takes & kMigrate)) {
      auto v = value();
      if (!v || v->empty()) return arg + " needs a value";
      if (arg == "--output-dir") {
        out.output_dir = *v;
      } else {
        (arg == "--gateway-name" ? out.migrate.gateway_name
                                 : out.migrate.gateway_namespace) = *v;
      }
    } else if (arg == "--use-ingress-gateway" && (command.takes & kMigrate)) {
      out.use_ingress_gateway = true;
    } else if (arg == "--all" && (command.takes & kDiff)) {
      out.all = true;
    } else if (arg == "--exit-code" && (command.takes & kDiff)) {
      out.exit_code = true;
    } else if (arg == "--semantics" && (command.takes & kDiff) &&
               (inline_value ? inline_value->find(',') != std::string::npos
                             : i + 1 < args.size() && args[i + 1].find(',') !=
                                                          std::string::npos)) {
      const std::string v = *value();
      const size_t comma = v.find(',');
      std::optional<Semantics> a = SemanticsFromString(v.substr(0, comma));
      std::optional<Semantics> b = SemanticsFromString(v.substr(comma + 1));
      if (!a || !b) {
        return "--semantics A,B needs two of istio, kubernetes, gateway-api, "
               "not " +
               v;
      }
      out.semantics_pair.emplace(*a, *b);
    } else if (arg == "--output") {
      if (!(command.takes & kOutput)) return refuse();
      auto v = value();
      if (!v || (*v != "json" && *v != "text")) {
        return "--output must be json or text";
      }
      out.text_output = *v == "text";
      out.json_output = *v == "json";
    } else if (arg == "--sni") {
      if (!(command.takes & kSni)) return refuse();
      out.sni = value();
      if (!out.sni) return "--sni needs a server name (\"\" for none)";
    } else if (arg == "--strict" && !inline_value) {
      if (!(command.takes & (kCompileOptions | kStrictOnly))) return refuse();
      out.options.strict = true;
    } else if (arg.starts_with("--") && arg.size() > 2) {
      std::string name = arg.substr(2);
      std::replace(name.begin(), name.end(), '-', '_');
      if (!GetOption(out.options, name) || name == "strict") {
        return "unknown flag " + arg;
      }
      if (!(command.takes & kCompileOptions)) return refuse();
      auto v = value();
      if (!v) return arg + " needs a value";
      if (std::string e = SetOption(out.options, name, *v); !e.empty()) {
        return e;
      }
    } else if (arg.size() > 1 && arg[0] == '-') {
      return "unknown flag " + arg;
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

// file:line: severity: object field: message, as compilers write it.
void PrintDiagnostic(const Diagnostic& d) {
  std::cerr << (d.source.empty() ? "ingresskit: " : "") << d.ToCompilerStyle()
            << "\n";
}

void PrintDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) PrintDiagnostic(d);
}

// The files' texts, each named as diagnostics name it.
struct LoadedInput {
  std::vector<std::string> names;
  std::vector<std::string> texts;
  bool refused = false;  // A file was not readable.

  std::vector<Source> sources() const {
    std::vector<Source> out;
    for (size_t i = 0; i < texts.size(); ++i)
      out.push_back({names[i], texts[i]});
    return out;
  }
};

LoadedInput Load(const std::vector<std::string>& files) {
  LoadedInput out;
  for (const std::string& path : files) {
    std::optional<std::string> text = ReadInput(path);
    if (!text) {
      out.refused = true;
      continue;
    }
    out.names.push_back(DisplayName(path));
    out.texts.push_back(std::move(*text));
  }
  return out;
}

// Loads and compiles; nullopt (after saying why) when nothing usable came.
std::optional<RouteTable> CompileFiles(const std::vector<std::string>& files,
                                       const CompileOptions& options,
                                       size_t* errors = nullptr) {
  if (files.empty()) {
    Usage("no input: give -f FILE (or -f - for stdin)");
    return std::nullopt;
  }
  LoadedInput input = Load(files);
  if (input.refused) return std::nullopt;
  CompileResult compiled = Compile(input.sources(), options);
  PrintDiagnostics(compiled.diagnostics);
  if (errors != nullptr) *errors = CountErrors(compiled.diagnostics);
  if (!compiled.ok()) return std::nullopt;
  return compiled.table;
}

std::optional<RouteTable> CompileInput(const Arguments& args,
                                       size_t* errors = nullptr) {
  return CompileFiles(args.files, args.options, errors);
}

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void String(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

// Prints a JSON text from the library indented, as `route` prints.
void PrintIndented(const std::string& json) {
  rapidjson::Document d;
  d.Parse(json.c_str());
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  d.Accept(w);
  std::cout << buffer.GetString() << "\n";
}

int RouteCommand(const Arguments& args) {
  if (args.positional.size() != 2) {
    return Usage("route needs HOST and PATH after the options");
  }
  std::optional<RouteTable> table = CompileInput(args);
  if (!table) return kExitInputErrors;
  const std::string& host = args.positional[0];
  const std::string& path = args.positional[1];
  const TlsServer* tls_server = nullptr;
  MatchResult m;
  if (args.sni) {
    TlsMatchResult tls = table->MatchTls(*args.sni, host, path);
    if (tls.server == nullptr) {
      std::cout << "{\"status\": null, \"reason\": \"no HTTPS server "
                   "accepts this server name: the TLS handshake fails\"}\n";
      return kExitInputErrors;
    }
    tls_server = tls.server;
    m = tls.result;
  } else {
    m = table->Match(host, path);
  }
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  if (tls_server != nullptr) {
    w.Key("tlsServer");
    String(w, tls_server->name);
  }
  w.Key("status");
  w.Int(HttpStatus(m.status));
  w.Key("host");
  String(w, host);
  w.Key("path");
  String(w, path);
  // What the gateway routes on and forwards (without the query).
  w.Key("normalizedPath");
  std::string normalized(MaxNormalizedPathBytes(path.size()), '\0');
  NormalizedPath n = table->NormalizePath(path, normalized);
  if (n.ok()) {
    String(w, std::string_view(normalized).substr(0, n.length));
  } else {
    w.Null();
  }
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
    // Where a proxy sends it: ready endpoints, 503, or the DNS name.
    w.Key("endpointStatus");
    String(w, ToString(r.destination.endpoint_status));
    w.Key("endpoints");
    w.StartArray();
    for (const std::string& endpoint : r.destination.endpoints) {
      String(w, endpoint);
    }
    w.EndArray();
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

// Why HOST PATH goes where it goes: Explain()'s account of the decision.
int ExplainCommand(const Arguments& args) {
  if (args.positional.size() != 2) {
    return Usage("explain needs HOST and PATH after the options");
  }
  std::optional<RouteTable> table = CompileInput(args);
  if (!table) return kExitInputErrors;
  const Explanation e = Explain(*table, args.positional[0], args.positional[1]);
  if (args.text_output) {
    std::cout << ExplanationText(e);
  } else {
    PrintIndented(ExplanationJson(e));
  }
  return e.http_status == 200 ? kExitOk : kExitInputErrors;
}

// Which requests change destination: old files against new ones, or one
// input under two semantics.
int DiffCommand(const Arguments& args) {
  std::optional<RouteTable> old_table, new_table;
  const bool sides = !args.old_files.empty() || !args.new_files.empty();
  if (sides && (args.old_files.empty() || args.new_files.empty() ||
                !args.files.empty())) {
    return Usage("diff needs both --old FILE and --new FILE (and no -f)");
  }
  if (!sides && (!args.semantics_pair || args.files.empty())) {
    return Usage(
        "diff needs --old FILE and --new FILE, or --semantics A,B with -f "
        "FILE");
  }
  // Each side compiles with its own semantics: the pair's when given,
  // else what its content calls for (Ingresses: istio; HTTPRoutes alone:
  // gateway-api).
  CompileOptions old_options = args.options;
  CompileOptions new_options = args.options;
  if (args.semantics_pair) {
    old_options.semantics = args.semantics_pair->first;
    new_options.semantics = args.semantics_pair->second;
  }
  old_table = CompileFiles(sides ? args.old_files : args.files, old_options);
  if (old_table) {
    new_table = CompileFiles(sides ? args.new_files : args.files, new_options);
  }
  if (!old_table || !new_table) return kExitUsage;
  DiffOptions options;
  options.all = args.all;
  const DiffResult diff = Diff(*old_table, *new_table, options);
  if (args.text_output) {
    std::cout << DiffText(diff);
  } else {
    PrintIndented(DiffJson(diff));
  }
  return args.exit_code && !diff.changes.empty() ? kExitInputErrors : kExitOk;
}

// Route-table unit tests: exit 0 all pass, 1 a test failed, 2 coverage
// under --fail-under, 3 bad input (as router_check_tool, failures first).
int TestCommand(const Arguments& args) {
  constexpr int kExitTestFailed = 1;
  constexpr int kExitCoverage = 2;
  constexpr int kExitBadInput = 3;
  if (args.test_files.empty() || args.files.empty()) {
    Usage(
        "test needs -f FILE (the configuration) and -t TESTS (a YAML or "
        "JSON test file)");
    return kExitBadInput;
  }
  std::optional<RouteTable> table = CompileInput(args);
  if (!table) return kExitBadInput;
  std::vector<RouteTest> tests;
  for (const std::string& file : args.test_files) {
    std::optional<std::string> text = ReadInput(file);
    if (!text) return kExitBadInput;
    RouteTestsParseResult parsed = ParseRouteTests(*text, DisplayName(file));
    PrintDiagnostics(parsed.diagnostics);
    if (!parsed.ok()) return kExitBadInput;
    tests.insert(tests.end(), parsed.tests.begin(), parsed.tests.end());
  }
  const RouteTestReport report = RunRouteTests(*table, tests);
  if (args.json_output) {
    PrintIndented(RouteTestReportJson(report, args.only_failures));
  } else {
    std::cout << RouteTestReportText(report, args.details, args.only_failures);
  }
  if (report.failed > 0) return kExitTestFailed;
  if (args.fail_under && report.coverage.percent < *args.fail_under) {
    std::cout << std::flush;
    std::cerr << "ingresskit: route coverage " << std::fixed
              << std::setprecision(2) << report.coverage.percent
              << std::defaultfloat << "% is under --fail-under "
              << *args.fail_under << "%\n";
    return kExitCoverage;
  }
  return kExitOk;
}

// The HTTPS server, and so the certificate, a TLS client naming
// SERVER_NAME gets. Never the key: its size only.
int TlsCommand(const Arguments& args) {
  if (args.positional.size() != 1) {
    return Usage("tls needs SERVER_NAME after the options (\"\" for none)");
  }
  std::optional<RouteTable> table = CompileInput(args);
  if (!table) return kExitInputErrors;
  const std::string& name = args.positional[0];
  const TlsServer* server = table->SelectTlsServer(name);
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("serverName");
  String(w, name);
  w.Key("server");
  if (server == nullptr) {
    w.Null();
    w.Key("reason");
    String(w, "no HTTPS server accepts this name: the TLS handshake fails");
  } else {
    String(w, server->name);
    w.Key("gateway");
    String(w, server->gateway);
    // A Gateway API listener's server has no Ingress: `gateway` names it
    // (namespace/name/listener).
    if (table->config().semantics != Semantics::kGatewayApi) {
      w.Key("ingress");
      String(w, server->ingress_namespace + "/" + server->ingress_name);
    }
    w.Key("hosts");
    w.StartArray();
    for (const std::string& host : server->hosts) String(w, host);
    w.EndArray();
    w.Key("credentialName");
    String(w, server->credential_name);
    w.Key("secret");
    String(w, server->secret);
    w.Key("secretFound");
    w.Bool(server->secret_found);
    if (server->secret_found) {
      w.Key("certificate");
      String(w, server->certificate.view());  // Public: the chain sent.
      w.Key("privateKey");
      String(w, "<redacted: " + std::to_string(server->private_key.size()) +
                    " bytes>");
    }
  }
  w.EndObject();
  std::cout << buffer.GetString() << "\n";
  return server != nullptr ? kExitOk : kExitInputErrors;
}

// Compiles as check and lint do: the compile's diagnostics printed, then
// the lint findings (nullopt, after saying why, when nothing compiled).
std::optional<LintResult> LintInput(const std::vector<std::string>& files,
                                    const CompileOptions& options,
                                    bool errors_only) {
  if (files.empty()) {
    Usage("no input: give -f FILE (or -f - for stdin)");
    return std::nullopt;
  }
  LoadedInput input = Load(files);
  if (input.refused) return std::nullopt;
  LintResult result = Lint(input.sources(), options);
  for (const Diagnostic& d : result.diagnostics) {
    if (!errors_only || d.severity == Severity::kError) PrintDiagnostic(d);
  }
  return result;
}

int CheckCommand(const Arguments& args) {
  std::optional<LintResult> linted =
      LintInput(args.files, args.options, /*errors_only=*/false);
  if (!linted) return kExitInputErrors;
  size_t errors = CountErrors(linted->diagnostics);
  // Envoy refuses these routes, and with them every route of the gateway:
  // an error here although the table compiles.
  for (const LintFinding& f : linted->findings) {
    if (f.code != "envoy-rejects-route") continue;
    std::cerr << f.ToCompilerStyle() << "\n";
    ++errors;
  }
  if (!linted->ok()) return kExitInputErrors;
  std::cerr << linted->table.route_count() << " routes, " << errors << " error"
            << (errors == 1 ? "" : "s") << "\n";
  return errors == 0 ? kExitOk : kExitInputErrors;
}

int LintCommand(const Arguments& args) {
  // lint's --strict makes warnings errors; it does not change compiling.
  const bool warnings_are_errors = args.options.strict;
  CompileOptions options = args.options;
  options.strict = false;
  std::optional<LintResult> linted =
      LintInput(args.files, options, /*errors_only=*/true);
  if (!linted) return kExitInputErrors;
  if (!linted->ok()) return kExitInputErrors;
  std::vector<LintFinding> findings = linted->findings;
  size_t counts[3] = {0, 0, 0};
  for (LintFinding& f : findings) {
    if (warnings_are_errors && f.diagnostic.severity == Severity::kWarning) {
      f.diagnostic.severity = Severity::kError;
    }
    ++counts[static_cast<size_t>(f.diagnostic.severity)];
  }
  if (args.text_output) {
    for (const LintFinding& f : findings) {
      std::cout << f.ToCompilerStyle() << "\n";
    }
  } else {
    PrintIndented(LintJson(findings));
  }
  const size_t compile_errors = CountErrors(linted->diagnostics);
  std::cout << std::flush;  // The findings before the count, on a terminal.
  std::cerr << counts[0] + compile_errors << " errors, " << counts[1]
            << " warnings, " << counts[2] << " notes\n";
  return counts[0] + compile_errors == 0 ? kExitOk : kExitInputErrors;
}

int GenerateCommand(const Arguments& args) {
  if (!args.format) return Usage("generate needs --format " + FormatNames("|"));
  std::optional<RouteTable> table = CompileInput(args);
  if (!table) return kExitInputErrors;
  if (!GeneratesFor(table->config(), *args.format)) {
    std::cerr << "ingresskit: the input was compiled with semantics "
              << ToString(table->config().semantics) << "; generate --format "
              << ToString(*args.format)
              << " writes what Istio makes of Ingresses (semantics istio)\n";
    return kExitInputErrors;
  }
  std::cout << Generate(table->config(), *args.format);
  return kExitOk;
}

// Writes `text` to `path`, creating its directory; false after saying why.
bool WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (error || !(file << text) || !file.flush()) {
    std::cerr << "ingresskit: cannot write " << path.string()
              << (error ? ": " + error.message() : std::string()) << "\n";
    return false;
  }
  return true;
}

int MigrateCommand(const Arguments& args) {
  if (args.files.empty()) {
    return Usage("no input: give -f FILE (or -f - for stdin)");
  }
  LoadedInput input = Load(args.files);
  if (input.refused) return kExitInputErrors;
  MigrateOptions options = args.migrate;
  if (args.use_ingress_gateway) {
    options.address = args.options.ingress_service + "." +
                      args.options.ingress_namespace + ".svc." +
                      args.options.domain_suffix;
  }
  const MigrateResult result = Migrate(input.sources(), args.options, options);
  if (result.ok() && args.output_dir.empty()) {
    std::cout << GatewayApiYaml(result.objects) << std::flush;
  } else if (result.ok()) {
    const std::vector<std::string> documents =
        GatewayApiDocuments(result.objects);
    auto path = [&](std::string_view kind, const ObjectMeta& meta) {
      return std::filesystem::path(args.output_dir) / meta.namespace_name /
             (std::string(kind) + "-" + meta.name + ".yaml");
    };
    bool written = WriteFile(path("gateway", result.objects.gateway.metadata),
                             documents[0]);
    for (size_t i = 0; i < result.objects.http_routes.size(); ++i) {
      written =
          written &&
          WriteFile(path("httproute", result.objects.http_routes[i].metadata),
                    documents[i + 1]);
    }
    if (!written) return kExitInputErrors;
    std::cerr << "ingresskit: wrote " << documents.size() << " objects under "
              << args.output_dir << "\n";
  }
  std::cerr << MigrateReport(result);
  return result.equivalent() ? kExitOk : kExitInputErrors;
}

// Shell-sourceable: eval "$(ingresskit address -f gateway-service.yaml)".
int AddressCommand(const Arguments& args) {
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
  LoadedInput input = Load(args.files);
  if (input.refused) return kExitInputErrors;
  ParseOptions options;
  options.strict = args.options.strict;
  options.limits = args.options.limits;
  ParseResult parsed = Parse(input.sources(), options);
  PrintDiagnostics(parsed.diagnostics);
  if (!parsed.ok()) return kExitInputErrors;
  std::cout << ToJson(parsed.resources) << "\n";
  return CountErrors(parsed.diagnostics) == 0 ? kExitOk : kExitInputErrors;
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
  const Source example[] = {{kBuiltinExampleName, kBuiltinExample}};
  CompileResult compiled = Compile(example);
  PrintDiagnostics(compiled.diagnostics);
  if (!compiled.ok()) return kExitInputErrors;
  std::cout << Generate(compiled.table.config(), OutputFormat::kIstioYaml);
  std::cout << "\n# Route decisions:\n";
  PrintDecision(compiled.table, "httpbin.example.com", "/status/200");
  PrintDecision(compiled.table, "httpbin.example.com", "/headers");
  return kExitOk;
}

int VersionCommand(const Arguments&) {
  std::cout << "ingresskit " << INGRESSKIT_VERSION_STRING << "\n";
  return kExitOk;
}

const std::vector<Command>& Commands() {
  static const auto* commands = new std::vector<Command>{
      {"demo", "", "the Istio task's httpbin example, built in",
       "  Prints the built-in example (the Istio task \"Ingress (Kubernetes)\""
       "\n  httpbin Ingress), the Gateway and VirtualService Istio generates"
       "\n  from it (YAML), and the route decisions for GET /status/200 and"
       "\n  GET /headers on httpbin.example.com.\n",
       kNothing, [](const Arguments&) { return DemoCommand(); }},
      {"route", "HOST PATH", "which backend serves one request, as JSON",
       "  Prints one JSON object: status (200; 404 for no route; 400 for a"
       "\n  request the gateway cannot read), host, path, normalizedPath (the"
       "\n  path as the gateway routes and forwards it, without the query;"
       "\n  null for a path it refuses), and when routed"
       "\n  endpointStatus (ready, no-ready-endpoints: a proxy answers 503,"
       "\n  unknown: the input has no endpoint data) and endpoints,"
       "\n  destination, port, cluster, ingress and route (index, host, match,"
       "\n  value, path, pathType), or \"defaultBackend\". Exit 0 when routed,"
       "\n  1 otherwise.\n",
       kFiles | kCompileOptions | kSni, RouteCommand},
      {"explain", "HOST PATH", "why one request goes where it goes",
       "  Prints one JSON object (--output text: lines for people): the"
       "\n  request and how the gateway reads it (normalized host, path and"
       "\n  the steps taken), host_selection (the virtual host selected and"
       "\n  each configured host that could apply, with why), routes (the"
       "\n  selected host's routes in the order they are tried: match,"
       "\n  no_match with the reason, or not_evaluated with would_match),"
       "\n  winner, shadowed (routes that also match and lose, with why) and"
       "\n  decision (status 200/404/400, destination, port, cluster): always"
       "\n  the decision `route` prints. --semantics kubernetes explains the"
       "\n  Ingress spec's rule. Exit 0 when routed, 1 otherwise.\n",
       kFiles | kCompileOptions | kOutput, ExplainCommand},
      {"test", "", "route-table unit tests, with route coverage",
       "  Runs the tests of each -t file (YAML or JSON: tests: [{name, host,"
       "\n  path, expect: {status, destination, port, cluster, ingress}}], or"
       "\n  Envoy's router_check tests unchanged: test_name, input.authority,"
       "\n  input.path, validate.cluster_name, \"\" for no route) against the"
       "\n  table. Prints each failure with expected against actual and why"
       "\n  the request went where it did, then the summary and the route"
       "\n  coverage (routes that served a passing test); --details: every"
       "\n  test and every route not covered; --only-failures; --output json:"
       "\n  one object with summary {total, passed, failed}, results and"
       "\n  coverage {routes, covered, percent, missing}. Exit 0 when all"
       "\n  pass, 1 when a test failed, 2 when coverage is under"
       "\n  --fail-under PCT, 3 for bad input.\n",
       kFiles | kCompileOptions | kOutput | kTests, TestCommand, 3},
      {"diff", "", "which requests two configurations route differently",
       "  Compares two configurations (--old FILE... against --new FILE...,"
       "\n  each compiled with the semantics its content calls for, so an"
       "\n  Ingress can be checked against the HTTPRoutes that replace it;"
       "\n  --semantics A,B sets each side's), or one under two semantics"
       "\n  (--semantics istio,kubernetes -f FILE...: the first is old),"
       "\n  exactly: the requests are split into"
       "\n  classes each side decides alike, and each class is decided once."
       "\n  Prints one JSON object (--output text: one line per change):"
       "\n  complete, summary {classes, changed} and changes, each with its"
       "\n  kind (rerouted, now_routed, now_404; same_backend_other_route"
       "\n  with --all), an example host and path (examples: every path"
       "\n  shown), the class in words and both decisions with their routes."
       "\n  Exit 0; with --exit-code, 1 when something changed; 2 for bad"
       "\n  input.\n",
       kFiles | kCompileOptions | kOutput | kDiff, DiffCommand},
      {"check", "", "report problems like a compiler; exit 1 on errors",
       "  Prints one diagnostic a line to stderr,"
       "\n  FILE:LINE: SEVERITY: OBJECT FIELD: MESSAGE, then \"N routes, N"
       "\n  errors\". Exit 1 when there are errors.\n",
       kFiles | kCompileOptions, CheckCommand},
      {"lint", "", "valid configurations that are almost surely wrong",
       "  Prints one JSON array of findings, each with code, severity"
       "\n  (error, warning, info), object, field, line, source and message"
       "\n  (--output text: FILE:LINE: SEVERITY: OBJECT FIELD: MESSAGE [CODE]"
       "\n  a line, as check writes). Codes: duplicate-route,"
       "\n  unreachable-route, wildcard-multilabel, ignored-ingress,"
       "\n  default-backend-ignored, missing-service, unresolved-port,"
       "\n  tls-secret-namespace (the last three when Services or Secrets are"
       "\n  given), envoy-rejects-route, never-matches (docs/analyze.md)."
       "\n  The input's own errors go to stderr. --strict makes warnings"
       "\n  errors. Exit 1 when there are errors.\n",
       kFiles | kCompileOptions | kOutput, LintCommand},
      {"generate", "", "the configuration Istio would generate",
       "  Prints, by FORMAT: istio, the Gateways then the VirtualServices as"
       "\n  a YAML stream (kubectl apply -f - ready); istio-json, the same"
       "\n  objects as one JSON array; envoy, a JSON array of Envoy v3"
       "\n  RouteConfigurations, one per route name (http.80, then one per"
       "\n  HTTPS server); status, one JSON object mapping each served"
       "\n  Ingress (namespace/name) to its status.loadBalancer.ingress "
       "list;"
       "\n  gateway-api, the Gateway and HTTPRoutes `migrate` writes (without"
       "\n  its warnings and proof).\n",
       kFiles | kCompileOptions | kFormat, GenerateCommand},
      {"migrate", "", "Gateway API objects that route as the Ingresses do",
       "  Writes one Gateway (gatewayClassName istio; an http listener on 80"
       "\n  and an HTTPS listener per TLS host, routes from every namespace)"
       "\n  and one HTTPRoute per host and Ingress namespace, its rules in"
       "\n  Istio's order, as a YAML stream on stdout (--output-dir: one file"
       "\n  per object). What Istio never routes (shadowed paths, paths"
       "\n  dropped for an unresolved port, default backends) is left out"
       "\n  with a warning naming the Ingress field. Then it proves the"
       "\n  result: the exact request-class diff of `diff` between the"
       "\n  Ingresses (istio) and its own output (gateway-api), over plain"
       "\n  HTTP. The warnings and the verdict (equivalent, or each differing"
       "\n  class with an example and both decisions) go to stderr. Exit 0"
       "\n  when equivalent, 1 when they differ or the input has errors.\n",
       kFiles | kCompileOptions | kMigrate, MigrateCommand},
      {"tls", "SERVER_NAME", "which HTTPS server and certificate a name gets",
       "  Prints one JSON object: the HTTPS server a TLS client naming"
       "\n  SERVER_NAME (SNI; \"\" for none) is served by, as Istio accepts"
       "\n  servers and Envoy picks one (exact host, longest *.suffix, *),"
       "\n  its credentialName, the Secret Istio reads (in the gateway's"
       "\n  namespace), and that Secret's certificate chain; the key appears"
       "\n  as its size only. server is null, and the exit status 1, when no"
       "\n  server accepts the name.\n",
       kFiles | kCompileOptions, TlsCommand},
      {"address", "", "where clients reach the gateway, for a shell",
       "  Works out the gateway's address from its Service (--ingress-service"
       "\n  in --ingress-namespace) as the Istio task does, and prints"
       "\n  INGRESS_HOST=, INGRESS_PORT= and SECURE_INGRESS_PORT= lines for"
       "\n  eval in a shell. Exit 1 when the Service is not in the input.\n",
       kFiles | kCompileOptions, AddressCommand},
      {"parse", "", "the objects ingresskit reads, as JSON",
       "  Prints the objects read (Ingress, IngressClass, Service,"
       "\n  EndpointSlice, Endpoints, Secret) as one JSON List; a Secret's"
       "\n  values appear as their sizes only. Exit 1 when an object has"
       "\n  errors.\n",
       kFiles | kStrictOnly, ParseCommand},
      {"version", "", "the library version",
       "  Prints \"ingresskit MAJOR.MINOR.PATCH\".\n", kNothing,
       VersionCommand},
  };
  return *commands;
}

int Main(const std::vector<std::string>& argv) {
  if (argv.empty() || argv[0] == "help" || argv[0] == "--help" ||
      argv[0] == "-h") {
    PrintUsage();
    return argv.empty() ? kExitUsage : kExitOk;
  }
  const std::string name = argv[0] == "--version" ? "version" : argv[0];
  const auto& commands = Commands();
  auto command = std::find_if(commands.begin(), commands.end(),
                              [&](const Command& c) { return c.name == name; });
  if (command == commands.end()) {
    return Usage("unknown command \"" + name + "\"");
  }
  Arguments args;
  std::string problem = ParseArguments(
      *command, std::vector<std::string>(argv.begin() + 1, argv.end()), args);
  if (args.help) {
    PrintHelp(*command);
    return kExitOk;
  }
  if (!problem.empty()) {
    Usage(name + ": " + problem);
    return command->usage_status;
  }
  if (command->operands.empty() && !args.positional.empty()) {
    Usage(name + " takes no operands, got \"" + args.positional[0] + "\"");
    return command->usage_status;
  }
  return command->run(args);
}

}  // namespace
}  // namespace ingresskit::cli

int main(int argc, char** argv) {
  return ingresskit::cli::Main(std::vector<std::string>(argv + 1, argv + argc));
}
