# Fails unless every dynamic symbol libingresskit.so defines is ingresskit_*
# (Abseil and the C++ API stay inside), and unless they are exactly those
# recorded in capi/ingresskit.symbols: adding or removing one is an ABI
# decision, made by refreshing the baseline (cmake --build --preset ci
# --target ingresskit_abi_baseline). Arguments: LIBRARY, SYMBOLS.
execute_process(COMMAND nm -D --defined-only "${LIBRARY}"
  OUTPUT_VARIABLE symbols RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nm failed on ${LIBRARY}")
endif()
string(REPLACE "\n" ";" lines "${symbols}")
set(count 0)
set(exported "")
foreach(line IN LISTS lines)
  if(line STREQUAL "")
    continue()
  endif()
  string(REGEX REPLACE "^.* " "" name "${line}")
  if(NOT name MATCHES "^ingresskit_")
    message(FATAL_ERROR "libingresskit.so exports ${name}")
  endif()
  list(APPEND exported "${name}")
  math(EXPR count "${count} + 1")
endforeach()
if(count LESS 15)
  message(FATAL_ERROR "only ${count} symbols exported; the C ABI is missing")
endif()
file(STRINGS "${SYMBOLS}" recorded)
list(SORT exported)
list(SORT recorded)
if(NOT exported STREQUAL recorded)
  set(added ${exported})
  list(REMOVE_ITEM added ${recorded})
  set(removed ${recorded})
  list(REMOVE_ITEM removed ${exported})
  message(FATAL_ERROR "exported symbols differ from ${SYMBOLS}: "
    "added [${added}], removed [${removed}]")
endif()
message(STATUS "${count} symbols, all ingresskit_*, as recorded")
