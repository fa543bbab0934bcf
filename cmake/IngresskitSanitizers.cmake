# Applies INGRESSKIT_SANITIZE to everything built after this point, so the
# library, its tests and the tools agree on one runtime.

include_guard(GLOBAL)

if(INGRESSKIT_SANITIZE)
  if(INGRESSKIT_SANITIZE STREQUAL "address,undefined")
    set(_flags -fsanitize=address,undefined -fno-sanitize-recover=all)
  elseif(INGRESSKIT_SANITIZE STREQUAL "thread")
    set(_flags -fsanitize=thread)
  else()
    message(FATAL_ERROR "INGRESSKIT_SANITIZE must be empty, "
      "'address,undefined' or 'thread', not '${INGRESSKIT_SANITIZE}'")
  endif()
  add_compile_options(${_flags} -fno-omit-frame-pointer)
  add_link_options(${_flags})
endif()

# Fuzzing: every object carries libFuzzer's coverage instrumentation; the
# fuzzers link the fuzzer runtime themselves (test/fuzz).
if(INGRESSKIT_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "INGRESSKIT_FUZZ needs clang (the fuzz preset)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link
    -fsanitize-ignorelist=${PROJECT_SOURCE_DIR}/test/fuzz/sanitizer_ignorelist.txt)
endif()
