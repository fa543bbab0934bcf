# Installs the libraries, public headers, the exported CMake package
# (ingresskit::ingresskit, ingresskit::ingresskit_static) and ingresskit.pc.

include_guard(GLOBAL)
include(CMakePackageConfigHelpers)

set(INGRESSKIT_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/ingresskit")

install(TARGETS ingresskit ingresskit_static
  EXPORT ingresskitTargets
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
    COMPONENT runtime NAMELINK_COMPONENT dev
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT dev
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT runtime
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/ingresskit"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT dev)
install(FILES "${INGRESSKIT_GENERATED_INCLUDE_DIR}/ingresskit/version.h"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/ingresskit" COMPONENT dev)
install(FILES "${PROJECT_SOURCE_DIR}/capi/include/ingresskit/c.h"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/ingresskit" COMPONENT dev)
install(FILES "${PROJECT_SOURCE_DIR}/capi/include/ingresskit.h"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT dev)

# The documentation, so that the headers' references to docs/*.md resolve
# for users too.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/docs/"
  DESTINATION "${CMAKE_INSTALL_DOCDIR}" COMPONENT doc)

install(EXPORT ingresskitTargets
  NAMESPACE ingresskit::
  DESTINATION "${INGRESSKIT_CMAKE_DIR}" COMPONENT dev)

configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/ingresskitConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/ingresskitConfig.cmake"
  INSTALL_DESTINATION "${INGRESSKIT_CMAKE_DIR}")
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/ingresskitConfigVersion.cmake"
  # While the version is 0.x every minor release may break the C++ API.
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/ingresskitConfig.cmake"
  "${PROJECT_BINARY_DIR}/ingresskitConfigVersion.cmake"
  DESTINATION "${INGRESSKIT_CMAKE_DIR}" COMPONENT dev)

# Relocatable: the prefix is found from where the .pc file was installed,
# so `cmake --install --prefix ...` gives a working file.
file(RELATIVE_PATH INGRESSKIT_PC_TO_PREFIX
  "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" INGRESSKIT_PC_TO_PREFIX "${INGRESSKIT_PC_TO_PREFIX}")
configure_file("${CMAKE_CURRENT_LIST_DIR}/ingresskit.pc.in"
  "${PROJECT_BINARY_DIR}/ingresskit.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/ingresskit.pc"
  DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig" COMPONENT dev)
