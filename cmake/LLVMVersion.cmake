# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Which LLVM/Clang to build for (included by the top CMakeLists.txt).
#
#   -DLLVM_VERSION=N     Debian's /usr/lib/llvm-N (llvm-N-dev, libclang-N-dev, ...)
#   -DLLVM_DIR=DIR       the directory of LLVMConfig.cmake, anywhere (Fedora, Homebrew);
#                        LLVM_VERSION, if given too, must match it
#   neither              the newest /usr/lib/llvm-N that has LLVMConfig.cmake
#
# LLVM's CMake version file demands major.minor equality, so find_package(LLVM 19)
# fails for 19.1: LLVM is found by path and its major version checked here.
#
# Sets: LLVM_* and CLANG_* (find_package), CGO_LLVM_ROOT (the installation prefix)
# and CGO_LLVM_TESTED (ON for the versions CI tests).

set(CGO_LLVM_MIN 14)
# The versions CI builds and tests (cmake/tested-llvm-versions.txt, which the scripts
# read too); docs/development.md, "LLVM versions", says what each one changes.
# Others from CGO_LLVM_MIN on are expected to work, untested.
file(READ "${CMAKE_CURRENT_LIST_DIR}/tested-llvm-versions.txt" CGO_LLVM_TESTED_VERSIONS)
string(STRIP "${CGO_LLVM_TESTED_VERSIONS}" CGO_LLVM_TESTED_VERSIONS)
string(REGEX REPLACE "[ \t\n]+" ";" CGO_LLVM_TESTED_VERSIONS "${CGO_LLVM_TESTED_VERSIONS}")

set(LLVM_VERSION "" CACHE STRING
  "Major version of the LLVM/Clang to build for (14, 15, 16, 19, ...); empty: the newest in /usr/lib/llvm-*")
# LLVM's own LLVMConfig.cmake sets a variable LLVM_VERSION (the full version): keep ours.
set(CGO_LLVM_WANTED "$CACHE{LLVM_VERSION}")

# The newest /usr/lib/llvm-N with LLVM's CMake files (empty if none).
function(cgo_newest_llvm out)
  file(GLOB _dirs LIST_DIRECTORIES true "/usr/lib/llvm-[0-9]*")
  set(_best "")
  foreach(_d IN LISTS _dirs)
    string(REGEX MATCH "llvm-([0-9]+)$" _m "${_d}")
    if(_m AND EXISTS "${_d}/lib/cmake/llvm/LLVMConfig.cmake"
       AND (_best STREQUAL "" OR CMAKE_MATCH_1 GREATER _best))
      set(_best "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  set(${out} "${_best}" PARENT_SCOPE)
endfunction()

# An LLVM_DIR the user gave wins; one this file found before (CGO_LLVM_DIR_FOUND) is
# looked for again, so that reconfiguring with another LLVM_VERSION switches.
if(LLVM_DIR AND NOT LLVM_DIR STREQUAL CGO_LLVM_DIR_FOUND AND EXISTS "${LLVM_DIR}/LLVMConfig.cmake")
  find_package(LLVM REQUIRED CONFIG PATHS "${LLVM_DIR}" NO_DEFAULT_PATH)
else()
  set(_want "${CGO_LLVM_WANTED}")
  if(_want STREQUAL "")
    cgo_newest_llvm(_want)
    if(_want STREQUAL "")
      message(FATAL_ERROR "cgo-lifetime: no LLVM found in /usr/lib/llvm-*: install llvm-N-dev and "
        "libclang-N-dev (scripts/setup.sh --llvm N), or give -DLLVM_DIR=<dir of LLVMConfig.cmake>")
    endif()
  endif()
  if(NOT _want MATCHES "^[0-9]+$")
    message(FATAL_ERROR "cgo-lifetime: LLVM_VERSION is a major version such as 19, not '${_want}'")
  endif()
  set(_hint "/usr/lib/llvm-${_want}/lib/cmake/llvm")
  if(NOT EXISTS "${_hint}/LLVMConfig.cmake")
    message(FATAL_ERROR "cgo-lifetime: LLVM ${_want} is not installed (no ${_hint}/LLVMConfig.cmake): "
      "scripts/setup.sh --llvm ${_want} installs it on Debian 12, or give -DLLVM_DIR=...")
  endif()
  # Reconfiguring for another version must not keep the old one's paths.
  unset(LLVM_DIR CACHE)
  unset(Clang_DIR CACHE)
  find_package(LLVM REQUIRED CONFIG PATHS "${_hint}" NO_DEFAULT_PATH)
  set(CGO_LLVM_DIR_FOUND "${LLVM_DIR}" CACHE INTERNAL "The LLVM_DIR found from LLVM_VERSION")
endif()

if(CGO_LLVM_WANTED AND NOT CGO_LLVM_WANTED EQUAL LLVM_VERSION_MAJOR)
  message(FATAL_ERROR "cgo-lifetime: LLVM_VERSION=${CGO_LLVM_WANTED}, but ${LLVM_DIR} is LLVM ${LLVM_PACKAGE_VERSION}")
endif()
if(LLVM_VERSION_MAJOR LESS CGO_LLVM_MIN)
  message(FATAL_ERROR "cgo-lifetime needs LLVM/Clang ${CGO_LLVM_MIN} or newer, found ${LLVM_PACKAGE_VERSION} at ${LLVM_DIR}")
endif()
find_package(Clang REQUIRED CONFIG PATHS "${LLVM_DIR}/../clang" NO_DEFAULT_PATH)

# The installation prefix: LLVM_DIR is PREFIX/lib/cmake/llvm (Debian, Homebrew) or
# PREFIX/lib64/cmake/llvm (Fedora).
get_filename_component(CGO_LLVM_ROOT "${LLVM_DIR}/../../.." ABSOLUTE)

if(LLVM_VERSION_MAJOR IN_LIST CGO_LLVM_TESTED_VERSIONS)
  set(CGO_LLVM_TESTED ON)
  message(STATUS "cgo-lifetime: LLVM ${LLVM_PACKAGE_VERSION} from ${LLVM_DIR}")
else()
  set(CGO_LLVM_TESTED OFF)
  list(JOIN CGO_LLVM_TESTED_VERSIONS ", " _tested)
  message(WARNING "cgo-lifetime: LLVM ${LLVM_PACKAGE_VERSION} from ${LLVM_DIR} is expected to work but "
    "untested (tested: ${_tested}); run the suite (ninja check) before relying on it")
endif()

# The plugin API version string (CLANG_ANALYZER_API_VERSION_STRING is
# CLANG_VERSION_STRING, from clang/Basic/Version.inc): the exact release whose clang
# loads the plugin, which cgo-lifetime compares with `clang -dumpversion`.
set(CGO_CLANG_VERSION "")
foreach(_dir IN LISTS CLANG_INCLUDE_DIRS)
  if(CGO_CLANG_VERSION STREQUAL "" AND EXISTS "${_dir}/clang/Basic/Version.inc")
    file(STRINGS "${_dir}/clang/Basic/Version.inc" _line REGEX "^#define CLANG_VERSION_STRING ")
    string(REGEX REPLACE "^#define CLANG_VERSION_STRING \"([^\"]+)\".*" "\\1" CGO_CLANG_VERSION "${_line}")
  endif()
endforeach()
if(CGO_CLANG_VERSION STREQUAL "")
  message(FATAL_ERROR "cgo-lifetime: no clang/Basic/Version.inc in ${CLANG_INCLUDE_DIRS}")
endif()
# For scripts/build.sh: the release an existing build directory is for.
set(CGO_LLVM_MAJOR "${LLVM_VERSION_MAJOR}" CACHE INTERNAL "The LLVM major version of this build")
