# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Install layout and the Debian package (docs/integrations/install.md).
#
#   bin/cgo-lifetime, bin/cgo-boundary            the two commands
#   bin/cgo-scan-build                            scan-build over go build with the manifest, one step
#   bin/cgo-clang-tidy                            clang-tidy with the cgo module loaded
#   bin/cgo-clang                                 clang with the plugin loaded (CodeChecker's clangsa binary)
#   bin/cgo-lifetime-pre-commit                   the pre-commit hook (also .pre-commit-hooks.yaml)
#   LIBDIR/cgo-lifetime/CgoLifetime.so            the analyzer plugin (scan-build, clang --analyze)
#   LIBDIR/cgo-lifetime/CgoLifetimeTidy.so        the clang-tidy module
#   share/cgo-lifetime/codechecker/               the cgo checkers' CodeChecker labels and merge-labels.py
#   share/cgo-lifetime/models/*.json              library models (docs/models.md)
#   share/doc/cgo-lifetime/                       README.md, docs/*.md, checkers/*.md (SARIF's helpUri
#                                                 and the plugin's documentation URLs point here), integrations/
#
# LIBDIR is GNUInstallDirs' CMAKE_INSTALL_LIBDIR: lib, or lib/x86_64-linux-gnu for the
# prefix /usr on Debian (the .deb). The commands find the rest relative to themselves
# and print it (cgo-lifetime --print-plugin-path, --print-tidy-module-path), so no
# document names these paths.
#
# The targets install themselves (checker/*/CMakeLists.txt); this file adds the
# rest and CPack. The plugin API is matched by exact clang version, so the
# package is built for one LLVM release and says which in its name,
# cgo-lifetime-llvmN (cgo-lifetime-llvm19_0.1.0_amd64.deb), and depends on
# exactly the clang-N it was built against. The packages for different
# releases install the same commands, so one at a time: each Provides,
# Conflicts with and Replaces the virtual package cgo-lifetime.

install(PROGRAMS "${CMAKE_SOURCE_DIR}/checker/hooks/cgo-lifetime-pre-commit"
  DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES "${CMAKE_SOURCE_DIR}/README.md" DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY "${CMAKE_SOURCE_DIR}/docs/" DESTINATION ${CMAKE_INSTALL_DOCDIR}
  FILES_MATCHING PATTERN "*.md" PATTERN "*.yml" PATTERN "*.yaml")

# --- CPack: a .deb ---------------------------------------------------------
# The exact Debian version of the clang the plugin was built for, e.g.
# 1:19.1.7-3~deb12u1 (override with -DCGO_DEB_CLANG_VERSION=...).
set(CGO_DEB_CLANG_PACKAGE "clang-${LLVM_VERSION_MAJOR}")
if(NOT CGO_DEB_CLANG_VERSION)
  find_program(CGO_DPKG_QUERY dpkg-query)
  if(CGO_DPKG_QUERY)
    execute_process(COMMAND "${CGO_DPKG_QUERY}" -W "-f=\${Version}" "${CGO_DEB_CLANG_PACKAGE}"
      OUTPUT_VARIABLE CGO_DEB_CLANG_VERSION ERROR_QUIET RESULT_VARIABLE _cgo_dpkg_rc)
    if(NOT _cgo_dpkg_rc EQUAL 0)
      set(CGO_DEB_CLANG_VERSION "")
    endif()
  endif()
endif()
if(CGO_DEB_CLANG_VERSION)
  set(_cgo_eq " (= ${CGO_DEB_CLANG_VERSION})")
else()
  # Not a Debian build machine: at least pin the upstream version.
  set(_cgo_eq " (>= 1:${LLVM_PACKAGE_VERSION}), ${CGO_DEB_CLANG_PACKAGE} (<< 1:${LLVM_PACKAGE_VERSION}.0~)")
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "${CGO_DEB_CLANG_PACKAGE}${_cgo_eq}, libclang-cpp${LLVM_VERSION_MAJOR}${_cgo_eq}, libclang1-${LLVM_VERSION_MAJOR}, libjansson4, libc6")
# cgo compiles with gcc: without it Go's escape analysis cannot run (exit status 3).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
  "clang-tools-${LLVM_VERSION_MAJOR}, clang-tidy-${LLVM_VERSION_MAJOR}, golang-go, gcc, pkg-config")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "pre-commit")

set(CPACK_GENERATOR "DEB" CACHE STRING "CPack generators")
set(CPACK_PACKAGE_NAME "cgo-lifetime-llvm${LLVM_VERSION_MAJOR}")
set(CPACK_DEBIAN_PACKAGE_PROVIDES "cgo-lifetime")
set(CPACK_DEBIAN_PACKAGE_CONFLICTS "cgo-lifetime")
set(CPACK_DEBIAN_PACKAGE_REPLACES "cgo-lifetime")
set(CPACK_PACKAGE_VENDOR "cgo-lifetime")
set(CPACK_PACKAGE_CONTACT "cgo-lifetime maintainers <cgo-lifetime@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "Finds pointer-lifetime bugs at the Go/C (cgo) boundary (for clang ${CGO_CLANG_VERSION})")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION_SUMMARY}
 cgo-lifetime runs the Clang Static Analyzer with its CgoLifetime.so plugin over the
 C code of Go packages. This package is built for clang ${CGO_CLANG_VERSION} (clang-${LLVM_VERSION_MAJOR}):
 an analyzer plugin loads only into the clang release it was built for. Its
 cgo-scan-build, cgo-clang-tidy and cgo-clang run scan-build, clang-tidy and clang
 of that release.")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
# The documentation URLs compiled into the plugin name CMAKE_INSTALL_PREFIX, so
# the package installs there too (configure with -DCMAKE_INSTALL_PREFIX=/usr).
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
# Debian's copyright file (machine-readable format) and the licence, where
# Debian wants them: /usr/share/doc/PACKAGE/.
install(FILES "${CMAKE_SOURCE_DIR}/cmake/copyright" "${CMAKE_SOURCE_DIR}/LICENSE"
  DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/doc/${CPACK_PACKAGE_NAME}")
include(CPack)
