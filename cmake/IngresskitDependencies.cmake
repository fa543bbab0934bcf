# Finds every third-party dependency from the system (Debian packages) and
# stops with the name of the package to install when one is missing.

include_guard(GLOBAL)

macro(_ingresskit_missing what debian_package)
  message(FATAL_ERROR
    "ingresskit needs ${what}, which was not found.\n"
    "On Debian/Ubuntu install it with:  apt-get install ${debian_package}")
endmacro()

macro(ingresskit_find_dependencies)
  find_package(PkgConfig QUIET)
  if(NOT PkgConfig_FOUND)
    _ingresskit_missing("pkg-config" "pkgconf")
  endif()

  find_package(RapidJSON CONFIG QUIET)
  if(NOT RapidJSON_FOUND)
    _ingresskit_missing("RapidJSON" "rapidjson-dev")
  endif()
  if(NOT TARGET ingresskit_rapidjson)
    # RapidJSON's config only sets variables; wrap them in a target.
    add_library(ingresskit_rapidjson INTERFACE)
    target_include_directories(ingresskit_rapidjson SYSTEM INTERFACE
      ${RapidJSON_INCLUDE_DIRS} ${RAPIDJSON_INCLUDE_DIRS})
    # Size strings and containers with size_t and never trust a NUL byte.
    target_compile_definitions(ingresskit_rapidjson INTERFACE
      RAPIDJSON_HAS_STDSTRING=1 RAPIDJSON_48BITPOINTER_OPTIMIZATION=0)
  endif()

  pkg_check_modules(INGRESSKIT_YAML QUIET IMPORTED_TARGET GLOBAL yaml-0.1)
  if(NOT INGRESSKIT_YAML_FOUND)
    _ingresskit_missing("libyaml" "libyaml-dev")
  endif()

  pkg_check_modules(INGRESSKIT_RE2 QUIET IMPORTED_TARGET GLOBAL re2)
  if(NOT INGRESSKIT_RE2_FOUND)
    _ingresskit_missing("RE2" "libre2-dev")
  endif()

  find_package(absl CONFIG QUIET)
  if(NOT absl_FOUND)
    _ingresskit_missing("Abseil" "libabsl-dev")
  endif()

  if(INGRESSKIT_BUILD_TESTS)
    find_package(GTest CONFIG QUIET)
    if(NOT GTest_FOUND)
      _ingresskit_missing("GoogleTest" "libgtest-dev libgmock-dev")
    endif()
  endif()

  if(INGRESSKIT_BUILD_BENCH)
    find_package(benchmark CONFIG QUIET)
    if(NOT benchmark_FOUND)
      _ingresskit_missing("Google Benchmark" "libbenchmark-dev")
    endif()
  endif()
endmacro()
