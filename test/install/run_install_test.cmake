# Installs the build tree into a scratch prefix, then builds and runs
# consumers that find it with find_package(ingresskit) and pkg-config.
# Then imports the installed Python package, and builds one with pip.
# Arguments: BUILD_DIR, SOURCE_DIR, WORK_DIR, GENERATOR, C_COMPILER, LIBDIR,
# PYTHON, PYTHON_DIR, LIBRARY (the shared library in the build tree).

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
          ${LIBDIR}/cmake/ingresskit/ingresskitConfigVersion.cmake
          ${PYTHON_DIR}/ingresskit/__init__.py
          ${PYTHON_DIR}/ingresskit/py.typed
          share/doc/ingresskit/semantics.md share/doc/ingresskit/c-abi.md)
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

# Routes the Istio task's request from Python with PYTHONPATH=`path` and
# no other setting, and checks that the library came from `library_dir`.
function(python_routes path library_dir)
  set(script "import ingresskit, sys
t = ingresskit.compile(sys.argv[1], controller_mode='DEFAULT')
r = t.match('httpbin.example.com', '/status/1')
assert r is not None and r.port == 8000, r
print('python: ingresskit', ingresskit.__version__, 'from', ingresskit._lib._name)")
  set(ingress "apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ingress}
spec:
  rules:
  - host: httpbin.example.com
    http:
      paths:
      - {path: /status, pathType: Prefix, backend: {service: {name: httpbin, port: {number: 8000}}}}
")
  run(${CMAKE_COMMAND} -E env --unset=INGRESSKIT_LIBRARY --unset=LD_LIBRARY_PATH
    "PYTHONPATH=${path}" PYTHONDONTWRITEBYTECODE=1
    "${PYTHON}" -c "${script}" "${ingress}")
  if(NOT last_output MATCHES "from ${library_dir}/")
    message(FATAL_ERROR "Python loaded a library from elsewhere than "
      "${library_dir}: ${last_output}")
  endif()
endfunction()

# Python, installed: the package finds the installed library by itself.
python_routes("${prefix}/${PYTHON_DIR}" "${prefix}/${LIBDIR}")

# Python, with pip from the build tree and no network: the wheel carries
# the library it was built with.
set(pip_target "${WORK_DIR}/pip")
run(${CMAKE_COMMAND} -E env "INGRESSKIT_LIBRARY=${LIBRARY}"
  PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
  "${PYTHON}" -m pip install --no-build-isolation --no-deps --no-cache-dir
  --target "${pip_target}" "${SOURCE_DIR}/bindings/python")
python_routes("${pip_target}" "${pip_target}/ingresskit")
