# Installs the build tree into a scratch prefix, then builds and runs
# consumers that find it with find_package(ingresskit) and pkg-config.
# Arguments: BUILD_DIR, SOURCE_DIR, WORK_DIR, GENERATOR, C_COMPILER, LIBDIR.

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc
    OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  message(STATUS "${out}")
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")

foreach(f include/ingresskit.h include/ingresskit/c.h
          include/ingresskit/ingresskit.h
          include/ingresskit/version.h
          ${LIBDIR}/libingresskit.so.1 ${LIBDIR}/libingresskit.a
          ${LIBDIR}/pkgconfig/ingresskit.pc
          ${LIBDIR}/cmake/ingresskit/ingresskitConfig.cmake
          ${LIBDIR}/cmake/ingresskit/ingresskitConfigVersion.cmake)
  if(NOT EXISTS "${prefix}/${f}")
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
file(GLOB internal_headers "${prefix}/include/ingresskit/*/*")
if(internal_headers)
  message(FATAL_ERROR "internal headers installed: ${internal_headers}")
endif()

run(${CMAKE_COMMAND} -S "${SOURCE_DIR}/test/install/consumer"
  -B "${WORK_DIR}/consumer" -G "${GENERATOR}"
  "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_BUILD_RPATH=${prefix}/${LIBDIR}")
run(${CMAKE_COMMAND} --build "${WORK_DIR}/consumer")
run("${WORK_DIR}/consumer/consumer_shared")
run("${WORK_DIR}/consumer/consumer_static")
run("${WORK_DIR}/consumer/consumer_cxx17")
run("${WORK_DIR}/consumer/consumer_plugin")

# The plugin linked libingresskit.a: its dynamic symbol table holds its own
# entry point and nothing of ingresskit, Abseil or RE2.
run(nm -D -C --defined-only "${WORK_DIR}/consumer/libplugin.so")
string(REGEX MATCHALL "[^\n]*(ingresskit|absl::|re2::)[^\n]*" leaked
  "${last_output}")
if(leaked)
  list(JOIN leaked "\n" leaked)
  message(FATAL_ERROR "libplugin.so exports what it took from "
    "libingresskit.a:\n${leaked}")
endif()
if(NOT last_output MATCHES "plugin_port")
  message(FATAL_ERROR "libplugin.so does not export plugin_port:\n"
    "${last_output}")
endif()

# pkg-config, for build systems other than CMake.
set(ENV{PKG_CONFIG_PATH} "${prefix}/${LIBDIR}/pkgconfig")
run(pkg-config --cflags --libs ingresskit)
separate_arguments(pc_flags UNIX_COMMAND "${last_output}")
run("${C_COMPILER}" -std=c99 -Wall -Werror
  "${SOURCE_DIR}/test/install/pkgconfig_consumer.c" ${pc_flags}
  "-Wl,-rpath,${prefix}/${LIBDIR}" -o "${WORK_DIR}/pkgconfig_consumer")
run("${WORK_DIR}/pkgconfig_consumer")
