# Fails when libingresskit.so's C ABI differs from the baseline
# (capi/ingresskit.abi, made by libabigail's abidw from an optimised build
# with debug information). Only what capi/include declares counts: the
# C++ types behind the opaque handles may change freely. Any reported
# change fails, an added function too: extending the ABI is a decision,
# recorded by refreshing the baselines
#   cmake --build --preset ci --target ingresskit_abi_baseline
# abidiff's status bits: 1 error, 2 usage, 4 ABI change, 8 incompatible.
# Arguments: ABIDIFF, BASELINE, LIBRARY, HEADERS.
execute_process(
  COMMAND "${ABIDIFF}" --headers-dir1 "${HEADERS}" --headers-dir2 "${HEADERS}"
    "${BASELINE}" "${LIBRARY}"
  OUTPUT_VARIABLE report ERROR_VARIABLE errors RESULT_VARIABLE rc)
if(NOT rc MATCHES "^[0-9]+$")
  message(FATAL_ERROR "abidiff did not run: ${rc}\n${errors}")
endif()
if(NOT rc EQUAL 0)
  math(EXPR incompatible "${rc} & 8")
  if(incompatible)
    set(kind "incompatibly")
  else()
    set(kind "(refresh the baseline if this is meant)")
  endif()
  message(FATAL_ERROR
    "the C ABI changed ${kind}; abidiff status ${rc}:\n${report}${errors}")
endif()
message(STATUS "the C ABI matches capi/ingresskit.abi")
