# Finds every third-party dependency from the system (Debian packages) and
# stops with the name of the package to install when one is missing.

include_guard(GLOBAL)

macro(_ingresskit_missing what debian_package)
  message(FATAL_ERROR
    "ingresskit needs ${what}, which was not found.\n"
    "On Debian/Ubuntu install it with:  apt-get install ${debian_package}")
endmacro()

macro(_ingresskit_require_pkgconfig prefix module debian_package)
  pkg_check_modules(${prefix} QUIET IMPORTED_TARGET GLOBAL ${module})
  if(NOT ${prefix}_FOUND)
    _ingresskit_missing("${module} (pkg-config)" "${debian_package}")
  endif()
endmacro()

macro(_ingresskit_require_config package what debian_package)
  find_package(${package} CONFIG QUIET)
  if(NOT ${package}_FOUND)
    _ingresskit_missing("${what}" "${debian_package}")
  endif()
endmacro()

macro(ingresskit_find_dependencies)
  find_package(PkgConfig QUIET)
  if(NOT PkgConfig_FOUND)
    _ingresskit_missing("pkg-config" "pkgconf")
  endif()

  _ingresskit_require_config(RapidJSON "RapidJSON" "rapidjson-dev")
  if(NOT TARGET ingresskit_rapidjson)
    # RapidJSON's config only sets variables; wrap them in a target.
    add_library(ingresskit_rapidjson INTERFACE)
    target_include_directories(ingresskit_rapidjson SYSTEM INTERFACE
      ${RapidJSON_INCLUDE_DIRS} ${RAPIDJSON_INCLUDE_DIRS})
    # std::string overloads, and plain pointers in values (no tag bits in
    # the high 16), which sanitizers and debuggers can follow.
    target_compile_definitions(ingresskit_rapidjson INTERFACE
      RAPIDJSON_HAS_STDSTRING=1 RAPIDJSON_48BITPOINTER_OPTIMIZATION=0)
  endif()

  _ingresskit_require_pkgconfig(INGRESSKIT_YAML yaml-0.1 libyaml-dev)
  _ingresskit_require_config(absl "Abseil" "libabsl-dev")
  if(INGRESSKIT_BUILD_TESTS)
    _ingresskit_require_config(GTest "GoogleTest" "libgtest-dev libgmock-dev")
  endif()
  if(INGRESSKIT_BUILD_BENCH)
    _ingresskit_require_config(benchmark "Google Benchmark" "libbenchmark-dev")
    # The regex baseline (Istio's regex routes, as RE2 evaluates them).
    _ingresskit_require_pkgconfig(INGRESSKIT_RE2 re2 libre2-dev)
    # A baseline the benchmarks measure against, never linked by the
    # library.
    _ingresskit_require_pkgconfig(INGRESSKIT_R3 r3 libr3-dev)
  endif()
endmacro()
